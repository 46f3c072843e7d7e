package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;

/**
 * The CDS Hooks specification's own example requests (copied into src/test/resources/fhir-samples/cds-hooks), sent
 * to the service with their FHIR server pointed at a real one on loopback that holds the patient: each gets the
 * answer the specification asks for, never a 500.
 */
class SpecSamplesTest {
    static final Path SAMPLES = Path.of("src/test/resources/fhir-samples/cds-hooks");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static FhirStub fhir;
    static CdsServer server;

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirStub(Path.of(CdsServiceTest.SYNTHEA));
        server = new CdsServer(ServiceConfig.defaults(), OsteoCds::bundled,
                Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, true).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        fhir.close();
    }

    static HttpResponse<String> send(String file, String service) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(SAMPLES.resolve(file).toFile());
        request.put("fhirServer", fhir.base());
        if (request.path("context").has("patientId")) {
            ((ObjectNode) request.get("context")).put("patientId", fhir.patientId);
        }
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/cds-services/"
                + service)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachExampleRequestGetsTheAnswerTheSpecificationAsksFor() throws Exception {
        // file, service, expected status, what the body must say
        List<List<String>> cases = List.of(
                List.of("spec-patient-view-request.json", Hooks.PATIENT_VIEW, "200", "\"status\":\"assessed\""),
                List.of("example-radiology-order-select-request.json", Hooks.ORDER_SELECT, "200",
                        "\"draftMedicineOrders\":0"),
                List.of("spec-order-sign-request-paginated-prefetch.json", Hooks.ORDER_SIGN, "200", "\"cards\""),
                List.of("example-opioid-medication-prescribe-request.json", Hooks.ORDER_SIGN, "400",
                        "draftOrders must be a Bundle"),
                List.of("spec-request-with-extension.json", Hooks.PATIENT_VIEW, "400", "context.patientId"),
                List.of("spec-patient-view-request.json", Hooks.ORDER_SIGN, "400", "answers hook 'order-sign'"));
        for (List<String> c : cases) {
            HttpResponse<String> r = send(c.get(0), c.get(1));
            assertEquals(Integer.parseInt(c.get(2)), r.statusCode(), c.get(0) + ": " + r.body());
            assertTrue(r.body().contains(c.get(3)), c.get(0) + ": " + r.body());
        }
    }

    @Test
    void theRadiologyOrderIsNotAMedicineAndAddsNoCard() throws Exception {
        JsonNode r = JSON.readTree(send("example-radiology-order-select-request.json", Hooks.ORDER_SELECT).body());
        assertEquals(0, r.path("cards").size(), r.toString());
    }

    @Test
    void theServiceAnswersWhatAssessFormatCardsWritesForTheSameRequest() throws Exception {
        Path file = Path.of("test-fixtures/samples/cds-hooks-patient-view.json");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/cds-services/" + Hooks.PATIENT_VIEW)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        OsteoCds cds = OsteoCds.bundled();
        java.time.LocalDate today = java.time.LocalDate.now(ServiceConfig.defaults().zone());
        org.osteocds.model.Assessment a;
        try (java.util.stream.Stream<org.osteocds.model.ParsedRecord> records =
                     org.osteocds.io.FhirInput.read(cds, file, today, null)) {
            a = cds.assessAll(records, today, 1).findFirst().orElseThrow();
        }
        JsonNode cli = JSON.readTree(new org.osteocds.io.CardsWriter(java.io.Writer.nullWriter(), cds).json(a));
        JsonNode service = JSON.readTree(r.body());
        assertTrue(cli.path("cards").size() >= 5, cli.toString());
        assertEquals(cli.path("cards"), service.path("cards"));
    }

    @Test
    void theSampleRequestPrefetchesWhatDiscoveryAsksFor() throws Exception {
        JsonNode sample = JSON.readTree(Path.of("test-fixtures/samples/cds-hooks-patient-view.json").toFile());
        java.util.Set<String> keys = new java.util.TreeSet<>();
        sample.path("prefetch").fieldNames().forEachRemaining(keys::add);
        assertEquals(new java.util.TreeSet<>(Prefetch.templates(org.osteocds.io.FhirInput.observationCodes(
                OsteoCds.bundled())).keySet()), keys, "the FHIR tables changed: rename the sample's observations key");
    }
}
