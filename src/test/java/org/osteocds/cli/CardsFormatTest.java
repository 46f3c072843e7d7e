package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** --format cards gives CDS Hooks cards shaped like the spec's own examples. */
class CardsFormatTest {
    private static final ObjectMapper M = new ObjectMapper();

    /** The attributes of a card and of its source in CDS Hooks 2.0. */
    static final Set<String> CARD = Set.of("uuid", "summary", "detail", "indicator", "source", "suggestions",
            "selectionBehavior", "overrideReasons", "links");
    static final Set<String> SOURCE = Set.of("label", "url", "icon", "topic");

    @Test
    void cardsAreCdsHooksResponsesOnePerPatient() throws IOException {
        Path shared = org.osteocds.FhirSamplesTestAccess.cdsHooks();
        JsonNode spec = M.readTree(shared.resolve("spec-response-cards-example.json").toFile());
        spec.get("cards").forEach(c -> c.fieldNames().forEachRemaining(f -> assertTrue(CARD.contains(f), f)));

        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "cards", "--quiet",
                "test-fixtures/samples/patients.json");
        assertEquals(0, r.exit, r.err);
        String[] lines = r.out.strip().split("\n");
        assertEquals(3, lines.length, "one response per patient, one per line");
        JsonNode first = M.readTree(lines[0]);
        JsonNode ext = first.get("extension").get("org.osteo-cds");
        assertEquals("P-001", ext.get("patientId").asText());
        assertEquals("assessed", ext.get("status").asText());
        JsonNode cards = first.get("cards");
        assertEquals(13, cards.size());
        Set<String> uuids = new HashSet<>();
        for (JsonNode c : cards) {
            c.fieldNames().forEachRemaining(f -> assertTrue(CARD.contains(f), "card field " + f));
            c.get("source").fieldNames().forEachRemaining(f -> assertTrue(SOURCE.contains(f), "source field " + f));
            assertTrue(List.of("info", "warning", "critical").contains(c.get("indicator").asText()));
            assertTrue(c.get("summary").asText().length() <= 140);
            assertEquals("urn:osteo-cds:advice", c.get("source").get("topic").get("system").asText());
            assertTrue(c.get("source").get("label").asText().startsWith("osteo-cds"));
            assertTrue(uuids.add(c.get("uuid").asText()) && c.get("uuid").asText().matches("[0-9a-f-]{36}"));
            assertTrue(c.get("detail").asText().contains("**Why:**"));
            assertEquals(4, c.get("overrideReasons").size());
            assertTrue(c.get("links").size() >= 1);
            if (c.has("suggestions")) {
                assertEquals("at-most-one", c.get("selectionBehavior").asText());
                JsonNode res = c.get("suggestions").get(0).get("actions").get(0).get("resource");
                assertEquals("ServiceRequest", res.get("resourceType").asText());
                assertEquals("Patient/P-001", res.get("subject").get("reference").asText());
            }
        }
        assertEquals("critical", cards.get(0).get("indicator").asText());
        JsonNode referral = cards.get(0);
        assertEquals("REFERRAL-OSTEOPOROSIS-EVALUATION", referral.get("source").get("topic").get("code").asText());
        assertEquals("3457005", referral.get("suggestions").get(0).get("actions").get(0).get("resource").get("code")
                .get("coding").get(0).get("code").asText(), "a referral ServiceRequest");
        CliRunner again = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "cards", "--quiet",
                "test-fixtures/samples/patients.json");
        assertEquals(r.out, again.out, "card ids are stable");
    }

    @Test
    void fhirInputWithAMappingReport(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path report = dir.resolve("map.json");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-11-29", "--format", "csv", "--mapping-report",
                report.toString(), org.osteocds.FhirSamplesTestAccess.synthea());
        assertEquals(0, r.exit, r.err);
        assertTrue(r.err.contains("FHIR: 8 patients mapped"), r.err);
        JsonNode m = M.readTree(report.toFile());
        assertEquals(8, m.get("patients").asInt());
        assertEquals(8, m.get("byPatient").size());
        assertTrue(m.get("unrecognizedCodes").size() > 10);
        assertTrue(m.get("byPatient").get(0).get("fields").has("birthDate"));
    }
}
