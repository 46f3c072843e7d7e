package org.osteocds.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;
import org.osteocds.RuleFolders;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;

/**
 * A broken rule costs only the record it breaks: a condition that throws, a consequence that never returns, a rule
 * that fires for ever. Each names its rule; the limit on firings is per record, whatever the batch; and the records
 * beside the broken one are assessed exactly as the bundled rules assess them.
 */
public class EngineLimitsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final String BROKEN = """
            package lifestyle;
            import org.osteocds.facts.*;

            rule "A condition that throws for a patient aged 40"
            when
                Patient( ageYears != null, ageYears / ( ageYears - 40 ) > 0 )
            then
            end

            rule "A consequence that never returns"
            when
                Patient( id == "HANG" )
            then
                while ( true ) { Thread.onSpinWait(); }
            end

            rule "A rule that fires for ever"
            when
                $p : Patient( id == "RUNAWAY" )
            then
                update( $p );
            end

            rule "Many markers for a heavy record"
            when
                $p : Patient( id matches "HEAVY|OVER" )
            then
                int n = $p.id().equals( "HEAVY" ) ? 4000 : 6000;
                for ( int i = 0; i < n; i++ ) { insert( new Indication( $p, "marker", "m" + i ) ); }
            end

            rule "Each marker fires once"
            when
                Indication( name == "marker", $p : patient )
            then
            end

            declare Tick
                n : int
            end

            rule "A tick starts for a patient"
            when
                Patient( id == "TICKS" )
            then
                insert( new Tick( 0 ) );
            end

            rule "A tick counts for ever, matching no patient"
            when
                $t : Tick( n >= 0 )
            then
                modify( $t ) { setN( $t.getN() + 1 ) }
            end

            declare Slow
                n : int
            end

            rule "A slow step starts for a patient"
            when
                Patient( id == "SLOW" )
            then
                insert( new Slow( 0 ) );
            end

            rule "A slow rule fires a thousand times"
            when
                $s : Slow( n < 1000 )
            then
                org.osteocds.internal.engine.EngineLimitsTest.SLOW_FIRINGS.incrementAndGet();
                try { Thread.sleep( 20 ); } catch ( InterruptedException e ) { }
                modify( $s ) { setN( $s.getN() + 1 ) }
            end
            """;
    /** How often the slow rule fired: it must stop soon after its session is abandoned. */
    public static final java.util.concurrent.atomic.AtomicInteger SLOW_FIRINGS =
            new java.util.concurrent.atomic.AtomicInteger();

    @TempDir
    static Path dir;
    static Engine engine;
    static OsteoCds bundled;

    @BeforeAll
    static void rulesWithBrokenOnes() throws IOException {
        Path rules = RuleFolders.copyOfRules(dir.resolve("rules"));
        Files.writeString(rules.resolve("lifestyle/broken.drl"), BROKEN);
        engine = new Engine(CompiledRules.compile(RuleFiles.read(rules)), Duration.ofSeconds(2));
        bundled = OsteoCds.bundled();
    }

    static PatientRecord record(String id, int age) {
        return PatientRecord.builder(id).age(age).sex(Sex.FEMALE).calciumIntakeMgPerDay(900).build();
    }

    /** Healthy records around the broken one, in a batch of {@code size}. */
    static List<PatientRecord> batch(String brokenId, int brokenAge, int size) {
        List<PatientRecord> out = new ArrayList<>();
        for (int i = 0; i < size - 1; i++) {
            out.add(record("OK-" + i, 41 + i % 50));
        }
        out.add(size / 2, record(brokenId, brokenAge));
        return out;
    }

    static void onlyTheBrokenOneFails(List<PatientRecord> records, List<Assessment> out, String brokenId,
                                      String rule, String message) {
        assertEquals(records.size(), out.size());
        for (int i = 0; i < records.size(); i++) {
            Assessment a = out.get(i);
            assertEquals(records.get(i).id(), a.patientId());
            if (a.patientId().equals(brokenId)) {
                assertEquals(AssessmentStatus.FAILED, a.status(), a.toString());
                assertEquals("rule", a.errors().get(0).field());
                assertEquals(rule, a.errors().get(0).value());
                assertTrue(a.errors().get(0).message().contains(message), a.errors().get(0).message());
            } else {
                Assessment expected = bundled.assess(records.get(i), AS_OF);
                assertEquals(expected.adviceCodes(), a.adviceCodes(), a.patientId());
                assertEquals(expected.findings(), a.findings(), a.patientId());
            }
        }
    }

    @Test
    void aConditionThatThrowsNamesItsRule() {
        for (int size : new int[] {1, 7, 100}) {
            List<PatientRecord> records = batch("THROWS", 40, size);
            onlyTheBrokenOneFails(records, engine.assess(records, AS_OF), "THROWS",
                    "A condition that throws for a patient aged 40", "ConstraintEvaluationException");
        }
    }

    @Test
    void aConsequenceThatNeverReturnsCostsOnlyItsRecordAndTheRunEnds() {
        int before = Engine.abandonedThreads();
        long start = System.nanoTime();
        List<PatientRecord> records = batch("HANG", 70, 20);
        onlyTheBrokenOneFails(records, engine.assess(records, AS_OF), "HANG", "A consequence that never returns",
                "still firing after 2 s");
        assertTrue(Engine.abandonedThreads() >= before + 2, "the batch's thread and the lone rerun's are left behind");
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "two time limits and the reruns, not a hang");
    }

    @Test
    void aRuleThatFiresForEverFailsItsRecordAloneOrInABatch() {
        for (int size : new int[] {1, 100}) {
            List<PatientRecord> records = batch("RUNAWAY", 70, size);
            onlyTheBrokenOneFails(records, engine.assess(records, AS_OF), "RUNAWAY", "A rule that fires for ever",
                    "fired more than " + Engine.MAX_FIRINGS_PER_RECORD + " times for this record");
        }
    }

    @Test
    void theFiringLimitIsPerRecordWhateverTheBatch() {
        for (int size : new int[] {1, 100}) {
            List<PatientRecord> heavy = batch("HEAVY", 70, size);
            Assessment h = engine.assess(heavy, AS_OF).get(size / 2);
            assertEquals(AssessmentStatus.ASSESSED, h.status(), "4,000 firings are within the limit, batch " + size);
            List<PatientRecord> over = batch("OVER", 70, size);
            onlyTheBrokenOneFails(over, engine.assess(over, AS_OF), "OVER", "Each marker fires once",
                    "fired more than");
        }
    }

    @Test
    void aLoopOverFactsOfItsOwnIsCountedForItsRecordAndNamed() {
        for (int size : new int[] {1, 100}) {
            List<PatientRecord> records = batch("TICKS", 70, size);
            onlyTheBrokenOneFails(records, engine.assess(records, AS_OF), "TICKS",   // the firing limit, not time
                    "A tick counts for ever, matching no patient", "fired more than");
        }
    }

    @Test
    void anAbandonedSessionStopsFiring() throws InterruptedException {
        List<PatientRecord> records = List.of(record("SLOW", 70));
        Assessment a = engine.assess(records, AS_OF).get(0);
        assertEquals(AssessmentStatus.FAILED, a.status(), a.toString());
        assertTrue(a.errors().get(0).message().contains("still firing after 2 s"), a.toString());
        Thread.sleep(200);   // the firing in progress ends (a 20 ms sleep), then nothing more
        int after = SLOW_FIRINGS.get();
        Thread.sleep(500);
        assertEquals(after, SLOW_FIRINGS.get(), "the abandoned session went on firing");
    }
}
