package org.osteocds.internal.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
     * Maps one patient from its lines.
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
        List<FhirResource> rs = new ArrayList<>(resources.size());
        for (String line : resources) {
            rs.add(FhirResource.of(FhirJson.MAPPER.readTree(line), null));
        }
        return mapper.map(FhirResource.of(FhirJson.MAPPER.readTree(patient), null), rs, source);
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
