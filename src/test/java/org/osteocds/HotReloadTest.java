package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RuleProblem;

/** Hot reload: atomic swap, in-flight work keeps its ruleset, a broken edit keeps the last good one serving. */
class HotReloadTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final PatientRecord TWELVE_DRINKS = PatientRecord.builder("A").age(40).alcoholDrinksPerWeek(12.0).build();

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Lowers the alcohol threshold from more than 14 to more than 10 drinks a week. */
    private static void lowerAlcoholThreshold(Path rules) throws IOException {
        Path drl = rules.resolve("lifestyle/lifestyle-advice.drl");
        String text = Files.readString(drl);
        String edited = text.replace("new AlcoholLimit( $p, 14, \"men (the sex", "new AlcoholLimit( $p, 10, \"men (the sex");
        if (edited.equals(text)) {
            throw new AssertionError("the edit did not apply: the limit rule for an unknown sex has changed");
        }
        Files.writeString(drl, edited);
    }

    @Test
    void anEditIsRecompiledAndSwappedInAtomically(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir);
        try (HotReload hot = HotReload.watch(rules)) {
            String before = hot.current().ruleset().sha256();
            assertFalse(hot.current().assess(TWELVE_DRINKS, AS_OF).hasAdvice("LIFESTYLE-ALCOHOL-LIMIT"));
            List<HotReload.Event> events = new CopyOnWriteArrayList<>();
            hot.onReload(events::add);
            lowerAlcoholThreshold(rules);
            await(() -> !hot.current().ruleset().sha256().equals(before), "the new ruleset");
            assertTrue(hot.current().assess(TWELVE_DRINKS, AS_OF).hasAdvice("LIFESTYLE-ALCOHOL-LIMIT"));
            await(() -> !events.isEmpty(), "the reload event");
            assertTrue(events.get(events.size() - 1).loaded());
            assertEquals(hot.current().ruleset(), events.get(events.size() - 1).ruleset());
            assertTrue(hot.lastFailure().isEmpty());
        }
    }

    @Test
    void assessmentsInFlightFinishOnTheRulesetTheyStartedWith(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir);
        try (HotReload hot = HotReload.watch(rules)) {
            OsteoCds started = hot.current();
            String before = started.ruleset().sha256();
            List<ParsedRecord> input = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                PatientRecord r = PatientRecord.builder("R" + i).age(40).alcoholDrinksPerWeek(12.0).build();
                input.add(new ParsedRecord.Valid(r, org.osteocds.model.RecordSource.line(null, i)));
            }
            List<Assessment> out = new ArrayList<>();
            try (Stream<Assessment> s = started.assessAll(input.stream(), AS_OF, 2)) {
                Iterator<Assessment> it = s.iterator();
                for (int i = 0; i < 10; i++) {
                    out.add(it.next());
                }
                lowerAlcoholThreshold(rules);
                await(() -> !hot.current().ruleset().sha256().equals(before), "the new ruleset");
                it.forEachRemaining(out::add);
            }
            assertEquals(1_000, out.size());
            assertTrue(out.stream().allMatch(a -> a.ruleset().sha256().equals(before)));
            assertTrue(out.stream().noneMatch(a -> a.hasAdvice("LIFESTYLE-ALCOHOL-LIMIT")));
            assertNotEquals(before, hot.current().ruleset().sha256());
        }
    }

    @Test
    void aBrokenEditKeepsTheLastGoodRulesetAndSurfacesItsErrors(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir);
        try (HotReload hot = HotReload.watch(rules)) {
            String good = hot.current().ruleset().sha256();
            List<HotReload.Event> events = new CopyOnWriteArrayList<>();
            hot.onReload(events::add);
            Path broken = rules.resolve("lifestyle/broken.drl");
            Files.writeString(broken, "package lifestyle;\n\nrule \"half-written\"\nwhen\n  Patient( = )\nthen\nend\n");
            await(() -> hot.lastFailure().isPresent(), "the failure");
            assertEquals(good, hot.current().ruleset().sha256(), "the last good ruleset keeps serving");
            assertEquals(AssessmentStatus.ASSESSED, hot.current().assess(TWELVE_DRINKS, AS_OF).status());
            RuleProblem p = hot.lastFailure().get().errors().get(0);
            assertEquals("lifestyle/broken.drl", p.file());
            assertEquals(5, p.line());
            await(() -> !events.isEmpty(), "the failure event");
            assertFalse(events.get(0).loaded());
            assertEquals(good, events.get(0).ruleset().sha256());

            Files.delete(broken);
            lowerAlcoholThreshold(rules);
            await(() -> hot.lastFailure().isEmpty() && !hot.current().ruleset().sha256().equals(good), "recovery");
            assertTrue(hot.current().assess(TWELVE_DRINKS, AS_OF).hasAdvice("LIFESTYLE-ALCOHOL-LIMIT"));
        }
    }
}
