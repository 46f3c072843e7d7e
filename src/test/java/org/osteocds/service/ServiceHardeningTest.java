package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;

/** Where the EHR's access token may go, and URLs compared by their parts. */
class ServiceHardeningTest {

    @Test
    void urlsAreComparedByParts() {
        assertTrue(Urls.under("https://ehr.example.org/fhir/Observation?x=1", "https://ehr.example.org/fhir"));
        assertTrue(Urls.under("https://EHR.example.org:443/fhir/", "https://ehr.example.org/fhir/"));
        assertFalse(Urls.under("https://ehr.example.org.evil.com/fhir", "https://ehr.example.org"));
        assertFalse(Urls.under("https://ehr.example.org@evil.com/fhir", "https://ehr.example.org"));
        assertFalse(Urls.under("https://user@ehr.example.org/fhir", "https://ehr.example.org"));
        assertFalse(Urls.under("https://ehr.example.org/fhirx/Patient", "https://ehr.example.org/fhir"));
        assertFalse(Urls.under("http://ehr.example.org/fhir", "https://ehr.example.org/fhir"));
        assertFalse(Urls.under("https://ehr.example.org:8443/fhir", "https://ehr.example.org/fhir"));
        assertFalse(Urls.under("not a url", "https://ehr.example.org"));
    }

    @Test
    void aFhirServerTheIssuerDoesNotListGetsNoTokenAndTheCallIs412(@TempDir Path dir) throws Exception {
        try (FhirStub fhir = new FhirStub(Path.of(CdsServiceTest.SYNTHEA))) {
            Tokens tokens = new Tokens();
            fhir.jwks = tokens.jwks();
            ServiceConfig config = new ServiceConfig(null, List.of(new ServiceConfig.Issuer(Tokens.ISSUER,
                    fhir.jwksUrl(), false, null, List.of("https://fhir.ehr.example.org/r4"))), null, null, null, null,
                    1, null, null, null, null);
            try (CdsServer server = new CdsServer(config, OsteoCds::bundled,
                    Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, false).start()) {
                CdsServiceTest.fhir = fhir;
                String path = "/cds-services/" + Hooks.PATIENT_VIEW;
                String body = CdsServiceTest.patientView(Map.of("patient", fhir.patient), true).toString();
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + path)).header("Authorization", tokens.bearer(server.baseUrl()
                        + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(412, r.statusCode(), r.body());
                assertEquals(List.of(), fhir.requests, "the token went nowhere");
            }
        }
    }

    @Test
    void theSandboxMayCallFromItsOriginAndOthersMayNot(@TempDir Path dir) throws Exception {
        ServiceConfig config = new ServiceConfig(null, null, null, null, null, null, null,
                List.of("https://sandbox.cds-hooks.org"), null, null, null);
        try (CdsServer server = new CdsServer(config, OsteoCds::bundled,
                Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, true).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/cds-services"))
                    .header("Origin", "https://sandbox.cds-hooks.org").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("https://sandbox.cds-hooks.org", ok.headers().firstValue("Access-Control-Allow-Origin")
                    .orElse(""));
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/cds-services")).header("Origin", "https://evil.example.org").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void anOperatorTokenReadsTheFeedbackSummaryAndNothingElse(@TempDir Path dir) throws Exception {
        String token = "rule-authors-" + java.util.UUID.randomUUID();
        String sha = java.util.HexFormat.of().formatHex(Trust.sha256(token));
        ServiceConfig config = new ServiceConfig(null, null, null, null, null, null, null, null, null, null,
                List.of(sha.toUpperCase(java.util.Locale.ROOT)));   // hex in either case
        try (CdsServer server = new CdsServer(config, OsteoCds::bundled,
                Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, false).start()) {
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.BiFunction<String, String, Integer> get = (path, bearer) -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
                if (bearer != null) {
                    b.header("Authorization", "Bearer " + bearer);
                }
                try {
                    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertEquals(200, get.apply("/feedback/summary", token));
            assertEquals(401, get.apply("/feedback/summary", token + "x"));
            assertEquals(401, get.apply("/feedback/summary", sha), "the hash itself is not the token");
            assertEquals(401, get.apply("/feedback/summary", null));
            HttpResponse<String> hook = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/cds-services/" + Hooks.PATIENT_VIEW)).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, hook.statusCode(), "an operator token is not an EHR's");
        }
    }

    @Test
    void anOperatorTokenHashMustBeASha256() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ServiceConfig(null, null, null, null, null, null, null, null, null, null,
                        List.of("secret-token-in-plain")));
        assertTrue(e.getMessage().contains("operatorTokenSha256[0]"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token-in-plain"), "a misplaced token is not echoed");
    }

    @Test
    void aKeyGivenTwiceInARequestIsRefusedNotResolvedToItsLastValue(@TempDir Path dir) throws Exception {
        try (CdsServer server = new CdsServer(ServiceConfig.defaults(), OsteoCds::bundled,
                Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, true).start()) {
            String body = java.nio.file.Files.readString(Path.of("test-fixtures/samples/cds-hooks-patient-view.json"));
            String twice = body.replaceFirst("\"birthDate\"\\s*:\\s*\"([^\"]+)\"",
                    "\"birthDate\": \"$1\", \"birthDate\": \"2020-01-01\"");
            org.junit.jupiter.api.Assertions.assertNotEquals(body, twice, "the sample has a birthDate");
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Function<String, HttpResponse<String>> call = b -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/cds-services/"
                            + Hooks.PATIENT_VIEW)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(b)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertEquals(200, call.apply(body).statusCode());
            HttpResponse<String> r = call.apply(twice);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("the body gives the key 'birthDate' twice in one object"), r.body());
            // every level and shape: the body's root, the context, an object in an array (a coding of a Bundle
            // entry), a null value, and a key written with an escape (the same key once decoded)
            Map<String, String[]> variants = new java.util.LinkedHashMap<>();
            variants.put("hook", new String[] {"\"hook\"\\s*:\\s*\"([^\"]+)\"",
                "\"hook\": \"$1\", \"hook\": \"order-sign\""});
            variants.put("patientId", new String[] {"\"patientId\"\\s*:\\s*\"([^\"]+)\"",
                "\"patientId\": \"$1\", \"patientId\": \"x\""});
            variants.put("code", new String[] {"\"code\"\\s*:\\s*\"active\"",
                "\"code\": \"active\", \"code\": \"resolved\""});
            variants.put("gender", new String[] {"\"gender\"\\s*:\\s*\"([^\"]+)\"",
                "\"gender\": null, \"gender\": \"$1\""});
            variants.put("birthDate", new String[] {"\"birthDate\"\\s*:\\s*\"([^\"]+)\"",
                "\"birthDate\": \"$1\", \"\\\\u0062irthDate\": \"2020-01-01\""});
            for (Map.Entry<String, String[]> v : variants.entrySet()) {
                String changed = body.replaceFirst(v.getValue()[0], v.getValue()[1]);
                org.junit.jupiter.api.Assertions.assertNotEquals(body, changed, v.getKey() + " is in the sample");
                HttpResponse<String> refused = call.apply(changed);
                assertEquals(400, refused.statusCode(), v.getKey() + ": " + refused.body());
                assertTrue(refused.body().contains("'" + v.getKey() + "' twice"), refused.body());
            }
        }
    }
}
