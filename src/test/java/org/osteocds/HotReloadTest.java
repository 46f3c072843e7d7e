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
        long deadline = System.nanoTime() + 90_000_000_000L;   // generous: a loaded 2-core VM compiles slowly
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

    private static final String THROWS_FOR_EVERYONE = """
            package lifestyle;
            import org.osteocds.facts.*;
            rule "A rule that throws for every patient"
            when
                Patient()
            then
                throw new IllegalStateException( "deliberate" );
            end
            """;

    @Test
    void aRulesetThatCompilesButFailsTheCanaryIsNotServed(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir.resolve("rules"));
        try (HotReload hot = HotReload.watch(rules, Path.of("test-fixtures/samples/patients.json"), AS_OF)) {
            assertEquals(3, hot.canarySize());
            String good = hot.current().ruleset().sha256();
            Files.writeString(rules.resolve("lifestyle/throws.drl"), THROWS_FOR_EVERYONE);
            await(() -> hot.lastFailure().isPresent(), "the canary's refusal");
            assertEquals(good, hot.current().ruleset().sha256(), "the last good ruleset keeps serving");
            RuleProblem p = hot.lastFailure().get().errors().get(0);
            assertEquals("canary", p.file());
            assertTrue(p.message().contains("record P-001") && p.message().contains("A rule that throws for every "
                    + "patient"), p.message());
            Files.delete(rules.resolve("lifestyle/throws.drl"));
            await(() -> hot.lastFailure().isEmpty(), "the undone edit clears the failure");
            assertEquals(good, hot.current().ruleset().sha256());

            // an advice code the catalogue lacks, built where validate cannot see it, fails records: refused too
            Files.writeString(rules.resolve("lifestyle/code.drl"), """
                    package lifestyle;
                    import org.osteocds.facts.*;
                    global Output output;
                    rule "An advice code the catalogue lacks"
                        ruleflow-group "advice"
                    when
                        $p : Patient( id == "P-002" )
                    then
                        output.add( new Recommendation( $p, "LIFESTYLE-" + "NOT-A-CODE", "r", "x" ) );
                    end
                    """);
            await(() -> hot.lastFailure().isPresent(), "the refusal of the unknown code");
            assertTrue(hot.lastFailure().get().errors().get(0).message().contains("record P-002"));
            assertEquals(good, hot.current().ruleset().sha256());
        }
    }

    @Test
    void theFixturesBesideTheRulesAreTheDefaultCanary(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir.resolve("rules"));
        Path fixtures = Files.createDirectories(dir.resolve("test-fixtures/scenarios"));
        Files.copy(Path.of("test-fixtures/scenarios/alcohol-man-15.json"), fixtures.resolve("a.json"));
        Files.copy(Path.of("test-fixtures/scenarios/invalid-age-130.json"), fixtures.resolve("b.json"));
        try (HotReload hot = HotReload.watch(rules)) {
            assertEquals(1, hot.canarySize(), "the valid fixture's record; the invalid one is left out");
        }
        Files.writeString(rules.resolve("lifestyle/throws.drl"), THROWS_FOR_EVERYONE);
        org.osteocds.model.RulesCompilationException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.osteocds.model.RulesCompilationException.class, () -> HotReload.watch(rules));
        assertTrue(e.errors().get(0).message().contains("alcohol-man-15"), e.errors().get(0).message());
    }

    @Test
    void aFolderReplacedWholeIsWatchedAndLoaded(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir.resolve("rules"));
        try (HotReload hot = HotReload.watch(rules)) {
            String before = hot.current().ruleset().sha256();
            // a deploy: the new version is prepared beside, then swapped in by renames
            Path next = RuleFolders.copyOfRules(dir.resolve("rules.next"));
            lowerAlcoholThreshold(next);
            Files.move(rules, dir.resolve("rules.old"));
            Files.move(next, rules);
            await(() -> !hot.current().ruleset().sha256().equals(before), "the replaced folder's rules");
            assertTrue(hot.current().assess(TWELVE_DRINKS, AS_OF).hasAdvice("LIFESTYLE-ALCOHOL-LIMIT"));
            // and the new folder is watched: a later edit loads too
            String second = hot.current().ruleset().sha256();
            Files.writeString(rules.resolve("lifestyle/extra.drl"), "package lifestyle;\n");
            await(() -> !hot.current().ruleset().sha256().equals(second), "an edit in the new folder");
        }
    }
}
