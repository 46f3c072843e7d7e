package org.osteocds.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.fhir.FhirMapper;
import org.osteocds.model.ParsedRecord;

/**
 * Runs of one patient, without Spark: the iterator reads a sorted partition one patient at a time (never more than
 * one row past the patient it returns), and tells Patients, duplicates and resources of no Patient apart.
 */
class PatientRunsTest {
    private static final FhirMapper MAPPER = new FhirMapper(Engines.of(OsteoCds.bundled()).rules().terminology(),
            LocalDate.of(2026, 6, 1));

    private static Row patient(String id, int ordinal) {
        return RowFactory.create("Patient/" + id, BulkGrouping.PATIENT, 0, (long) ordinal * 100, ordinal, id,
                "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\",\"birthDate\":\"1950-01-01\"}");
    }

    private static Row observation(String patient, long offset) {
        return RowFactory.create("Patient/" + patient, BulkGrouping.RESOURCE, 1, offset, null, null,
                "{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"38267-1\"}]},"
                + "\"effectiveDateTime\":\"2025-01-01\",\"valueQuantity\":{\"value\":-2.6,\"unit\":\"{T-score}\"}}");
    }

    /** Counts the rows handed out. */
    private static final class Counting implements Iterator<Row> {
        final Iterator<Row> in;
        int taken;

        Counting(List<Row> rows) {
            in = rows.iterator();
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public Row next() {
            taken++;
            return in.next();
        }
    }

    @Test
    void readsOnePatientAtATime() {
        List<Row> rows = new ArrayList<>();
        rows.add(patient("A", 1));
        for (int i = 0; i < 50; i++) {
            rows.add(observation("A", i));
        }
        rows.add(patient("B", 2));
        rows.add(observation("B", 1));
        Counting in = new Counting(rows);
        PatientRuns runs = new PatientRuns(in, MAPPER, List.of("Patient.ndjson", "Observation.ndjson"),
                new LongAccumulator());
        ParsedRecord a = runs.next();
        assertEquals("A", ((ParsedRecord.Valid) a).record().id());
        assertEquals(52, in.taken, "A's 51 rows and B's Patient (the look-ahead), nothing of B beyond it");
        assertEquals(new org.osteocds.model.RecordSource("Patient.ndjson", null, null, 1, "Patient/A"), a.source(),
                "the source the CLI gives: the file, the patient's number in the export, its reference");
        ParsedRecord b = runs.next();
        assertEquals("B", ((ParsedRecord.Valid) b).record().id());
        assertFalse(runs.hasNext());
    }

    @Test
    void duplicatesAreInvalidAndOrphansAreCounted() {
        List<Row> rows = List.of(observation("GHOST", 1), observation("GHOST", 2), patient("D", 1), patient("D", 2),
                observation("D", 3));
        LongAccumulator unattached = new LongAccumulator();
        PatientRuns runs = new PatientRuns(rows.iterator(), MAPPER, List.of("Patient.ndjson", "Observation.ndjson"),
                unattached);
        List<ParsedRecord> out = new ArrayList<>();
        runs.forEachRemaining(out::add);
        assertEquals(2, out.size(), "one record per Patient resource: " + out);
        for (ParsedRecord r : out) {
            assertTrue(r instanceof ParsedRecord.Invalid i && i.errors().get(0).message().contains("id D"),
                    r.toString());
        }
        assertEquals(2L, unattached.value(), "the two observations of no Patient");
    }
}
