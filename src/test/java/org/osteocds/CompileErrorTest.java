package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.RulesCompilationException;

/** Rules that do not compile fail loudly at creation, with every error's file and line. */
class CompileErrorTest {

    @Test
    void syntaxErrorReportsFileLineAndColumn(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("broken/broken.drl"), """
                package broken;

                rule "A rule with a typo"
                when
                    Patient( ageYears = = 3 )
                then
                end
                """);
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        RuleProblem p = errorsIn(e, "broken/broken.drl").get(0);
        assertEquals(5, p.line());
        assertTrue(p.column() > 1, "the real column comes from the message text: " + p);
        assertTrue(e.getMessage().contains("broken/broken.drl:5:"), e.getMessage());
    }

    @Test
    void everyErrorIsReportedInOneRun(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("broken/one.drl"), "package broken;\n\nrule \"x\"\nwhen\n  Nope( )\nthen\nend\n");
        RuleFolders.write(rules.resolve("broken/two.drl"), "package broken;\nrule \"y\" when then foo( ; end\n");
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        List<String> files = e.errors().stream().map(RuleProblem::file).distinct().sorted().toList();
        assertEquals(List.of("broken/one.drl", "broken/two.drl"), files);
        assertTrue(e.errors().stream().allMatch(p -> p.line() > 0), e.errors().toString());
    }

    @Test
    void packageMustMatchFolder(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("extra/misplaced.drl"), "// comment\npackage exercise;\n");
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        RuleProblem p = e.errors().get(0);
        assertEquals("extra/misplaced.drl", p.file());
        assertEquals(2, p.line());
        assertTrue(p.message().contains("expected 'extra'"), p.message());
    }

    @Test
    void contentErrorsNameTheFileAndEntry(@TempDir Path dir) throws IOException {
        Path rules = RuleFolders.copyOfRules(dir);
        Path advice = rules.resolve("content/advice.yaml");
        Files.writeString(advice, Files.readString(advice).replace("evidence: [iom-2011]", "evidence: [iom-2012]"));
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        RuleProblem p = e.errors().get(0);
        assertEquals("content/advice.yaml", p.file());
        assertTrue(p.line() > 0);
        assertTrue(p.message().contains("NUTRITION-CALCIUM-EXCESS") && p.message().contains("iom-2012"), p.message());
    }

    @Test
    void terminologyErrorsNameTheLine(@TempDir Path dir) throws IOException {
        Path rules = RuleFolders.copyOfRules(dir);
        Path csv = rules.resolve("terminology/medication-classes.csv");
        Files.writeString(csv, Files.readString(csv) + "name,wonderdrug,bone-magic,\n");
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        RuleProblem p = e.errors().get(0);
        assertEquals("terminology/medication-classes.csv", p.file());
        assertEquals(Files.readAllLines(csv).size(), p.line());
        assertTrue(p.message().contains("bone-magic"));
    }

    @Test
    void anUnknownAdviceCodeInARuleIsAnError(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("extra/extra.drl"), """
                package extra;
                import org.osteocds.facts.*;
                global Output output;
                rule "Typo in a code"
                    ruleflow-group "advice"
                when
                    $p : Patient( ageYears == 200 )
                then
                    output.add( new Recommendation( $p, "EXERCISE-RESISTANCE-TRAINNG", "r", "x" ) );
                end
                """);
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        RuleProblem p = errorsIn(e, "extra/extra.drl").get(0);
        assertEquals(9, p.line());
        assertEquals(42, p.column());
        assertEquals("error", p.severity());
        assertTrue(p.message().contains("EXERCISE-RESISTANCE-TRAINNG"), p.message());
    }

    @Test
    void adviceOutsideItsPhaseAndClassificationInsideItAreErrors(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("extra/extra.drl"), """
                package extra;
                import org.osteocds.facts.*;
                global Output output;
                rule "Advice in the main phase"
                when
                    $p : Patient( ageYears == 200 )
                then
                    output.add( new Recommendation( $p, "LIFESTYLE-SMOKING-CESSATION", "r", "x" ) );
                end

                rule "Classification in the advice phase"
                    ruleflow-group "advice"
                when
                    $p : Patient( ageYears == 201 )
                then
                    insert( new Indication( $p, "late", "x" ) );
                    output.add( new Recommendation( $p, "LIFESTYLE-SMOKING-CESSATION", "r", "x" ) );
                end

                rule "Advice inserted as a fact"
                    ruleflow-group "advice"
                when
                    $p : Patient( ageYears == 202 )
                then
                    insert( new Recommendation( $p, "LIFESTYLE-SMOKING-CESSATION", "r", "x" ) );
                end
                """);
        List<RuleProblem> errors = errorsIn(assertThrows(RulesCompilationException.class,
                () -> OsteoCds.fromRules(rules)), "extra/extra.drl");
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(4, errors.get(0).line());
        assertTrue(errors.get(0).message().contains("gives advice: put it in ruleflow-group \"advice\""),
                errors.get(0).message());
        assertEquals(11, errors.get(1).line());
        assertTrue(errors.get(1).message().contains("only gives output (output.add); it changes facts "
                + "(Indication)"), errors.get(1).message());
        assertEquals(20, errors.get(2).line());
        assertTrue(errors.get(2).message().contains("inserts a Recommendation as a fact: output is not a fact; give "
                + "it with output.add( ... )"), errors.get(2).message());
    }

    private static List<RuleProblem> errorsIn(RulesCompilationException e, String file) {
        List<RuleProblem> found = e.errors().stream().filter(x -> x.file().equals(file)).toList();
        assertTrue(!found.isEmpty(), "no error in " + file + ": " + e.errors());
        return found;
    }

    @Test
    void anAdviceCodeOrGapFieldOutsideTheCatalogueIsAnErrorWhateverItsShape(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("lifestyle/codes.drl"), """
                package lifestyle;
                import org.osteocds.facts.*;
                global Output output;
                rule "Unknown codes of every shape"
                    ruleflow-group "advice"
                when
                    $p : Patient( id == "X" )
                then
                    output.add( new Recommendation( $p, "NO-SUCH-ADVICE", "r", "x" ) );
                    output.add( new Recommendation( $p, "lifestyle-alcohol-limit", "r", "x" ) );
                    output.add( new Gap( $p, "calciumIntakeMgPerDay", "NUTRITION-CALCIUM-INCREASE", "NOPE-CODE" ) );
                    output.add( new Gap( $p, "shoeSize", "NUTRITION-CALCIUM-INCREASE" ) );
                end
                """);
        RulesCompilationException e = assertThrows(RulesCompilationException.class, () -> OsteoCds.fromRules(rules));
        List<String> messages = errorsIn(e, "lifestyle/codes.drl").stream().map(RuleProblem::message).toList();
        assertTrue(messages.contains("advice code 'NO-SUCH-ADVICE' is not in content/advice.yaml"), messages.toString());
        assertTrue(messages.contains("advice code 'lifestyle-alcohol-limit' is not in content/advice.yaml"),
                messages.toString());
        assertTrue(messages.contains("advice code 'NOPE-CODE' is not in content/advice.yaml"), messages.toString());
        assertTrue(messages.contains("data gap field 'shoeSize' is not a record field"), messages.toString());
        assertEquals(4, messages.size(), messages.toString());
    }

    @Test
    void aDataGapBlockingACodeBuiltAtRunTimeFailsItsRecordNamingTheGap(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("lifestyle/gap.drl"), """
                package lifestyle;
                import org.osteocds.facts.*;
                global Output output;
                rule "A gap blocking a code built at run time"
                    ruleflow-group "gaps"
                when
                    $p : Patient( id == "X" )
                then
                    output.add( new Gap( $p, "bmi", "NUTRITION" + "-NOPE" ) );
                end
                """);
        org.osteocds.model.Assessment a = OsteoCds.fromRules(rules).assess(
                org.osteocds.model.PatientRecord.builder("X").age(70).sex(org.osteocds.model.Sex.FEMALE).build(),
                java.time.LocalDate.of(2026, 6, 1));
        assertEquals(org.osteocds.model.AssessmentStatus.FAILED, a.status(), a.toString());
        assertTrue(a.errors().get(0).message().contains("blocks advice code 'NUTRITION-NOPE'"), a.toString());
        assertEquals("the rule giving the data gap on bmi", a.errors().get(0).value());
    }
}
