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
                    1, null, null, null);
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
                List.of("https://sandbox.cds-hooks.org"), null, null);
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
}
