package org.osteocds.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.FhirSourceReport;
import org.osteocds.internal.parse.JsonSupport;

/**
 * Gathers the FHIR mapping of every patient of a run: the per-patient report, and unrecognised codes counted
 * across the batch, most frequent first, so an integrator sees what to add to the terminology tables; and what the
 * sources held besides patients: clinical resources that point to no Patient, and parts that could not be read.
 */
final class MappingReport {
    private final List<FhirMapping> patients = new ArrayList<>();
    private final Map<String, Integer> totals = new TreeMap<>();
    private int count;
    private final Map<String, Integer> unattached = new TreeMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private int unreadableCount;

    /** The most unreadable parts listed by name; the rest are counted. */
    static final int MAX_LISTED = 1_000;

    synchronized void addSource(FhirSourceReport r) {
        r.unattached().forEach((type, n) -> unattached.merge(type, n, Integer::sum));
        for (String u : r.unreadable()) {
            unreadableCount++;
            if (unreadable.size() < MAX_LISTED) {
                unreadable.add(u);
            }
        }
    }

    /** @return the parts of FHIR sources that could not be read (at most {@link #MAX_LISTED}), and how many */
    synchronized List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    synchronized int unreadableCount() {
        return unreadableCount;
    }

    synchronized int unattachedCount() {
        return unattached.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized void add(FhirMapping m) {
        count++;
        if (patients.size() < 100_000) {
            patients.add(m);
        }
        m.unrecognized().forEach((k, v) -> totals.merge(k, v, Integer::sum));
    }

    synchronized int patients() {
        return count;
    }

    synchronized String summary() {
        String s = String.format("FHIR: %d patients mapped; %d distinct codes not recognised by the terminology tables",
                count, totals.size());
        if (!unattached.isEmpty()) {
            s += String.format("; %d clinical resources point to no patient of their source (%s)", unattachedCount(),
                    unattached.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
        if (unreadableCount > 0) {
            s += String.format("; %d parts could not be read", unreadableCount);
        }
        return s;
    }

    synchronized void write(Path file) throws IOException {
        try (JsonGenerator g = JsonSupport.MAPPER.getFactory().createGenerator(file.toFile(),
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("patients", count);
            g.writeObjectFieldStart("unattachedResources");   // clinical resources that point to no Patient, by type
            for (Map.Entry<String, Integer> e : unattached.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("unreadableParts", unreadableCount);
            g.writeArrayFieldStart("unreadable");
            for (String u : unreadable) {
                g.writeString(u);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("unrecognizedCodes");
            totals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> {
                        try {
                            g.writeNumberField(e.getKey(), e.getValue());
                        } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    });
            g.writeEndObject();
            g.writeFieldName("byPatient");
            g.setCodec(JsonSupport.MAPPER);
            g.writeObject(patients);
            g.writeEndObject();
        }
    }
}
