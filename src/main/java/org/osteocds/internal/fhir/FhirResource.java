package org.osteocds.internal.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One FHIR resource as a JSON tree, with its logical id as FHIR defines it in context: in a Bundle, the entry's
 * {@code fullUrl} names the resource ({@code urn:uuid:x} or {@code .../Patient/x}); elsewhere its {@code id}.
 *
 * @param type its resourceType
 * @param id   its logical id, or {@code null}
 * @param json the resource
 */
record FhirResource(String type, String id, JsonNode json) {

    /**
     * @param json    a resource
     * @param fullUrl its Bundle entry's fullUrl, or {@code null}
     * @return the resource with its id
     */
    static FhirResource of(JsonNode json, String fullUrl) {
        return new FhirResource(FhirJson.text(json, "resourceType"), idFrom(fullUrl, FhirJson.text(json, "id")), json);
    }

    /** A fullUrl names the resource when present (as HAPI reads a Bundle); {@code urn:uuid:} is not part of it. */
    static String idFrom(String fullUrl, String id) {
        if (fullUrl == null || fullUrl.isBlank()) {
            return id != null && id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
        }
        if (fullUrl.startsWith("urn:uuid:")) {
            return fullUrl.substring("urn:uuid:".length());
        }
        if (fullUrl.startsWith("urn:")) {
            return fullUrl;
        }
        String s = fullUrl;
        int history = s.indexOf("/_history/");
        if (history >= 0) {
            s = s.substring(0, history);
        }
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }

    /** @return {@code Type/id}, for messages and the mapping report */
    String ref() {
        return type + "/" + id;
    }

    /** @return the reference to the patient this resource is about ({@code subject} or {@code patient}), or null */
    String patientReference() {
        JsonNode ref = json.has("subject") ? json.get("subject").get("reference")
                : json.has("patient") ? json.get("patient").get("reference") : null;
        return ref == null || ref.isNull() ? null : ref.asText();
    }

    /** @return whether the mapping reads resources of this type (an unattached one is worth reporting) */
    boolean isClinical() {
        return switch (String.valueOf(type)) {
            case "Observation", "Condition", "Procedure", "MedicationRequest", "MedicationStatement",
                 "MedicationAdministration", "FamilyMemberHistory" -> true;
            default -> false;
        };
    }

    /**
     * Normalises a reference to a Patient: {@code Patient/id}, a full URL ending in it, a version, or a
     * {@code urn:uuid:} full URL of a Patient entry of the same Bundle.
     *
     * @param reference    the reference
     * @param fullUrlToKey a Bundle's Patient entries: fullUrl to {@code Patient/id}
     * @return {@code Patient/id}, or {@code null} when it names no patient
     */
    static String patientKey(String reference, Map<String, String> fullUrlToKey) {
        if (reference == null) {
            return null;
        }
        String mapped = fullUrlToKey.get(reference);
        if (mapped != null) {
            return mapped;
        }
        int i = reference.lastIndexOf("Patient/");
        if (i >= 0) {
            String rest = reference.substring(i + "Patient/".length());
            int slash = rest.indexOf('/');
            return "Patient/" + (slash < 0 ? rest : rest.substring(0, slash));
        }
        if (reference.startsWith("urn:uuid:")) {
            return "Patient/" + reference.substring("urn:uuid:".length());
        }
        return null;
    }
}
