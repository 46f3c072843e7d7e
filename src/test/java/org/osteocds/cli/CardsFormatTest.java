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

    @Test
    void cardsHaveTheFieldsOfTheSpecExamples() throws IOException {
        Path shared = org.osteocds.FhirSamplesTestAccess.cdsHooks();
        JsonNode spec = M.readTree(shared.resolve("spec-response-cards-example.json").toFile());
        Set<String> specCardFields = new HashSet<>();
        spec.get("cards").forEach(c -> c.fieldNames().forEachRemaining(specCardFields::add));
        Set<String> specSourceFields = new HashSet<>();
        spec.get("cards").forEach(c -> c.get("source").fieldNames().forEachRemaining(specSourceFields::add));

        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "cards", "--quiet",
                "test-fixtures/samples/patients.json");
        assertEquals(0, r.exit, r.err);
        JsonNode out = M.readTree(r.out);
        assertEquals(3, out.size());
        JsonNode cards = out.get(0).get("cards");
        assertEquals("P-001", out.get(0).get("patientId").asText());
        assertEquals(13, cards.size());
        for (JsonNode c : cards) {
            c.fieldNames().forEachRemaining(f -> assertTrue(specCardFields.contains(f), "card field " + f));
            c.get("source").fieldNames().forEachRemaining(f -> assertTrue(specSourceFields.contains(f), "source field " + f));
            assertTrue(List.of("info", "warning", "critical").contains(c.get("indicator").asText()));
            assertTrue(c.get("summary").asText().length() <= 140);
            assertTrue(c.get("source").get("label").asText().startsWith("osteo-cds"));
            assertTrue(c.get("uuid").asText().matches("[0-9a-f-]{36}"));
            assertTrue(c.get("detail").asText().contains("**Why:**"));
        }
        assertEquals("critical", cards.get(0).get("indicator").asText());
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
