package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osteocds.OsteoCds;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/** Concurrent calls share sessions, and each still gets exactly the assessment it would get alone. */
class BatchingTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    private static List<ParsedRecord> scenarios() throws Exception {
        List<ParsedRecord> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(Path.of("test-fixtures/scenarios"))) {
            for (Path f : files.sorted().limit(48).toList()) {
                try (Stream<ParsedRecord> s = PatientRecords.read(f)) {
                    s.forEach(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void aBurstOfCallsIsAssessedInFewSessionsWithTheAnswersOfEachAlone() throws Exception {
        OsteoCds cds = OsteoCds.bundled();
        List<ParsedRecord> records = scenarios();
        assertTrue(records.size() >= 40, "records: " + records.size());
        // a second date: half the calls are assessed a year later (a session never mixes dates)
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            dates.add(i % 2 == 0 ? AS_OF : AS_OF.plusYears(1));
        }
        List<String> alone = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            alone.add(PatientRecords.toJson(cds.assessAll(Stream.of(records.get(i)), dates.get(i), 1).findFirst()
                    .orElseThrow()));
        }
        // the one worker is held by a slow call while the burst arrives, so the burst must wait and share sessions
        Path copy = java.nio.file.Files.createTempDirectory("rules");
        Path slowRules = org.osteocds.RuleFolders.copyOfRules(copy);
        java.nio.file.Files.writeString(slowRules.resolve("lifestyle/slow.drl"), """
                package lifestyle;
                import org.osteocds.facts.*;
                rule "A slow rule for the batching test"
                when
                    Patient( id == "SLOW" )
                then
                    Thread.sleep( 1500 );
                end
                """);
        OsteoCds slow = OsteoCds.fromRules(slowRules);
        Batching batching = new Batching(1);
        ExecutorService pool = Executors.newFixedThreadPool(records.size() + 1);
        try {
            Future<Assessment> held = pool.submit(() -> batching.assess(slow,
                    new ParsedRecord.Valid(PatientRecord.builder("SLOW").age(40).build(), null), AS_OF));
            while (batching.batches() == 0) {
                Thread.sleep(5);   // the slow call has the worker
            }
            List<Future<Assessment>> calls = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                int k = i;
                calls.add(pool.submit(() -> batching.assess(cds, records.get(k), dates.get(k))));
            }
            for (int i = 0; i < records.size(); i++) {
                assertEquals(alone.get(i), PatientRecords.toJson(calls.get(i).get()), "call " + i);
            }
            assertEquals("SLOW", held.get().patientId());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(records.size() + 1, batching.records());
        assertTrue(batching.batches() <= 3,
                batching.batches() + " batches for " + records.size() + " calls that waited together");
        assertEquals(0, batching.waiting());
    }

    @Test
    void callsOnTwoRulesetsAreEachAssessedByTheirOwn() throws Exception {
        OsteoCds bundled = OsteoCds.bundled();
        Path copy = java.nio.file.Files.createTempDirectory("rules");
        Path rules = org.osteocds.RuleFolders.copyOfRules(copy);
        java.nio.file.Files.writeString(rules.resolve("lifestyle/extra.drl"), "package lifestyle;\n");
        OsteoCds other = OsteoCds.fromRules(copy);
        assertTrue(!bundled.ruleset().sha256().equals(other.ruleset().sha256()));
        PatientRecord r = PatientRecord.builder("R-1").age(40).build();
        Batching batching = new Batching(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Assessment>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                OsteoCds cds = i % 2 == 0 ? bundled : other;
                calls.add(pool.submit(() -> batching.assess(cds, new ParsedRecord.Valid(r, null), AS_OF)));
            }
            for (int i = 0; i < 8; i++) {
                OsteoCds cds = i % 2 == 0 ? bundled : other;
                assertEquals(cds.ruleset().sha256(), calls.get(i).get().ruleset().sha256(), "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
