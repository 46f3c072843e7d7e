package org.osteocds.internal.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * The Bulk Data mapping of {@link PatientGroups}, one step at a time, for engines that group the lines themselves
 * (the population job on Spark): the key of one NDJSON line, and the mapping of one patient's lines, in the order the
 * Bulk export holds them (files in name order, lines in file order), with the same mapper, the same sources and the
 * same errors as {@code FhirInput.read} on the export folder. Not public API.
 */
public final class FhirLines {
    private FhirLines() {
    }

    /**
     * What grouping needs of one NDJSON line.
     *
     * @param type       its resourceType, or {@code null}
     * @param id         its logical id, or {@code null}
     * @param patientKey {@code Patient/id} of the patient it is about (for a Patient, itself), or {@code null}
     * @param clinical   whether the mapping reads resources of this type (an unattached one is worth reporting)
     */
    public record Key(String type, String id, String patientKey, boolean clinical) {
        /** @return whether the line is a Patient resource */
        public boolean isPatient() {
            return "Patient".equals(type);
        }
    }

    /**
     * Keys one NDJSON line as the Bulk export index does.
     *
     * @param line the line, not blank
     * @return its key
     * @throws IOException when the line is not valid JSON (the export index counts it unreadable)
     */
    public static Key key(String line) throws IOException {
        FhirResource r = FhirResource.of(FhirJson.MAPPER.readTree(line), null);
        String key = "Patient".equals(r.type()) ? "Patient/" + r.id()
                : FhirResource.patientKey(r.patientReference(), Map.of());
        return new Key(r.type(), r.id(), key, r.isClinical());
    }

    /**
     * Keys a line that is not valid JSON by what its raw text names (docs/reliability.md): itself when it is a
     * Patient with an id, else the patient of its first reference. The patient is then invalid rather than assessed
     * on part of its data, as the export index does.
     *
     * @param line the line
     * @return its key ({@code clinical} true), or {@code null} when it names no patient
     */
    public static Key brokenKey(String line) {
        ResourceText.Names names = ResourceText.names(line);
        if (names.patientId() != null) {
            return new Key("Patient", names.patientId(), "Patient/" + names.patientId(), true);
        }
        for (String reference : names.references()) {
            String key = FhirResource.patientKey(reference, Map.of());
            if (key != null) {
                return new Key(null, null, key, true);
            }
        }
        return null;
    }

    /**
     * Maps one patient from its lines. A line with a key given twice makes the record invalid, naming the resource
     * and the key, as the export index does (without the line's number, which the rows do not keep).
     *
     * @param mapper    the mapper (its terminology and assessment date)
     * @param patient   the Patient resource's line
     * @param resources the patient's other lines, in export order
     * @param source    where the patient came from ({@code file}, {@code index}, {@code patient})
     * @return the record and the mapping report
     * @throws IOException when a line is not valid JSON
     */
    public static FhirMapper.Result map(FhirMapper mapper, String patient, List<String> resources,
                                        RecordSource source) throws IOException {
        return map(mapper, patient, resources, source, null);
    }

    /**
     * As {@link #map(FhirMapper, String, List, RecordSource)}, naming where each line is for a line that is not
     * valid JSON (which makes the record invalid, as the export index does).
     *
     * @param parts where each line is: the Patient's first, then the resources' (may be {@code null})
     */
    public static FhirMapper.Result map(FhirMapper mapper, String patient, List<String> resources,
                                        RecordSource source, List<String> parts) throws IOException {
        Set<RecordError> errors = new LinkedHashSet<>();
        List<FhirResource> rs = new ArrayList<>(resources.size());
        for (int i = 0; i < resources.size(); i++) {
            FhirResource r = strict(resources.get(i), errors, parts == null ? null : parts.get(i + 1));
            if (r != null) {
                rs.add(r);
            }
        }
        FhirResource p = strict(patient, errors, parts == null ? null : parts.get(0));
        if (!errors.isEmpty()) {
            String label = p != null ? p.id() : ResourceText.names(patient).patientId();
            label = label == null ? source.toString() : label;
            return new FhirMapper.Result(new ParsedRecord.Invalid(label, source, List.copyOf(errors)),
                    new FhirMapping(label, Map.of(), Map.of()));
        }
        return mapper.map(p, rs, source);
    }

    private static FhirResource strict(String line, Set<RecordError> errors, String part) throws IOException {
        try {
            return FhirResource.of(ResourceText.STRICT.readTree(line), null);
        } catch (JsonProcessingException e) {
            String key = ResourceText.duplicate(e, false);
            if (key == null) {
                if (part == null) {
                    throw e;
                }
                errors.add(ResourceText.unreadable(part, ResourceText.why(e)));
                return null;
            }
            errors.add(ResourceText.twice(FhirResource.of(FhirJson.MAPPER.readTree(line), null).ref(), key,
                    "a line of the export"));
            return null;
        }
    }

    /**
     * The result for one of several Patient resources with the same id, as the export index gives it.
     *
     * @param source where this Patient came from
     * @param id     the shared id
     * @param count  how many Patients have it
     * @return an invalid result naming the id
     */
    public static FhirMapper.Result duplicate(RecordSource source, String id, int count) {
        return PatientGroups.duplicate(source, id, count);
    }

    /**
     * The result for an export that holds clinical resources but no Patient at all, as the export index gives it.
     *
     * @param name the export's name (its folder's name)
     * @return one invalid result for the whole export
     */
    public static FhirMapper.Result noPatient(String name) {
        return FhirSources.invalid(name, new RecordError("Patient", null, "no Patient resource for these resources"));
    }
}
