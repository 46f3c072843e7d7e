package org.osteocds.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osteocds.model.FhirMapping;
import org.osteocds.internal.parse.JsonSupport;

/**
 * Gathers the FHIR mapping of every patient of a run: the per-patient report, and unrecognised codes counted
 * across the batch, most frequent first, so an integrator sees what to add to the terminology tables.
 */
final class MappingReport {
    private final List<FhirMapping> patients = new ArrayList<>();
    private final Map<String, Integer> totals = new TreeMap<>();
    private int count;

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
        return String.format("FHIR: %d patients mapped; %d distinct codes not recognised by the terminology tables",
                count, totals.size());
    }

    synchronized void write(Path file) throws IOException {
        try (JsonGenerator g = JsonSupport.MAPPER.getFactory().createGenerator(file.toFile(),
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("patients", count);
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
