package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/** One engine shared by 8 threads gives exactly what a single thread gives, record by record. */
class ConcurrencyTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    @Test
    void eightThreadsEqualSequential() throws Exception {
        List<PatientRecord> records = RandomRecords.generate(2_000, 7L);
        OsteoCds cds = TestRules.bundled();
        List<String> sequential = new ArrayList<>();
        for (PatientRecord r : records) {
            sequential.add(PatientRecords.toJson(cds.assess(r, AS_OF)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            int slice = records.size() / 8;
            for (int t = 0; t < 8; t++) {
                List<PatientRecord> mine = records.subList(t * slice, (t + 1) * slice);
                int mode = t % 2;
                parts.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    if (mode == 0) {
                        for (PatientRecord r : mine) {
                            out.add(PatientRecords.toJson(cds.assess(r, AS_OF)));
                        }
                    } else {
                        for (Assessment a : cds.assessAll(mine, AS_OF)) {
                            out.add(PatientRecords.toJson(a));
                        }
                    }
                    return out;
                }));
            }
            List<String> parallel = new ArrayList<>();
            for (Future<List<String>> f : parts) {
                parallel.addAll(f.get());
            }
            assertEquals(sequential.subList(0, parallel.size()), parallel);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelStreamKeepsInputOrderAndEqualsSequential() {
        List<PatientRecord> records = RandomRecords.generate(3_000, 11L);
        OsteoCds cds = TestRules.bundled();
        List<Assessment> one = cds.assessAll(records.stream().map(r -> (ParsedRecord) new ParsedRecord.Valid(r, null)), AS_OF, 1).toList();
        List<Assessment> four = cds.assessAll(records.stream().map(r -> (ParsedRecord) new ParsedRecord.Valid(r, null)), AS_OF, 4).toList();
        assertEquals(records.size(), four.size());
        assertEquals(one, four);
        assertEquals(records.stream().map(PatientRecord::id).toList(), four.stream().map(Assessment::patientId).toList());
    }
}
