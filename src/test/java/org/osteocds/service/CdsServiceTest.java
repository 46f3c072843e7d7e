package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;

/**
 * The CDS Hooks service on a real Jetty server on a loopback port, called with the JDK's HTTP client, trusting an
 * EHR whose JWKS and FHIR server are a second real HTTP server ({@link FhirStub}); feedback and audit in SQLite.
 */
class CdsServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The discovery's observations key: it names the code list of the FHIR tables. */
    static final String OBSERVATIONS = Prefetch.templates(org.osteocds.io.FhirInput.observationCodes(
            OsteoCds.bundled())).keySet().stream().filter(k -> k.startsWith("observations")).findFirst().orElseThrow();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SYNTHEA = "src/test/resources/fhir-samples/synthea/"
            + "Alexia_Senger_a5f5a550-b13e-4f92-b194-6d118f67fcdb.json";

    @TempDir
    static Path dir;
    static FhirStub fhir;
    static Tokens tokens;
    static CdsServer server;

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirStub(Path.of(SYNTHEA));
        tokens = new Tokens();
        fhir.jwks = tokens.jwks();
        ServiceConfig config = new ServiceConfig(null, List.of(new ServiceConfig.Issuer(Tokens.ISSUER, fhir.jwksUrl(),
                false, null)), "Europe/London", 3_000_000L, 10, 4, 1, List.of("https://sandbox.cds-hooks.org"), 50,
                null, null);
        server = new CdsServer(config, OsteoCds::bundled, Store.open("jdbc:sqlite:" + dir.resolve("cds.db")),
                "127.0.0.1", 0, false).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        fhir.close();
    }

    static String url(String path) {
        return server.baseUrl() + path;
    }

    static HttpResponse<String> post(String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A patient-view request for the stub's patient; prefetch keys as given (none: all fetched). */
    static ObjectNode patientView(Map<String, JsonNode> prefetch, boolean withServer) {
        ObjectNode r = JSON.createObjectNode().put("hook", "patient-view")
                .put("hookInstance", java.util.UUID.randomUUID().toString());
        if (withServer) {
            r.put("fhirServer", fhir.base());
            r.putObject("fhirAuthorization").put("access_token", FhirStub.TOKEN).put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "osteo-cds");
        }
        r.putObject("context").put("userId", "Practitioner/1").put("patientId", fhir.patientId);
        ObjectNode p = r.putObject("prefetch");
        prefetch.forEach(p::set);
        return r;
    }

    static Map<String, JsonNode> fullPrefetch() {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        m.put("patient", fhir.patient);
        m.put("conditions", fhir.searchset("Condition"));
        m.put("procedures", fhir.searchset("Procedure"));
        m.put(OBSERVATIONS, fhir.searchset("Observation"));
        m.put("medicationRequests", fhir.searchset("MedicationRequest"));
        m.put("medicationStatements", fhir.searchset("MedicationStatement"));
        m.put("medicationAdministrations", fhir.searchset("MedicationAdministration"));
        m.put("familyHistory", fhir.searchset("FamilyMemberHistory"));
        return m;
    }

    static List<String> codes(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("cards").forEach(c -> out.add(c.path("source").path("topic").path("code").asText()));
        return out;
    }

    static JsonNode call(String service, ObjectNode request) throws Exception {
        HttpResponse<String> r = post("/cds-services/" + service, tokens.bearer(url("/cds-services/" + service)),
                request.toString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void discoveryListsOneServicePerHookWithPrefetchTemplates() throws Exception {
        HttpResponse<String> r = get("/cds-services");
        assertEquals(200, r.statusCode());
        JsonNode services = JSON.readTree(r.body()).path("services");
        assertEquals(3, services.size());
        List<String> ids = new ArrayList<>();
        services.forEach(s -> ids.add(s.path("id").asText() + " " + s.path("hook").asText()));
        assertEquals(List.of("osteo-cds-patient-view patient-view", "osteo-cds-order-select order-select",
                "osteo-cds-order-sign order-sign"), ids);
        JsonNode prefetch = services.get(0).path("prefetch");
        assertEquals("Patient/{{context.patientId}}", prefetch.path("patient").asText());
        assertTrue(prefetch.path(OBSERVATIONS).asText().contains("http://loinc.org|38267-1"),
                "the DXA T-score code the FHIR tables read: " + prefetch);
        assertTrue(r.headers().firstValue("X-Osteo-Cds-Ruleset").orElse("").startsWith("osteo-cds-core "));
    }

    @Test
    void patientViewWithCompletePrefetchGivesCardsInCdsHooksShapeWithoutCallingTheFhirServer() throws Exception {
        int before = fhir.requests.size();
        JsonNode response = call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        assertEquals(before, fhir.requests.size(), "nothing fetched: " + fhir.requests);
        assertFalse(response.path("cards").isEmpty(), response.toString());
        for (JsonNode c : response.path("cards")) {
            assertTrue(c.path("summary").asText().length() <= 140, c.toString());
            assertTrue(List.of("info", "warning", "critical").contains(c.path("indicator").asText()));
            assertEquals("urn:osteo-cds:advice", c.path("source").path("topic").path("system").asText());
            assertTrue(c.path("source").path("label").asText().startsWith("osteo-cds"));
            assertFalse(c.path("uuid").asText().isEmpty());
            assertTrue(c.path("detail").asText().contains("**Why:**"));
            assertEquals(4, c.path("overrideReasons").size());
        }
        JsonNode ext = response.path("extension").path("org.osteo-cds");
        assertEquals(fhir.patientId, ext.path("patientId").asText());
        assertEquals("assessed", ext.path("status").asText());
        assertEquals("osteo-cds-core", ext.path("ruleset").path("id").asText());
    }

    @Test
    void missingKeysAreFetchedFromTheFhirServerWithTheAccessTokenAndGiveTheSameCards() throws Exception {
        JsonNode full = call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        Map<String, JsonNode> partial = new java.util.LinkedHashMap<>(fullPrefetch());
        partial.remove(OBSERVATIONS);
        partial.remove("conditions");
        fhir.requests.clear();
        fhir.authorizations.clear();
        JsonNode some = call(Hooks.PATIENT_VIEW, patientView(partial, true));
        assertEquals(codes(full), codes(some));
        assertTrue(fhir.requests.stream().anyMatch(q -> q.startsWith("/fhir/Observation?patient=")), fhir.requests.toString());
        assertTrue(fhir.requests.stream().anyMatch(q -> q.startsWith("/fhir/Condition?patient=")));
        assertTrue(fhir.requests.stream().noneMatch(q -> q.startsWith("/fhir/MedicationRequest")), fhir.requests.toString());
        assertTrue(fhir.authorizations.stream().allMatch(a -> a.equals("Bearer " + FhirStub.TOKEN)));

        fhir.requests.clear();
        JsonNode none = call(Hooks.PATIENT_VIEW, patientView(Map.of(), true));
        assertEquals(codes(full), codes(none));
        assertTrue(fhir.requests.stream().anyMatch(q -> q.contains("_page=1")), "pages followed: " + fhir.requests);
    }

    @Test
    void anOperationOutcomeInPlaceOfAResourceIsFetchedAgain() throws Exception {
        JsonNode full = call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        Map<String, JsonNode> prefetch = new java.util.LinkedHashMap<>(fullPrefetch());
        prefetch.put(OBSERVATIONS, JSON.readTree("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                + "\"error\",\"code\":\"timeout\"}]}"));
        fhir.requests.clear();
        assertEquals(codes(full), codes(call(Hooks.PATIENT_VIEW, patientView(prefetch, true))));
        assertTrue(fhir.requests.stream().anyMatch(q -> q.startsWith("/fhir/Observation?")));
    }

    @Test
    void aPaginatedPrefetchIsReadToItsLastPage() throws Exception {
        JsonNode full = call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        Map<String, JsonNode> prefetch = new java.util.LinkedHashMap<>(fullPrefetch());
        HttpResponse<String> page1 = HTTP.send(HttpRequest.newBuilder(URI.create(fhir.base()
                + "/Observation?patient=" + fhir.patientId)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode first = JSON.readTree(page1.body());
        assertTrue(first.path("link").toString().contains("_page=1"), "the stub pages: " + first.path("link"));
        prefetch.put(OBSERVATIONS, first);
        fhir.requests.clear();
        assertEquals(codes(full), codes(call(Hooks.PATIENT_VIEW, patientView(prefetch, true))));
        assertTrue(fhir.requests.stream().anyMatch(q -> q.contains("_page=1")), fhir.requests.toString());
    }

    @Test
    void aNullKeyMeansNoSuchDataAndIsNotFetched() throws Exception {
        Map<String, JsonNode> prefetch = new java.util.LinkedHashMap<>(fullPrefetch());
        prefetch.put("medicationRequests", com.fasterxml.jackson.databind.node.NullNode.getInstance());
        fhir.requests.clear();
        call(Hooks.PATIENT_VIEW, patientView(prefetch, true));
        assertEquals(List.of(), fhir.requests);
    }

    @Test
    void dataThatCannotBeHadIs412() throws Exception {
        String aud = url("/cds-services/" + Hooks.PATIENT_VIEW);
        HttpResponse<String> noServer = post("/cds-services/" + Hooks.PATIENT_VIEW, tokens.bearer(aud),
                patientView(Map.of("patient", fhir.patient), false).toString());
        assertEquals(412, noServer.statusCode());
        assertTrue(noServer.body().contains("no FHIR server"), noServer.body());
        for (FhirStub.Mode m : new FhirStub.Mode[] {FhirStub.Mode.SLOW, FhirStub.Mode.ERROR_500, FhirStub.Mode.NEEDS_TOKEN}) {
            fhir.mode = m;
            try {
                ObjectNode request = patientView(Map.of("patient", fhir.patient), true);
                if (m == FhirStub.Mode.NEEDS_TOKEN) {
                    ((ObjectNode) request.get("fhirAuthorization")).put("access_token", "a-stale-token");
                }
                HttpResponse<String> r = post("/cds-services/" + Hooks.PATIENT_VIEW, tokens.bearer(aud),
                        request.toString());
                assertEquals(412, r.statusCode(), m + ": " + r.body());
            } finally {
                fhir.mode = FhirStub.Mode.NORMAL;
            }
        }
    }

    @Test
    void onlyAValidFreshTokenOfATrustedIssuerForThisEndpointGetsIn() throws Exception {
        String path = "/cds-services/" + Hooks.PATIENT_VIEW;
        String aud = url(path);
        String body = patientView(fullPrefetch(), true).toString();
        String good = tokens.bearer(aud);
        assertEquals(200, post(path, good, body).statusCode());
        assertEquals(401, post(path, good, body).statusCode(), "replayed jti");
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("none", null);
        bad.put("expired", tokens.bearer(aud, c -> c.expirationTime(new java.util.Date(System.currentTimeMillis() - 120_000))
                .issueTime(new java.util.Date(System.currentTimeMillis() - 400_000))));
        bad.put("wrong audience", tokens.bearer(url("/cds-services/" + Hooks.ORDER_SIGN)));
        bad.put("untrusted issuer", tokens.bearer(aud, c -> c.issuer("https://evil.example.org")));
        bad.put("wrong key", tokens.bearerFromStranger(aud));
        bad.put("alg none", Tokens.bearerUnsigned(aud));
        bad.put("HMAC", tokens.bearerHmac(aud));
        bad.put("no jti", tokens.bearer(aud, c -> c.jwtID(null)));
        bad.put("lives too long", tokens.bearer(aud, c -> c.expirationTime(new java.util.Date(System.currentTimeMillis()
                + 3_600_000))));
        bad.put("not a JWT", "Bearer abc.def");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            HttpResponse<String> r = post(path, b.getValue(), body);
            assertEquals(401, r.statusCode(), b.getKey());
            assertEquals("", r.body(), "a bare 401: " + b.getKey());
        }
    }

    @Test
    void aDraftGlucocorticoidForSixMonthsGetsTheCardsItMakesDue() throws Exception {
        ObjectNode request = orderRequest("order-select", draft("6", "mo"));
        JsonNode response = call(Hooks.ORDER_SELECT, request);
        assertTrue(codes(response).contains("MEDICATION-GLUCOCORTICOID-ASSESSMENT"), response.toString());
        JsonNode base = call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        for (String c : codes(base)) {
            assertFalse(codes(response).contains(c), "a card the patient had without the order: " + c);
        }
        assertEquals(1, response.path("extension").path("org.osteo-cds").path("draftMedicineOrders").asInt());

        JsonNode twoWeeks = call(Hooks.ORDER_SIGN, orderRequest("order-sign", draft("14", "d")));
        assertFalse(codes(twoWeeks).contains("MEDICATION-GLUCOCORTICOID-ASSESSMENT"), twoWeeks.toString());
        assertFalse(codes(twoWeeks).contains("MEDICATION-BONE-REVIEW"), "a 14-day burst is neither ongoing nor long: "
                + twoWeeks);
        assertTrue(codes(call(Hooks.ORDER_SIGN, orderRequest("order-sign", draft("3", "mo"))))
                .contains("MEDICATION-GLUCOCORTICOID-ASSESSMENT"), "3 months are the 90 days of the threshold");

        JsonNode unknown = call(Hooks.ORDER_SIGN, orderRequest("order-sign", draft(null, null)));
        assertFalse(codes(unknown).contains("MEDICATION-GLUCOCORTICOID-ASSESSMENT"));
        assertTrue(unknown.path("extension").path("org.osteo-cds").path("dataGapsFromOrders").toString()
                .contains("medications"), unknown.toString());
    }

    @Test
    void orderSelectJudgesOnlyTheSelectedOrders() throws Exception {
        ObjectNode request = orderRequest("order-select", draft("6", "mo"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) request.path("context").path("selections")).removeAll()
                .add("MedicationRequest/another");
        assertFalse(codes(call(Hooks.ORDER_SELECT, request)).contains("MEDICATION-GLUCOCORTICOID-ASSESSMENT"));
    }

    static JsonNode draft(String value, String unit) throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree("""
                {"resourceType": "MedicationRequest", "id": "draft-1", "status": "draft", "intent": "order",
                 "subject": {"reference": "Patient/x"},
                 "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code": "312617", "display": "predniSONE 10 MG Oral Tablet"}], "text": "predniSONE 10 MG Oral Tablet"},
                 "dosageInstruction": [{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}},
                   "route": {"text": "oral"}, "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "TAB"}}]}]}
                """);
        if (value != null) {
            ((ObjectNode) m.path("dosageInstruction").get(0).path("timing").path("repeat")).putObject("boundsDuration")
                    .put("value", Integer.parseInt(value)).put("system", "http://unitsofmeasure.org").put("code", unit);
        }
        return m;
    }

    static ObjectNode orderRequest(String hook, JsonNode draft) {
        ObjectNode r = patientView(fullPrefetch(), true);
        r.put("hook", hook);
        ObjectNode context = (ObjectNode) r.get("context");
        ObjectNode bundle = context.putObject("draftOrders").put("resourceType", "Bundle").put("type", "collection");
        bundle.putArray("entry").addObject().set("resource", draft);
        if (hook.equals("order-select")) {
            context.putArray("selections").add("MedicationRequest/draft-1");
        }
        return r;
    }

    @Test
    void feedbackIsStoredWithTheCardsAdviceCodeAndRulesetAndSummarised() throws Exception {
        JsonNode response = call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        JsonNode first = response.path("cards").get(0);
        String code = first.path("source").path("topic").path("code").asText();
        String path = "/cds-services/" + Hooks.PATIENT_VIEW + "/feedback";
        String body = "{\"feedback\":[{\"card\":\"" + first.path("uuid").asText() + "\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"reason\":{\"system\":\"urn:osteo-cds:override-reason\",\"code\":\"already-done\"},"
                + "\"userComment\":\"Mrs X had it done last week at St Elsewhere\"},\"outcomeTimestamp\":\"2026-12-02T10:00:00Z\"},"
                + "{\"card\":\"" + first.path("uuid").asText() + "\",\"outcome\":\"accepted\","
                + "\"outcomeTimestamp\":\"2026-12-02T10:01:00Z\"}]}";
        HttpResponse<String> r = post(path, tokens.bearer(url(path)), body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(401, post(path, null, body).statusCode());
        assertEquals(400, post(path, tokens.bearer(url(path)), "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"ignored\"}]}")
                .statusCode());
        Map<String, Map<String, Long>> summary = server.store().summary();
        Map<String, Long> forCode = summary.get(code);
        assertNotNull(forCode, summary.toString());
        assertTrue(forCode.get("overridden") >= 1 && forCode.get("accepted") >= 1, forCode.toString());
        assertTrue(forCode.get("reason:already-done") >= 1, forCode.toString());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url("/feedback/summary")))
                .header("Authorization", tokens.bearer(url("/feedback/summary"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(code), page.body());
        assertFalse(page.body().contains("St Elsewhere"), "free text is not stored");
    }

    @Test
    void everyCallIsAuditedWithoutClinicalFreeText() throws Exception {
        ObjectNode request = patientView(fullPrefetch(), true);
        JsonNode response = call(Hooks.PATIENT_VIEW, request);
        server.flushAudit();
        Map<String, Object> row = server.store().latestAudit(20).stream()
                .filter(a -> request.path("hookInstance").asText().equals(a.get("hook_instance"))).findFirst().orElseThrow();
        assertEquals(fhir.patientId, row.get("patient_id"));
        assertEquals(Tokens.ISSUER + " client-42", row.get("caller"));
        assertEquals(String.join(" ", codes(response)), row.get("advice_codes"));
        assertEquals(200, ((Number) row.get("http_status")).intValue());
        assertFalse(row.toString().contains("**Why:**"));
    }

    @Test
    void badRequestsAreAnsweredPlainly() throws Exception {
        String path = "/cds-services/" + Hooks.PATIENT_VIEW;
        assertEquals(400, post(path, tokens.bearer(url(path)), "{not json").statusCode());
        ObjectNode wrongHook = patientView(fullPrefetch(), true).put("hook", "order-sign");
        HttpResponse<String> r = post(path, tokens.bearer(url(path)), wrongHook.toString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("answers hook 'patient-view'"), r.body());
        assertEquals(404, post("/cds-services/nope", tokens.bearer(url("/cds-services/nope")), "{}").statusCode());
        String huge = "{\"hook\":\"patient-view\",\"pad\":\"" + "x".repeat(3_100_000) + "\"}";
        HttpResponse<String> tooLarge = post(path, tokens.bearer(url(path)), huge);
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body().contains("\"error\":\"the body is larger than"), tooLarge.body());
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        assertEquals(200, get("/health/live").statusCode());
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("osteo-cds-core"));
        call(Hooks.PATIENT_VIEW, patientView(fullPrefetch(), true));
        HttpResponse<String> m = get("/metrics");
        assertTrue(m.body().contains("osteocds_hook_calls_total{service=\"osteo-cds-patient-view\",status=\"200\"}"),
                m.body());
    }
}
