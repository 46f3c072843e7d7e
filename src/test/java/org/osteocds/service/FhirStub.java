package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FHIR server on a loopback port for the service tests: serves one Synthea patient's resources (references
 * rewritten to {@code Patient/id}, as a server gives them), searches by patient in pages of 10 with {@code next}
 * links, and the test JWKS. It can be slow, fail with 500, or insist on a bearer token (401), and it records the
 * requests it got.
 */
final class FhirStub implements AutoCloseable {
    enum Mode { NORMAL, SLOW, ERROR_500, NEEDS_TOKEN }

    static final String TOKEN = "fhir-access-token-for-tests";
    private static final int PAGE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String patientId;
    final ObjectNode patient;
    final Map<String, List<JsonNode>> byType = new HashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.NORMAL;
    volatile String jwks = "{\"keys\":[]}";
    private final HttpServer server;

    FhirStub(Path syntheaBundle) throws IOException {
        JsonNode bundle = JSON.readTree(syntheaBundle.toFile());
        ObjectNode p = null;
        for (JsonNode e : bundle.path("entry")) {
            if ("Patient".equals(e.path("resource").path("resourceType").asText())) {
                p = (ObjectNode) e.path("resource");
            }
        }
        this.patient = p;
        this.patientId = p.path("id").asText();
        for (JsonNode e : bundle.path("entry")) {
            ObjectNode r = (ObjectNode) e.path("resource").deepCopy();
            for (String field : new String[] {"subject", "patient"}) {
                if (r.has(field) && r.get(field).has("reference")) {
                    ((ObjectNode) r.get(field)).put("reference", "Patient/" + patientId);
                }
            }
            byType.computeIfAbsent(r.path("resourceType").asText(), k -> new ArrayList<>()).add(r);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** @return the resources of a type, or none */
    List<JsonNode> all(String type) {
        return byType.getOrDefault(type, List.of());
    }

    /** @return a searchset Bundle of the resources of a type (for a prefetch) */
    ObjectNode searchset(String type) {
        ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = b.putArray("entry");
        for (JsonNode r : all(type)) {
            entries.addObject().set("resource", r);
        }
        return b;
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery();
        if (path.equals("/jwks.json")) {
            send(x, 200, jwks);
            return;
        }
        requests.add(path + (query == null ? "" : "?" + query));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        switch (mode) {
            case SLOW -> {
                try {
                    Thread.sleep(4_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case ERROR_500 -> {
                send(x, 500, "{\"resourceType\":\"OperationOutcome\"}");
                return;
            }
            case NEEDS_TOKEN -> {
                if (!("Bearer " + TOKEN).equals(auth)) {
                    send(x, 401, "");
                    return;
                }
            }
            default -> { }
        }
        String rest = path.substring("/fhir/".length());
        if (rest.startsWith("Patient/")) {
            send(x, rest.equals("Patient/" + patientId) ? 200 : 404, rest.equals("Patient/" + patientId)
                    ? patient.toString() : "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        Map<String, String> params = params(query);
        List<JsonNode> found = new ArrayList<>();
        if (patientId.equals(params.get("patient"))) {
            for (JsonNode r : all(rest)) {
                if (params.containsKey("code") && !codeMatches(r, params.get("code"))) {
                    continue;
                }
                found.add(r);
            }
        }
        int page = Integer.parseInt(params.getOrDefault("_page", "0"));
        int from = page * PAGE;
        ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset")
                .put("total", found.size());
        ArrayNode entries = b.putArray("entry");
        for (JsonNode r : found.subList(Math.min(from, found.size()), Math.min(from + PAGE, found.size()))) {
            entries.addObject().set("resource", r);
        }
        if (from + PAGE < found.size()) {
            String next = base() + "/" + rest + "?" + (query == null ? "" : query.replaceAll("&?_page=\\d+", ""))
                    + "&_page=" + (page + 1);
            b.putArray("link").addObject().put("relation", "next").put("url", next);
        }
        send(x, 200, b.toString());
    }

    private static boolean codeMatches(JsonNode r, String codes) {
        for (String c : codes.split(",")) {
            String[] sc = c.split("\\|", 2);
            for (JsonNode coding : r.path("code").path("coding")) {
                if (coding.path("system").asText().equals(sc[0]) && coding.path("code").asText().equals(sc[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> params(String query) {
        if (query == null) {
            return Collections.emptyMap();
        }
        Map<String, String> m = new HashMap<>();
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                    p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        return m;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/fhir+json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
