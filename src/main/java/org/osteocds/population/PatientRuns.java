package org.osteocds.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.osteocds.internal.fhir.FhirLines;
import org.osteocds.internal.fhir.FhirMapper;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordSource;

/**
 * Turns a partition of resource rows, sorted by patient key, then Patient first, then export order (file, byte
 * offset), into one parsed record per Patient resource, reading one run of rows (one patient) at a time: memory
 * holds one patient's resources, never the partition. A run without a Patient is resources that point to no Patient
 * of the export (counted, as the CLI's source report counts them); a run with two or more Patients gives each of them
 * an invalid record naming the shared id, as the CLI does.
 */
final class PatientRuns implements Iterator<ParsedRecord> {
    /** Columns of the rows, in {@link BulkGrouping#LINES} order. */
    static final int KEY = 0;
    static final int KIND = 1;
    static final int FILE = 2;
    static final int OFFSET = 3;
    static final int ORDINAL = 4;
    static final int ID = 5;
    static final int JSON = 6;

    private final Iterator<Row> rows;
    private final FhirMapper mapper;
    private final List<String> fileNames;
    private final LongAccumulator unattached;
    private final ArrayDeque<ParsedRecord> pending = new ArrayDeque<>();
    private Row lookahead;

    /**
     * @param rows       the sorted rows of one partition
     * @param mapper     the mapper (terminology and assessment date)
     * @param fileNames  the export's files as sources name them, by file number
     * @param unattached counts clinical resources whose patient is not in the export
     */
    PatientRuns(Iterator<Row> rows, FhirMapper mapper, List<String> fileNames, LongAccumulator unattached) {
        this.rows = rows;
        this.mapper = mapper;
        this.fileNames = fileNames;
        this.unattached = unattached;
        this.lookahead = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && lookahead != null) {
            nextRun();
        }
        return !pending.isEmpty();
    }

    @Override
    public ParsedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    /** Reads the rows of the next patient key and queues what they give. */
    private void nextRun() {
        String key = lookahead.getString(KEY);
        List<Row> patients = new ArrayList<>(1);
        List<String> resources = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        parts.add(null);   // the Patient's, once known
        while (lookahead != null && key.equals(lookahead.getString(KEY))) {
            if (lookahead.getInt(KIND) == BulkGrouping.PATIENT) {
                patients.add(lookahead);
            } else {
                resources.add(lookahead.getString(JSON));
                parts.add(part(lookahead));
            }
            lookahead = rows.hasNext() ? rows.next() : null;
        }
        if (patients.isEmpty()) {
            unattached.add(resources.size());
        } else if (patients.size() == 1) {
            Row p = patients.get(0);
            try {
                parts.set(0, part(p));
                pending.add(FhirLines.map(mapper, p.getString(JSON), resources, source(p), parts).record());
            } catch (IOException e) {
                // every line was parsed once already, when it was keyed
                throw new UncheckedIOException("a line of " + fileNames.get(p.getInt(FILE)) + " became unreadable", e);
            }
        } else {
            for (Row p : patients) {
                FhirMapper.Result r = FhirLines.duplicate(source(p), p.isNullAt(ID) ? null : p.getString(ID),
                        patients.size());
                pending.add(r.record());
            }
        }
    }

    /** Where a line is: its file and byte offset (the rows keep no line numbers; the CLI names the line). */
    private String part(Row r) {
        String file = fileNames.get(r.getInt(FILE));
        return file.substring(file.lastIndexOf('/') + 1) + " at byte " + r.getLong(OFFSET);   // its name, as the CLI
    }

    /** Where a Patient came from, as the CLI names it: the file, the patient's number in the export, its id. */
    private RecordSource source(Row p) {
        String id = p.isNullAt(ID) ? null : p.getString(ID);
        return new RecordSource(fileNames.get(p.getInt(FILE)), null, null, p.getInt(ORDINAL),
                id == null ? null : "Patient/" + id);
    }
}
