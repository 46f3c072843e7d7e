package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.RuleFolders;
import picocli.CommandLine;

/** validate, test, coverage and explain on the real rules and on deliberately broken copies. */
class WorkbenchCommandsTest {

    static Path copyRules(Path dir) throws IOException {
        return RuleFolders.copyOfRules(Files.createDirectories(dir.resolve("rules")));
    }

    @Test
    void validatePassesOnTheRealRules() {
        CliRunner r = CliRunner.run("validate", "--rules", "rules");
        assertEquals(0, r.exit, r.out + r.err);
        assertTrue(r.out.contains("0 errors"), r.out);
        assertTrue(r.out.matches("(?s).*rules: \\d+ rules compiled, 0 errors, 0 warnings; ruleset osteo-cds-core.*"), r.out);
    }

    @Test
    void validateListsEveryErrorLikeACompiler(@TempDir Path dir) throws IOException {
        Path rules = copyRules(dir);
        Files.writeString(rules.resolve("lifestyle/typo.drl"),
                "package lifestyle;\n\nrule \"a\"\nwhen\n    Patient( ageYears > )\nthen\nend\n");
        Files.writeString(rules.resolve("exercise/other.drl"), "package exercise;\nrule \"b\" when Nothing( ) then end\n");
        Path advice = rules.resolve("content/advice.yaml");
        Files.writeString(advice, Files.readString(advice).replace("evidence: [iom-2011]", "evidence: [no-such-id]"));
        CliRunner r = CliRunner.run("validate", "--rules", rules.toString());
        assertEquals(3, r.exit);
        assertTrue(r.out.contains("lifestyle/typo.drl:5:"), r.out);
        assertTrue(r.out.contains("exercise/other.drl:2:"), r.out);
        assertTrue(r.out.contains("content/advice.yaml:") && r.out.contains("no-such-id"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("lifestyle/typo\\.drl:5:\\d+: error: .*")), r.out);
    }

    @Test
    void validateFailsOnUnknownCodesAndWarnsAboutUncitedEvidence(@TempDir Path dir) throws IOException {
        Path rules = copyRules(dir);
        Files.writeString(rules.resolve("lifestyle/extra.drl"), """
                package lifestyle;
                import org.osteocds.facts.*;
                global Output output;
                rule "Typo"
                    ruleflow-group "advice"
                when
                    $p : Patient( ageYears == 300 )
                then
                    output.add( new Recommendation( $p, "LIFESTYLE-SMOKING-CESATION", "x", "y" ) );
                end
                """);
        Path ev = rules.resolve("content/evidence.yaml");
        Files.writeString(ev, Files.readString(ev) + "\nunused-source:\n  citation: \"x\"\n  url: \"https://x\"\n  certainty: low\n");
        CliRunner r = CliRunner.run("validate", "--rules", rules.toString());
        assertEquals(3, r.exit, "an advice code the catalogue lacks is an error: " + r.out);
        assertTrue(r.out.contains("lifestyle/extra.drl:9:") && r.out.contains(": error: advice code "
                + "'LIFESTYLE-SMOKING-CESATION' is not in content/advice.yaml"), r.out);
        assertTrue(r.out.contains("content/evidence.yaml:") && r.out.contains("warning: evidence 'unused-source'"),
                r.out);
    }

    @Test
    void testPassesOnTheRealFixtures(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("junit.xml");
        CliRunner r = CliRunner.run("test", "--rules", "rules", "--junit-xml", xml.toString(), "test-fixtures/scenarios");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.matches("(?s).*\\n?\\d+ passed, 0 failed\\n.*"), r.out);
        String report = Files.readString(xml);
        assertTrue(report.contains("<testsuite") && report.contains("failures=\"0\""), report);
    }

    @Test
    void testShowsExpectedAgainstActualOnABrokenCopy(@TempDir Path dir) throws IOException {
        Path rules = copyRules(dir);
        Path drl = rules.resolve("classification/risk-factors.drl");
        Files.writeString(drl, Files.readString(drl).replace("alcoholDrinksPerWeek > 14", "alcoholDrinksPerWeek > 15"));
        Path xml = dir.resolve("junit.xml");
        CliRunner r = CliRunner.run("test", "--rules", rules.toString(), "--junit-xml", xml.toString(),
                "test-fixtures/scenarios");
        assertEquals(1, r.exit, r.out);
        assertTrue(r.out.contains("FAIL  test-fixtures/scenarios/alcohol-15-per-week.json"), r.out);
        assertTrue(r.out.contains("expected") && r.out.contains("actual"), r.out);
        assertTrue(r.out.contains(">> riskFactors") && r.out.contains("- riskFactors: expected [alcohol-over-2-per-day], "
                + "actual []"), r.out);
        assertTrue(r.out.contains("+ LIFESTYLE-ALCOHOL-LIMIT") && !r.out.contains(">> advice"),
                "the advice still matches (the limit by sex gives it): " + r.out);
        assertTrue(r.out.matches("(?s).*\\d+ passed, 1 failed\\n.*"), r.out);
        assertTrue(Files.readString(xml).contains("failures=\"1\""));
    }

    @Test
    void testReportsABrokenRuleFolderWithExitCode3(@TempDir Path dir) throws IOException {
        Path rules = copyRules(dir);
        Files.writeString(rules.resolve("lifestyle/typo.drl"), "package lifestyle;\nrule \"a\" when Patient( ageYears > ) then end\n");
        CliRunner r = CliRunner.run("test", "--rules", rules.toString(), "test-fixtures/scenarios");
        assertEquals(3, r.exit);
        assertTrue(r.err.contains("lifestyle/typo.drl:2:") || r.out.contains("lifestyle/typo.drl:2:"), r.out + r.err);
    }

    @Test
    void testWatchRerunsOnSaveAndReportsTheTime(@TempDir Path dir) throws Exception {
        Path rules = copyRules(dir);
        Path fixtures = dir.resolve("fixtures");
        Files.createDirectories(fixtures);
        Files.copy(Path.of("test-fixtures/scenarios/alcohol-15-per-week.json"), fixtures.resolve("a.json"));
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        Thread t = new Thread(() -> cl.execute("test", "--watch", "--watch-runs", "1", "--rules", rules.toString(),
                fixtures.toString()));
        t.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!out.toString().contains("[watch] watching") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Path drl = rules.resolve("classification/risk-factors.drl");
        Files.writeString(drl, Files.readString(drl).replace("alcoholDrinksPerWeek > 14", "alcoholDrinksPerWeek > 15"));
        t.join(30_000);
        String text = out.toString();
        assertTrue(text.contains("1 passed, 0 failed"), text);
        assertTrue(text.contains("0 passed, 1 failed"), text);
        assertTrue(text.matches("(?s).*\\[watch] \\d+ change\\(s\\); result \\d+ ms after the save.*"), text);
    }

    @Test
    void coverageCountsFiringsAndListsGaps(@TempDir Path dir) throws IOException {
        Path rules = copyRules(dir);
        Files.writeString(rules.resolve("lifestyle/never.drl"), """
                package lifestyle;
                import org.osteocds.facts.*;
                rule "A rule no fixture reaches"
                when
                    Patient( ageYears == 119 )
                then
                end
                """);
        CliRunner r = CliRunner.run("coverage", "--rules", rules.toString(), "test-fixtures/scenarios");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("never fired: 1") && r.out.contains("  - A rule no fixture reaches"), r.out);
        assertTrue(r.out.contains("advice codes no fixture expects: 0"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("\\s+\\d+\\s+classification\\s+A patient aged 18 to 64 is an adult")), r.out);
    }

    @Test
    void coverageAndExplainReportABrokenCopyWithExitCode3(@TempDir Path dir) throws IOException {
        Path rules = copyRules(dir);
        Files.writeString(rules.resolve("screening/typo.drl"), "package screening;\nrule \"x\" when\n  Patient( = 1 )\nthen end\n");
        CliRunner coverage = CliRunner.run("coverage", "--rules", rules.toString(), "test-fixtures/scenarios");
        assertEquals(3, coverage.exit);
        assertTrue(coverage.err.contains("screening/typo.drl:3:"), coverage.err);
        CliRunner explain = CliRunner.run("explain", "--rules", rules.toString(), "--as-of", "2026-06-01",
                "test-fixtures/samples/patients.json");
        assertEquals(3, explain.exit);
        assertTrue(explain.err.contains("screening/typo.drl:3:"), explain.err);
    }

    @Test
    void explainTracesAFhirPatient() {
        String bundle = org.osteocds.FhirSamplesTestAccess.synthea() + "/Alexia_Senger_a5f5a550-b13e-4f92-b194-6d118f67fcdb.json";
        CliRunner r = CliRunner.run("explain", "--as-of", "2026-11-29", "--rules", "rules", bundle);
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("Assessment of 2d95f315-808c-4b67-836b-e56bdba9dd21 as of 2026-11-29: assessed"), r.out);
        assertTrue(r.out.contains("[classification] A T-score of -2.5 or lower is in the osteoporosis range"), r.out);
        assertTrue(r.out.contains("Alendronic acid 10 MG Oral Tablet"), r.out);
    }

    @Test
    void theRealFixturesFireEveryRuleAndExpectEveryCode() {
        CliRunner r = CliRunner.run("coverage", "--rules", "rules");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("never fired: 0"), r.out);
        assertTrue(r.out.contains("advice codes no fixture expects: 0"), r.out);
    }

    @Test
    void explainTracesOneRecord() {
        CliRunner r = CliRunner.run("explain", "--as-of", "2026-06-01", "--rules", "rules", "--id", "P-003",
                "test-fixtures/samples/patients.json");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("Assessment of P-003 as of 2026-06-01: assessed"), r.out);
        assertTrue(r.out.contains("Ruleset osteo-cds-core 2.0.0, sha256 "), r.out);
        assertTrue(r.out.contains("[classification] A patient aged 18 to 64 is an adult"), r.out);
        assertTrue(r.out.contains("+ InAgeGroup[group=adult]"), r.out);
        assertTrue(r.out.contains("riskFactor  low-bmi: BMI 19.4"), r.out);
        assertTrue(r.out.contains("critical MEDICATION-GLUCOCORTICOID-ASSESSMENT"), r.out);
        assertTrue(r.out.contains("Data gaps (2):"), r.out);
        assertEquals(2, CliRunner.run("explain", "--id", "nobody", "test-fixtures/samples/patients.json").exit);
    }

    @Test
    void explainTracesAFixtureAsOfItsDateAndChecksIt(@TempDir Path dir) throws IOException {
        String file = "test-fixtures/scenarios/deceased-died-day-before-as-of.json";
        CliRunner r = CliRunner.run("explain", "--rules", "rules", file);
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.startsWith("Fixture " + file + ": A patient who died the day before"), r.out);
        assertTrue(r.out.contains("Assessment of deceased-died-day-before-as-of as of 2026-06-01: out-of-scope"), r.out);
        assertTrue(r.out.contains("[classification] A patient who has died is out of scope"), r.out);
        assertTrue(r.out.endsWith("Fixture: passed" + System.lineSeparator()), r.out);

        CliRunner later = CliRunner.run("explain", "--rules", "rules", "--as-of", "2026-05-30", file);
        assertEquals(1, later.exit, "alive on 2026-05-30, so the fixture's expectations fail");
        assertTrue(later.out.contains("as of 2026-05-30: assessed"), later.out);
        assertTrue(later.out.contains("Fixture: FAILED"), later.out);
        assertTrue(later.out.contains("status: expected out-of-scope, actual assessed"), later.out);

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"record\": {\"id\": \"x\"}, \"expect\": {}}");
        CliRunner usage = CliRunner.run("explain", "--rules", "rules", broken.toString());
        assertEquals(2, usage.exit);
        assertTrue(usage.err.contains("not a valid fixture"), usage.err);
    }
    /** The worked example of docs/rule-authoring.md: its rules validate and its fixture passes on a copy of the rules. */
    @Test
    void theRuleAuthoringExampleWorksAsWritten(@TempDir Path dir) throws IOException {
        String guide = Files.readString(Path.of("docs/rule-authoring.md"));
        Matcher drl = Pattern.compile(
                "`rules/nutrition/antiepileptic-vitamin-d.drl`:\n\n```\n(.*?)```", Pattern.DOTALL)
                .matcher(guide);
        Matcher fixture = Pattern.compile(
                "`test-fixtures/scenarios/antiepileptic-vitamin-d.json`:\n\n```json\n(.*?)```",
                Pattern.DOTALL).matcher(guide);
        assertTrue(drl.find() && fixture.find(), "the guide's example is where the test looks for it");
        Path rules = copyRules(dir);
        Files.writeString(rules.resolve("nutrition/antiepileptic-vitamin-d.drl"), drl.group(1));
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(fixtures.resolve("antiepileptic-vitamin-d.json"), fixture.group(1));

        CliRunner validate = CliRunner.run("validate", "--rules", rules.toString());
        assertEquals(0, validate.exit, validate.out + validate.err);
        assertTrue(validate.out.contains("0 errors, 0 warnings"), validate.out);
        CliRunner test = CliRunner.run("test", "--rules", rules.toString(), fixtures.toString());
        assertEquals(0, test.exit, test.out + test.err);
        assertTrue(test.out.contains("1 passed, 0 failed"), test.out);
    }
}
