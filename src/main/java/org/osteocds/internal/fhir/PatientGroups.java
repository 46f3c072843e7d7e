package org.osteocds.internal.fhir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * Groups indexed resources by the patient they are about and maps one patient at a time, in the order the Patient
 * resources appear. Only the index (a few strings and numbers per resource) is held for the whole input; each
 * patient's resources are read back from their files when that patient's turn comes, so memory is bounded by the
 * largest patient. Each Patient resource gives exactly one result: two Patients that references cannot tell apart
 * (the same id) are both invalid, naming the id. Resources that point to no Patient are counted by type.
 */
final class PatientGroups implements Iterator<FhirMapper.Result>, AutoCloseable {

    /** Where a resource can be read back from. */
    sealed interface Where permits InMemory, InFile, Unreadable {
    }

    /** A resource held in memory (small documents). */
    record InMemory(FhirResource resource) implements Where {
    }

    /**
     * A resource in a file: a Bundle entry (an object with {@code fullUrl} and {@code resource}; {@code entry} is its
     * number in the Bundle, from 1) or an NDJSON line (the resource itself); {@code line} is where it starts.
     */
    record InFile(int file, long offset, int length, boolean bundleEntry, int entry, int line) implements Where {
    }

    /**
     * A part that could not be read (broken JSON, bytes that are not UTF-8) but names the patient it belongs to: it
     * makes that patient's record invalid, so that no patient is assessed on part of its data.
     *
     * @param part where it is ({@code file entry N (line L)}, {@code file line L})
     * @param why  why it could not be read
     */
    record Unreadable(String part, String why, int file) implements Where {
        /** A part of a Bundle file (no file number needed: the source is the file). */
        Unreadable(String part, String why) {
            this(part, why, -1);
        }
    }

    /**
     * One indexed resource.
     *
     * @param type       its resourceType
     * @param id         its logical id
     * @param patientKey {@code Patient/id} of the patient it is about (for a Patient, itself), or {@code null}
     * @param where      where to read it
     */
    record Entry(String type, String id, String patientKey, Where where) {
    }

    private final List<Path> files;
    private final RandomAccessFile[] open;
    private final FhirMapper mapper;
    private final String name;
    private final boolean bulk;
    /** Patient keys in order of their first Patient resource, each with its Patient entries (2+ = duplicates). */
    private final Map<String, List<Entry>> patients = new LinkedHashMap<>();
    private final Map<String, List<Entry>> byPatient = new HashMap<>();
    private final Map<String, Integer> unattached = new TreeMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private Iterator<Map.Entry<String, List<Entry>>> order;
    private final ArrayList<FhirMapper.Result> pending = new ArrayList<>();
    private int emitted;

    /**
     * @param files  the files {@link InFile} entries point into
     * @param mapper the mapper
     * @param name   the input's name, for sources and messages
     * @param bulk   whether the input is a Bulk Data export (sources name the file and the patient's number)
     */
    PatientGroups(List<Path> files, FhirMapper mapper, String name, boolean bulk) {
        this.files = List.copyOf(files);
        this.open = new RandomAccessFile[files.size()];
        this.mapper = mapper;
        this.name = name;
        this.bulk = bulk;
    }

    /** Adds a resource to the index. */
    void add(Entry e) {
        if ("Patient".equals(e.type())) {
            patients.computeIfAbsent(e.patientKey(), k -> new ArrayList<>()).add(e);
        } else {
            byPatient.computeIfAbsent(e.patientKey(), k -> new ArrayList<>()).add(e);
        }
    }

    /** Notes a line or entry that could not be read at all. */
    void unreadable(String where) {
        unreadable.add(where);
    }

    /** Ends indexing: resources without a patient reference belong to the only patient, if there is one. */
    void indexed(boolean singlePatientOwnsUnreferenced) {
        List<Entry> unreferenced = byPatient.remove(null);
        if (unreferenced != null) {
            if (singlePatientOwnsUnreferenced && patients.size() == 1) {
                byPatient.computeIfAbsent(patients.keySet().iterator().next(), k -> new ArrayList<>())
                        .addAll(unreferenced);
            } else {
                count(unreferenced);
            }
        }
        for (Map.Entry<String, List<Entry>> e : byPatient.entrySet()) {
            if (!patients.containsKey(e.getKey())) {
                count(e.getValue());
            }
        }
        order = patients.entrySet().iterator();
    }

    private void count(List<Entry> entries) {
        for (Entry e : entries) {
            if (new FhirResource(e.type(), e.id(), null).isClinical()) {
                unattached.merge(e.type(), 1, Integer::sum);
            }
        }
    }

    private RecordError noPatient;

    /** Says why an input that names no patient gives an invalid record instead (a CDS Hooks request without one). */
    void noPatientBecause(RecordError why) {
        noPatient = why;
    }

    /**
     * @return why this input, which holds no Patient, is one invalid record; {@code null} when it holds a Patient,
     *         or holds nothing the mapping reads
     */
    RecordError noPatientError() {
        if (!patients.isEmpty()) {
            return null;
        }
        return noPatient != null ? noPatient : unattached.isEmpty() ? null
                : new RecordError("Patient", null, "no Patient resource for these resources");
    }

    /** @return clinical resources that point to no Patient of this input, by type */
    Map<String, Integer> unattached() {
        return unattached;
    }

    /** @return what could not be read at all ({@code file line N: why}) */
    List<String> unreadableParts() {
        return unreadable;
    }

    @Override
    public boolean hasNext() {
        if (pending.isEmpty() && order.hasNext()) {
            Map.Entry<String, List<Entry>> next = order.next();
            List<Entry> same = next.getValue();
            if (same.size() == 1) {
                pending.add(map(same.get(0), byPatient.remove(next.getKey())));
            } else {
                byPatient.remove(next.getKey());
                for (int i = 0; i < same.size(); i++) {
                    RecordSource source = source(emitted + i + 1, same.get(i));
                    pending.add(duplicate(source, same.get(i).id(), same.size()));
                }
            }
        }
        return !pending.isEmpty();
    }

    @Override
    public FhirMapper.Result next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        return pending.remove(0);
    }

    private RecordSource source(int n, Entry e) {
        String patient = e.id() == null ? null : "Patient/" + e.id();
        if (bulk && e.where() instanceof InFile f) {
            return new RecordSource(files.get(f.file()).toString(), null, null, n, patient);
        }
        if (bulk && e.where() instanceof Unreadable u && u.file() >= 0) {   // a broken line: its file, as for others
            return new RecordSource(files.get(u.file()).toString(), null, null, n, patient);
        }
        return new RecordSource(name, null, null, patients.size() == 1 ? null : n, patient);
    }

    private FhirMapper.Result map(Entry patient, List<Entry> entries) {
        RecordSource source = source(emitted + 1, patient);
        Set<RecordError> errors = new LinkedHashSet<>();
        List<FhirResource> resources = new ArrayList<>();
        FhirResource p = read(patient, errors);
        if (entries != null) {
            for (Entry e : entries) {
                FhirResource r = read(e, errors);
                if (r != null) {
                    resources.add(r);
                }
            }
        }
        if (!errors.isEmpty()) {
            String label = patient.id() == null ? source.toString() : patient.id();
            return new FhirMapper.Result(new ParsedRecord.Invalid(label, source, List.copyOf(errors)),
                    new FhirMapping(label, Map.of(), Map.of()));
        }
        return mapper.map(p, resources, source);
    }

    static FhirMapper.Result duplicate(RecordSource source, String id, int count) {
        RecordError error = new RecordError("Patient.id", id, count + " Patient resources in this input have the id "
                + id + "; references cannot tell them apart, so none of them is assessed");
        String label = id == null ? source.toString() : id;
        return new FhirMapper.Result(new ParsedRecord.Invalid(label, source, List.of(error)),
                new FhirMapping(label, Map.of(), Map.of()));
    }

    /** Reads a resource back, strictly (a key given twice is an error); {@code null}, noting why, when it cannot be. */
    private FhirResource read(Entry e, Set<RecordError> errors) {
        if (e.where() instanceof InMemory m) {
            return m.resource();
        }
        if (e.where() instanceof Unreadable u) {
            errors.add(ResourceText.unreadable(u.part(), u.why()));
            return null;
        }
        InFile f = (InFile) e.where();
        byte[] buf = new byte[f.length()];
        try {
            if (open[f.file()] == null) {
                open[f.file()] = new RandomAccessFile(files.get(f.file()).toFile(), "r");
            }
            open[f.file()].seek(f.offset());
            open[f.file()].readFully(buf);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read " + files.get(f.file()), x);
        }
        String part = files.get(f.file()).getFileName() + (f.bundleEntry() ? " entry " + f.entry() + " (line "
                + f.line() + ")" : " line " + f.line());
        return ResourceText.parse(buf, f.bundleEntry(), e.type() + "/" + e.id(), part, errors);
    }

    @Override
    public void close() {
        for (RandomAccessFile f : open) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    // nothing useful to do
                }
            }
        }
    }
}
