package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.authoring.Impact;

/** impact: two rulesets on one panel, per code who gains or loses it; or the results of an earlier release. */
class ImpactCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path panel;
    static Path before;

    /** A panel, and an earlier ruleset whose women's drinking limit was 14 (the later one says 7). */
    @BeforeAll
    static void panelAndEarlierRules() throws IOException {
        panel = dir.resolve("panel.csv");
        assertEquals(0, CliRunner.run("generate", "--count", "600", "--seed", "7", "--as-of", "2026-06-01", "--out",
                panel.toString()).exit);
        before = WorkbenchCommandsTest.copyRules(dir.resolve("before"));
        Path drl = before.resolve("lifestyle/lifestyle-advice.drl");
        String text = Files.readString(drl);
        assertTrue(text.contains("new AlcoholLimit( $p, 7, \"women\" )"), "the rule this test edits moved");
        Files.writeString(drl, text.replace("new AlcoholLimit( $p, 7, \"women\" )", "new AlcoholLimit( $p, 14, \"women\" )"));
    }

    /** @return the women of the panel drinking 8 to 14 a week, assessed (the patients who gain the code) */
    static List<String> womenDrinking8To14() throws IOException {
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--quiet",
                panel.toString());
        List<String> ids = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            JsonNode a = M.readTree(line);
            for (JsonNode x : a.path("advice")) {
                if (x.path("code").asText().equals("LIFESTYLE-ALCOHOL-LIMIT")
                        && x.path("rationale").asText().contains("limit of 7 for women")
                        && !x.path("rationale").asText().matches("^(1[5-9]|[2-9]\\d)(\\.\\d)? drinks.*")) {
                    ids.add(a.path("patientId").asText());
                }
            }
        }
        return ids;
    }

    @Test
    void perCodeItCountsWhoGainsAndLosesWithExamples() throws IOException {
        CliRunner r = CliRunner.run("impact", "--before-rules", before.toString(), "--as-of", "2026-06-01",
                "--examples", "2", panel.toString());
        assertEquals(0, r.exit, r.err);
        List<String> gainers = womenDrinking8To14();
        assertTrue(gainers.size() > 5, "the panel must exercise the change: " + gainers);
        Matcher row = Pattern.compile("\\| `LIFESTYLE-ALCOHOL-LIMIT` \\| ([\\d,]+) \\| ([\\d,]+) \\| \\+([\\d,]+) \\|  \\|")
                .matcher(r.out);
        assertTrue(row.find(), r.out);
        int gained = Integer.parseInt(row.group(3).replace(",", ""));
        assertEquals(gainers.size(), gained);
        assertEquals(Integer.parseInt(row.group(2).replace(",", "")) - Integer.parseInt(row.group(1).replace(",", "")),
                gained);
        assertTrue(r.out.contains("### LIFESTYLE-ALCOHOL-LIMIT (gained " + gained + ", lost 0)"), r.out);
        assertTrue(r.out.contains("- gained `" + gainers.get(0) + "`: "), "the first gainer is an example");
        assertTrue(r.out.contains("- gained `" + gainers.get(1) + "`: "));
        assertFalse(r.out.contains("- gained `" + gainers.get(2) + "`: "), "--examples 2");
        assertTrue(r.out.contains("| `LIFESTYLE-SMOKING-CESSATION` |") && !r.out.contains("### LIFESTYLE-SMOKING"),
                "an unchanged code is counted but has no examples");
        assertTrue(r.out.contains("- 600 records; advice changed for " + gained + " ("), r.out);
        assertTrue(r.out.contains("- earlier rules: " + before), r.out);
    }

    @Test
    void anEarlierReleasesOutputIsComparedRecordForRecord() throws IOException {
        Path old = dir.resolve("old.ndjson");
        assertEquals(0, CliRunner.run("assess", "--rules", before.toString(), "--as-of", "2026-06-01", "--format",
                "ndjson", "--quiet", "--out", old.toString(), panel.toString()).exit);
        Path report = dir.resolve("impact.md");
        CliRunner r = CliRunner.run("impact", "--before", old.toString(), "--out", report.toString(), panel.toString());
        assertEquals(0, r.exit, r.err);
        String md = Files.readString(report);
        assertTrue(md.contains("assessed as of 2026-06-01"), "the date is the earlier file's: " + md);
        CliRunner same = CliRunner.run("impact", "--before-rules", before.toString(), "--as-of", "2026-06-01",
                panel.toString());
        assertEquals(same.out.substring(same.out.indexOf("## Status")), md.substring(md.indexOf("## Status")),
                "the same report as with the earlier rules themselves");
    }

    @Test
    void aFileOfOtherRecordsIsAUsageError() throws IOException {
        Path old = dir.resolve("short.ndjson");
        CliRunner a = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--quiet",
                "test-fixtures/samples/patients.json");
        Files.writeString(old, a.out);
        CliRunner r = CliRunner.run("impact", "--before", old.toString(), panel.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("record 1 is P-001 before but G-0000001 after: were both assessed from the same "
                + "input?"), r.err);
        Files.writeString(old, "{\"not\": \"an assessment\"}\n");
        r = CliRunner.run("impact", "--before", old.toString(), panel.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("not an assessment (no patientId and status)"), r.err);
        r = CliRunner.run("impact", panel.toString());
        assertEquals(2, r.exit, "one of --before and --before-rules is required");
    }

    @Test
    void assessmentsAreReadFromAnArrayOrOnePerLine() throws IOException {
        String one = "{\"patientId\":\"A\",\"status\":\"assessed\",\"ruleset\":{\"id\":\"r\",\"version\":\"1\","
                + "\"sha256\":\"abc\"},\"findings\":{\"boneStatus\":\"normal\",\"riskFactors\":[{\"key\":\"k\"}]},"
                + "\"advice\":[{\"code\":\"X-Y\",\"rationale\":\"why\"}],\"dataGaps\":[{\"field\":\"bmi\"}]}";
        for (String text : List.of("[" + one + "," + one.replace("\"A\"", "\"B\"") + "]",
                one + "\n" + one.replace("\"A\"", "\"B\"") + "\n")) {
            Iterator<Impact.Outcome> it = Impact.read(new StringReader(text));
            Impact.Outcome a = it.next();
            assertEquals("A", a.patientId());
            assertEquals("normal", a.boneStatus());
            assertEquals("why", a.advice().get("X-Y"));
            assertEquals(List.of("k"), List.copyOf(a.riskFactors()));
            assertEquals(List.of("bmi"), List.copyOf(a.gaps()));
            assertEquals("B", it.next().patientId());
            assertFalse(it.hasNext());
        }
    }
}
