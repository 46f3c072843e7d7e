package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data a hook call is assessed on, per prefetch key, as CDS Hooks 2.0 says: a key present in the request is
 * used as it is ({@code null}: the EHR has no such data); a key missing, holding an OperationOutcome, or holding a
 * search the EHR could not complete (an error entry, fewer entries than its {@code total}) is fetched from the
 * request's {@code fhirServer} with its {@code fhirAuthorization} bearer token, following a search's {@code next}
 * pages (those of a paginated prefetch too) on that server only. Data that cannot be had (no FHIR server, a server
 * not allowed for the caller, an error, a time-out, more than {@value #MAX_PAGES} pages) makes the call fail with
 * 412, never an assessment on part of the record. Every resource a key gives is the context patient's (the EHR
 * searched by that patient), so its patient reference is set to it.
 */
final class Prefetch {
    /** The most pages of one search that are read; a longer search is refused (412), never cut. */
    static final int MAX_PAGES = 50;
    /** The largest response of the FHIR server that is read. */
    static final int MAX_RESPONSE_BYTES = 20_000_000;
    /** Resources a server gives per page when asked ({@code _count}) on fetches. */
    static final int PAGE_SIZE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Prefetch.class);

    /** The templates of discovery, by key; the observations' codes come from the FHIR tables. */
    static Map<String, String> templates(List<String> observationCodes) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("patient", "Patient/{{context.patientId}}");
        t.put("conditions", "Condition?patient={{context.patientId}}");
        t.put("procedures", "Procedure?patient={{context.patientId}}");
        // the key names the code list, so that an EHR that cached an older list fetches anew after the tables change
        String codes = String.join(",", observationCodes);
        t.put("observations-" + Integer.toHexString(codes.hashCode()), "Observation?patient={{context.patientId}}&code="
                + codes);
        t.put("medicationRequests", "MedicationRequest?patient={{context.patientId}}");
        t.put("medicationStatements", "MedicationStatement?patient={{context.patientId}}");
        t.put("medicationAdministrations", "MedicationAdministration?patient={{context.patientId}}");
        t.put("familyHistory", "FamilyMemberHistory?patient={{context.patientId}}");
        return t;
    }

    /** The data of a call could not be had: answered with 412 and this message (details only in the log). */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

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
     * @param servers   the FHIR servers this caller may send the service to ({@code null}: any)
     * @return every resource of every key (a key's Bundle unpacked), the Patient first
     * @throws Unavailable when a key's data cannot be had
     */
    List<JsonNode> resolve(JsonNode request, Map<String, String> templates, String patientId, List<String> servers)
            throws Unavailable {
        JsonNode given = request.path("prefetch");
        String named = text(request, "fhirServer");
        String token = text(request.path("fhirAuthorization"), "access_token");
        String server = named;
        if (named != null && (servers != null && servers.stream().noneMatch(s -> Urls.under(named, s))
                || !named.startsWith("https://") && !named.startsWith("http://"))) {
            LOG.warn("fhirServer {} is not one this caller may name", named);
            server = null;
        }
        List<JsonNode> out = new ArrayList<>();
        Map<String, CompletableFuture<List<JsonNode>>> fetching = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> t : templates.entrySet()) {
                String key = t.getKey();
                JsonNode value = given.isObject() && given.has(key) ? given.get(key) : null;
                if (value != null && value.isNull()) {
                    if (key.equals("patient")) {
                        throw new Unavailable("prefetch 'patient' is null: the EHR has no such patient");
                    }
                    continue;   // the EHR has no such data
                }
                if (value != null && !isOutcome(value) && complete(value)) {
                    if (!value.isObject() || !value.has("resourceType")) {
                        throw new Unavailable("prefetch '" + key + "' is not a FHIR resource");
                    }
                    int before = out.size();
                    unpack(value, out);
                    String next = nextLink(value);
                    if (next != null) {   // a paginated prefetch: the rest of the search is on the FHIR server
                        if (server == null || !Urls.under(next, server)) {
                            throw new Unavailable("prefetch '" + key + "' has more pages, and the request names no "
                                    + "FHIR server they are on");
                        }
                        fetching.put(key, fetch(server, next, token, 1, total(value), out.size() - before));
                    }
                    continue;
                }
                if (server == null) {
                    throw new Unavailable("prefetch '" + key + "' is " + (value == null ? "missing" : "incomplete")
                            + " and the request names no FHIR server to fetch it from");
                }
                String query = t.getValue().replace("{{context.patientId}}", patientId);
                if (query.contains("?")) {
                    query += "&_count=" + PAGE_SIZE;
                }
                fetching.put(key, fetch(server, query, token, 0, -1, 0));
            }
            long deadline = System.nanoTime() + timeout.toNanos() * 2;
            for (Map.Entry<String, CompletableFuture<List<JsonNode>>> f : fetching.entrySet()) {
                long left = Math.max(1, deadline - System.nanoTime());
                try {
                    out.addAll(f.getValue().get(left, TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    throw new Unavailable("the FHIR server did not answer '" + f.getKey() + "' in time");
                } catch (ExecutionException e) {
                    LOG.info("fetching '{}' failed: {}", f.getKey(), e.getCause() == null ? e : e.getCause().toString());
                    throw new Unavailable("could not fetch '" + f.getKey() + "' from the FHIR server");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Unavailable("interrupted");
                }
            }
        } finally {
            fetching.values().forEach(f -> f.cancel(true));
        }
        out.sort(Comparator.comparing((JsonNode r) -> !"Patient".equals(text(r, "resourceType"))));
        if (out.isEmpty() || !"Patient".equals(text(out.get(0), "resourceType"))) {
            throw new Unavailable("no Patient resource for the patient in context");
        }
        if (!patientId.equals(text(out.get(0), "id"))) {
            throw new Unavailable("the Patient resource's id is not context.patientId");
        }
        for (JsonNode r : out.subList(1, out.size())) {   // searched by this patient: they are this patient's
            for (String field : new String[] {"subject", "patient"}) {
                if (r.isObject() && r.has(field)) {
                    ((ObjectNode) r).putObject(field).put("reference", "Patient/" + patientId);
                }
            }
        }
        return out;
    }

    private CompletableFuture<List<JsonNode>> fetch(String server, String query, String token, int page, long total,
                                                    int seen) {
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
        return http.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(r -> body(r, uri))
                .thenCompose(body -> {
                    if (body == null) {
                        return CompletableFuture.failedFuture(new IOException("no FHIR JSON from " + uri.getPath()));
                    }
                    if (isOutcome(body)) {
                        return CompletableFuture.failedFuture(new IOException("an OperationOutcome for " + uri.getPath()));
                    }
                    List<JsonNode> found = new ArrayList<>();
                    unpack(body, found);
                    if (hasError(body)) {
                        return CompletableFuture.failedFuture(new IOException("an error entry in " + uri.getPath()));
                    }
                    long all = total >= 0 ? total : total(body);
                    String next = nextLink(body);
                    if (next == null) {
                        if (all >= 0 && seen + found.size() < all) {
                            return CompletableFuture.failedFuture(new IOException("the search ended before its total"));
                        }
                        return CompletableFuture.completedFuture(found);
                    }
                    if (!Urls.under(next, server)) {
                        // the token goes to the EHR's FHIR server only, never to a host a response names
                        return CompletableFuture.failedFuture(new IOException("a next page outside the FHIR server"));
                    }
                    if (page + 1 >= MAX_PAGES) {
                        return CompletableFuture.failedFuture(new IOException("more than " + MAX_PAGES + " pages"));
                    }
                    return fetch(server, next, token, page + 1, all, seen + found.size()).thenApply(more -> {
                        found.addAll(more);
                        return found;
                    });
                });
    }

    /** @return the response's JSON, or {@code null} when it is not a 200 with FHIR JSON within the size limit */
    private JsonNode body(HttpResponse<InputStream> r, URI uri) {
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                LOG.info("HTTP {} from the FHIR server for {}", r.statusCode(), uri.getPath());
                return null;
            }
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                LOG.info("a response over {} bytes for {}", MAX_RESPONSE_BYTES, uri.getPath());
                return null;
            }
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a prefetched value can be used as it is: no error entry, and no fewer entries than its total. */
    private static boolean complete(JsonNode value) {
        if (!"Bundle".equals(text(value, "resourceType"))) {
            return true;
        }
        long total = total(value);
        return !hasError(value) && (total < 0 || nextLink(value) != null || value.path("entry").size() >= total);
    }

    private static long total(JsonNode bundle) {
        JsonNode t = bundle.get("total");
        return t != null && t.canConvertToLong() ? t.asLong() : -1;
    }

    /** Whether a search Bundle holds an OperationOutcome entry of severity error or fatal. */
    private static boolean hasError(JsonNode bundle) {
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            if (isOutcome(r)) {
                for (JsonNode issue : r.path("issue")) {
                    String severity = text(issue, "severity");
                    if ("error".equals(severity) || "fatal".equals(severity)) {
                        return true;
                    }
                }
            }
        }
        return false;
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
