package org.osteocds.model;

import java.util.List;
import java.util.Map;

/**
 * How one patient's FHIR data became a patient record: which resources filled which field, and which codes the
 * terminology tables did not recognise (so an integrator knows what to add to {@code rules/terminology/}).
 *
 * @param patientId    the patient's id
 * @param fields       record field to the resources that filled it ({@code Observation/abc 38265-5 2018-09-21})
 * @param unrecognized {@code ResourceType system|code display} to how often it was seen
 */
public record FhirMapping(String patientId, Map<String, List<String>> fields, Map<String, Integer> unrecognized) {
    /** Copies the maps. */
    public FhirMapping {
        fields = Map.copyOf(fields);
        unrecognized = Map.copyOf(unrecognized);
    }
}
