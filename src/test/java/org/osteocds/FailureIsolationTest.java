package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.internal.engine.Engine;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/** A rule that throws, or one that loops, fails only the record it fires for, naming the rule. */
class FailureIsolationTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static OsteoCds sabotaged;

    @BeforeAll
    static void rulesWithASabotageTopic(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfRules(dir);
        RuleFolders.write(rules.resolve("sabotage/sabotage.drl"), """
                package sabotage;

                import org.osteocds.facts.*;
                global Output output;

                rule "Sabotage: the rule for BOOM throws"
                when
                    $p : Patient( id == "BOOM" )
                then
                    throw new IllegalStateException( "deliberate failure" );
                end

                rule "Sabotage: start a loop for LOOP"
                when
                    $p : Patient( id == "LOOP" )
                then
                    insert( new Indication( $p, "loop", "1" ) );
                end

                rule "Sabotage: every loop step makes another"
                when
                    $i : Indication( name == "loop" )
                then
                    insert( new Indication( $i.patient(), "loop", $i.reason() + "1" ) );
                end

                rule "Sabotage: an unknown advice code for CODE"
                    ruleflow-group "advice"
                when
                    $p : Patient( id == "CODE" )
                then
                    output.add( new Recommendation( $p, "EXERCISE-NOT-" + "IN-CATALOGUE", drools.getRule().getName(), "x" ) );
                end
                """);
        sabotaged = OsteoCds.fromRules(rules);
    }

    private static PatientRecord patient(String id) {
        return PatientRecord.builder(id).age(60).sex(Sex.MALE).smoking(Smoking.CURRENT).build();
    }

    @Test
    void onlyTheFaultyRecordsFailAndTheRuleIsNamed() {
        List<PatientRecord> batch = List.of(patient("A"), patient("BOOM"), patient("B"), patient("LOOP"),
                patient("C"), patient("CODE"), patient("D"));
        List<Assessment> out = sabotaged.assessAll(batch, AS_OF);
        assertEquals(List.of("A", "BOOM", "B", "LOOP", "C", "CODE", "D"), out.stream().map(Assessment::patientId).toList());
        assertEquals(List.of(AssessmentStatus.ASSESSED, AssessmentStatus.FAILED, AssessmentStatus.ASSESSED,
                AssessmentStatus.FAILED, AssessmentStatus.ASSESSED, AssessmentStatus.FAILED, AssessmentStatus.ASSESSED),
                out.stream().map(Assessment::status).toList());

        RecordError boom = out.get(1).errors().get(0);
        assertEquals("rule", boom.field());
        assertEquals("Sabotage: the rule for BOOM throws", boom.value());
        assertTrue(boom.message().contains("deliberate failure"), boom.message());

        RecordError loop = out.get(3).errors().get(0);
        assertEquals("Sabotage: every loop step makes another", loop.value());
        assertTrue(loop.message().contains(String.valueOf(Engine.MAX_FIRINGS_PER_RECORD)), loop.message());

        RecordError code = out.get(5).errors().get(0);
        assertEquals("Sabotage: an unknown advice code for CODE", code.value());
        assertTrue(code.message().contains("EXERCISE-NOT-IN-CATALOGUE"), code.message());
    }

    @Test
    void theHealthyRecordsGetTheSameAssessmentAsWithoutTheSabotage() {
        List<Assessment> withSabotage = sabotaged.assessAll(List.of(patient("A"), patient("BOOM"), patient("C")), AS_OF);
        List<Assessment> clean = TestRules.bundled().assessAll(List.of(patient("A"), patient("C")), AS_OF);
        assertEquals(clean.get(0).advice(), withSabotage.get(0).advice());
        assertEquals(clean.get(1).findings(), withSabotage.get(2).findings());
        assertTrue(withSabotage.get(0).hasAdvice("LIFESTYLE-SMOKING-CESSATION"));
    }

    @Test
    void aSingleFaultyRecordFailsAlone() {
        Assessment a = sabotaged.assess(patient("BOOM"), AS_OF);
        assertEquals(AssessmentStatus.FAILED, a.status());
        assertTrue(a.advice().isEmpty());
        assertEquals("Sabotage: the rule for BOOM throws", a.errors().get(0).value());
    }
}
