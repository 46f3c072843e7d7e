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

/** {@code osteo-cds assess}: formats, --out, --rules, exit codes and the summary line. */
class AssessCommandTest {
    static final String SAMPLE = "test-fixtures/samples/patients.json";
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void assessesTheSampleToJson() throws IOException {
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", SAMPLE);
        assertEquals(0, r.exit, r.err);
        JsonNode out = M.readTree(r.out);
        assertEquals(3, out.size());
        assertEquals("P-001", out.get(0).get("patientId").asText());
        assertEquals("REFERRAL-OSTEOPOROSIS-EVALUATION", out.get(0).get("advice").get(0).get("code").asText());
        assertTrue(r.err.matches("(?s)read 3, assessed 3, out-of-scope 0, invalid 0, failed 0, [0-9.]+ s, [0-9]+ patients/s\n"
                + "  test-fixtures/samples/patients.json: JSON, UTF-8, 3 records\\s*"), r.err);
        assertEquals("test-fixtures/samples/patients.json", out.get(0).get("source").get("file").asText());
        assertEquals(2, out.get(1).get("source").get("index").asInt());
    }

    @Test
    void ndjsonHasOneAssessmentPerLine(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.ndjson");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--out", out.toString(),
                "--quiet", SAMPLE);
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.err);
        var lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(3, lines.size());
        assertEquals("P-003", M.readTree(lines.get(2)).get("patientId").asText());
    }

    @Test
    void invalidRecordsGiveExitCode1AndAreStillWritten(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.ndjson");
        Files.writeString(in, "{\"id\":\"A\",\"age\":40}\n{\"id\":\"B\",\"age\":-4}\n{\"id\":\"C\",\"age\":70}\n");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", in.toString());
        assertEquals(1, r.exit);
        var lines = r.out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(3, lines.size());
        assertEquals("invalid", M.readTree(lines.get(1)).get("status").asText());
        assertTrue(r.err.contains("invalid 1"), r.err);
    }

    @Test
    void usageErrorsGiveExitCode2() {
        assertEquals(2, CliRunner.run("assess", "--as-of", "yesterday", SAMPLE).exit);
        assertEquals(2, CliRunner.run("assess").exit);
        assertEquals(2, CliRunner.run("assess", "no-such-file.json").exit);
        assertEquals(2, CliRunner.run("assess", "--format", "pdf", SAMPLE).exit);
        CliRunner r = CliRunner.run("assess", "--rules", "no-such-folder", SAMPLE);
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("rules folder not found"), r.err);
    }

    @Test
    void brokenRulesGiveExitCode3WithFileAndLine(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules.resolve("bad"));
        Files.writeString(rules.resolve("ruleset.yaml"), "id: t\nversion: 1\n");
        Files.writeString(rules.resolve("bad/bad.drl"), "package bad;\nrule \"x\" when\n  Foo( a = = 1 )\nthen end\n");
        CliRunner r = CliRunner.run("assess", "--rules", rules.toString(), SAMPLE);
        assertEquals(3, r.exit);
        assertTrue(r.err.contains("bad/bad.drl:3:"), r.err);
    }

    @Test
    void versionNamesTheBundledRuleset() {
        CliRunner r = CliRunner.run("--version");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("osteo-cds "), r.out);
        assertTrue(r.out.matches("(?s).*bundled ruleset osteo-cds-core 2\\.0\\.0 sha256 [0-9a-f]{64}.*"), r.out);
    }

    @Test
    void helpListsTheExitCodes() {
        CliRunner r = CliRunner.run("assess", "--help");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("--as-of") && r.out.contains("Exit codes"), r.out);
    }
}
