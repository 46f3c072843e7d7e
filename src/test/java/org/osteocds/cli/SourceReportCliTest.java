package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a FHIR source holds besides its patients reaches the person running {@code assess} (issue 14): a line that
 * could not be read is named and the run exits 4 (it may have held a patient); resources that point to no patient
 * are counted in the summary and the mapping report. And a number a spreadsheet wrote with a thousands separator is
 * not read as a decimal.
 */
class SourceReportCliTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static long lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).count();
    }

    @Test
    void aFhirLineThatCannotBeReadIsNamedAndTheRunExits4() throws IOException {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("Patient.ndjson"),
                "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1950-01-01\"}\n");
        Files.writeString(export.resolve("Observation.ndjson"), "{\"resourceType\":\"Observation\",,\"status\":1}\n");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", export.toString());
        assertEquals(4, r.exit, r.err);
        assertEquals(1, lines(r.out), "the patient is still assessed");
        assertTrue(r.err.contains("osteo-cds: Observation.ndjson line 1: not valid JSON"), r.err);
        assertTrue(r.err.contains("(not read)"), r.err);
        assertTrue(r.err.contains("1 parts could not be read"), r.err);
    }

    @Test
    void resourcesThatPointToNoPatientAreCountedInTheSummaryAndTheMappingReport() throws IOException {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1950-01-01"}},
                  {"resource": {"resourceType": "Observation", "id": "o1", "status": "final",
                    "code": {"text": "x"}, "subject": {"reference": "Patient/p9"}}},
                  {"resource": {"resourceType": "Condition", "id": "c1", "subject": {"reference": "urn:uuid:nowhere"},
                    "code": {"text": "y"}}}
                ]}
                """);
        Path report = dir.resolve("mapping.json");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--mapping-report",
                report.toString(), bundle.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(1, lines(r.out));
        assertTrue(r.err.contains("2 clinical resources point to no patient of their source (Condition 1, "
                + "Observation 1)"), r.err);
        JsonNode mapping = M.readTree(report.toFile());
        assertEquals(1, mapping.path("unattachedResources").path("Observation").asInt(), mapping.toString());
        assertEquals(1, mapping.path("unattachedResources").path("Condition").asInt(), mapping.toString());
        assertEquals(0, mapping.path("unreadableParts").asInt());
    }

    @Test
    void aPointInANumberOfASemicolonCsvIsAmbiguousAndRefused() throws IOException {
        Path csv = dir.resolve("excel.csv");
        Files.writeString(csv, "id;sex;birthDate;calciumIntakeMgPerDay;bmi\nA;female;1950-01-01;1.200;22,5\n"
                + "B;female;1950-01-01;1200;22,5\n");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", csv.toString());
        assertEquals(1, r.exit, r.err);
        String[] out = r.out.strip().split("\n");
        JsonNode a = M.readTree(out[0]);
        assertEquals("invalid", a.path("status").asText(), "1.200 was read as 1.2 mg: " + a);
        assertEquals("calciumIntakeMgPerDay", a.path("errors").get(0).path("field").asText());
        assertTrue(a.path("errors").get(0).path("message").asText().contains("a point is ambiguous"), a.toString());
        assertEquals("assessed", M.readTree(out[1]).path("status").asText());
    }
}
