package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The data a hook call is assessed on, per prefetch key, as CDS Hooks 2.0 says: a key present in the request is
 * used as it is ({@code null}: the EHR has no such data); a key missing, or holding an OperationOutcome (the EHR
 * could not fetch it), is fetched from the request's {@code fhirServer} with its {@code fhirAuthorization} bearer
 * token, following a search's {@code next} pages (those of a paginated prefetch too). Data that cannot be had (no FHIR server, an error, a time-out)
 * makes the call fail with 412, never an assessment on part of the record.
 */
final class Prefetch {
    /** The templates of discovery, by key; the observations' codes come from the FHIR tables. */
    static Map<String, String> templates(List<String> observationCodes) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("patient", "Patient/{{context.patientId}}");
        t.put("conditions", "Condition?patient={{context.patientId}}");
        t.put("procedures", "Procedure?patient={{context.patientId}}");
        t.put("observations", "Observation?patient={{context.patientId}}&code=" + String.join(",", observationCodes));
        t.put("medicationRequests", "MedicationRequest?patient={{context.patientId}}");
        t.put("medicationStatements", "MedicationStatement?patient={{context.patientId}}");
        t.put("medicationAdministrations", "MedicationAdministration?patient={{context.patientId}}");
        t.put("familyHistory", "FamilyMemberHistory?patient={{context.patientId}}");
        return t;
    }

    /** The data of a call could not be had: answered with 412 and this message. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private static final int MAX_PAGES = 20;

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    Prefetch(HttpClient http, ObjectMapper json, Duration timeout) {
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    /**
     * @param request   the hook request
     * @param templates the discovery's templates
     * @param patientId the patient in context
     * @return every resource of every key (a key's Bundle unpacked), the Patient first
     * @throws Unavailable when a key's data cannot be had
     */
    List<JsonNode> resolve(JsonNode request, Map<String, String> templates, String patientId) throws Unavailable {
        JsonNode given = request.path("prefetch");
        String server = text(request, "fhirServer");
        String token = text(request.path("fhirAuthorization"), "access_token");
        List<JsonNode> out = new ArrayList<>();
        Map<String, CompletableFuture<List<JsonNode>>> fetching = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : templates.entrySet()) {
            String key = t.getKey();
            JsonNode value = given.isObject() && given.has(key) ? given.get(key) : null;
            if (value != null && value.isNull()) {
                if (key.equals("patient")) {
                    throw new Unavailable("prefetch 'patient' is null: the EHR has no Patient " + patientId);
                }
                continue;   // the EHR has no such data
            }
            if (value != null && !isOutcome(value)) {
                if (!value.isObject() || !value.has("resourceType")) {
                    throw new Unavailable("prefetch '" + key + "' is not a FHIR resource");
                }
                unpack(value, out);
                String next = nextLink(value);
                if (next != null) {   // a paginated prefetch: the rest of the search is on the FHIR server
                    if (server == null || !next.startsWith(server)) {
                        throw new Unavailable("prefetch '" + key + "' has more pages, and they are not on the "
                                + "request's fhirServer");
                    }
                    fetching.put(key, fetch(server, next, token, 1));
                }
                continue;
            }
            if (server == null) {
                throw new Unavailable("prefetch '" + key + "' is " + (value == null ? "missing" : "an OperationOutcome")
                        + " and the request names no fhirServer to fetch it from");
            }
            String query = t.getValue().replace("{{context.patientId}}", patientId);
            fetching.put(key, fetch(server, query, token, 0));
        }
        for (Map.Entry<String, CompletableFuture<List<JsonNode>>> f : fetching.entrySet()) {
            try {
                out.addAll(f.getValue().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                throw new Unavailable("the FHIR server did not answer '" + f.getKey() + "' in time");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw new Unavailable("could not fetch '" + f.getKey() + "' from the FHIR server: "
                        + (c == null ? e.getMessage() : c.getMessage() != null ? c.getMessage()
                        : c.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted");
            }
        }
        out.sort(java.util.Comparator.comparing((JsonNode r) -> !"Patient".equals(text(r, "resourceType"))));
        if (out.isEmpty() || !"Patient".equals(text(out.get(0), "resourceType"))) {
            throw new Unavailable("no Patient resource for " + patientId);
        }
        return out;
    }

    private CompletableFuture<List<JsonNode>> fetch(String server, String query, String token, int page) {
        URI uri;
        try {
            uri = query.startsWith("http://") || query.startsWith("https://") ? URI.create(query)
                    : URI.create((server.endsWith("/") ? server : server + "/") + encoded(query));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IOException("bad FHIR server URL"));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/fhir+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenCompose(r -> {
                    if (r.statusCode() == 404 && query.startsWith("Patient/")) {
                        return CompletableFuture.failedFuture(new IOException("the FHIR server has no " + query));
                    }
                    if (r.statusCode() != 200) {
                        return CompletableFuture.failedFuture(new IOException("HTTP " + r.statusCode() + " for "
                                + uri.getPath()));
                    }
                    JsonNode body;
                    try {
                        body = json.readTree(r.body());
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(new IOException("not FHIR JSON from " + uri.getPath()));
                    }
                    if (isOutcome(body)) {
                        return CompletableFuture.failedFuture(new IOException("an OperationOutcome for " + uri.getPath()));
                    }
                    List<JsonNode> found = new ArrayList<>();
                    unpack(body, found);
                    String next = nextLink(body);
                    if (next != null && !next.startsWith(server)) {
                        // the token goes to the EHR's FHIR server only, never to a host a response names
                        return CompletableFuture.failedFuture(new IOException("a next page outside the FHIR server"));
                    }
                    if (next == null || page + 1 >= MAX_PAGES) {
                        return CompletableFuture.completedFuture(found);
                    }
                    return fetch(server, next, token, page + 1).thenApply(more -> {
                        found.addAll(more);
                        return found;
                    });
                });
    }

    /** A relative query with its parameter values percent-encoded ({@code |} and {@code ,} included). */
    static String encoded(String query) {
        int q = query.indexOf('?');
        if (q < 0) {
            return query;
        }
        StringBuilder b = new StringBuilder(query.substring(0, q + 1));
        String[] params = query.substring(q + 1).split("&");
        for (int i = 0; i < params.length; i++) {
            String[] kv = params[i].split("=", 2);
            b.append(i == 0 ? "" : "&").append(kv[0]);
            if (kv.length > 1) {
                b.append('=').append(java.net.URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** A Bundle gives its entries' resources (not a search's OperationOutcome entries); a resource gives itself. */
    private static void unpack(JsonNode value, List<JsonNode> out) {
        if ("Bundle".equals(text(value, "resourceType"))) {
            for (JsonNode e : value.path("entry")) {
                JsonNode r = e.get("resource");
                if (r != null && r.isObject() && !isOutcome(r) && !"outcome".equals(text(e.path("search"), "mode"))) {
                    out.add(r);
                }
            }
        } else {
            out.add(value);
        }
    }

    private static String nextLink(JsonNode bundle) {
        for (JsonNode l : bundle.path("link")) {
            if ("next".equals(text(l, "relation"))) {
                return text(l, "url");
            }
        }
        return null;
    }

    private static boolean isOutcome(JsonNode n) {
        return "OperationOutcome".equals(text(n, "resourceType"));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
