package org.osteocds.facts;

/**
 * Inferred: a fracture risk factor, with the evidence from the record.
 *
 * @param patient  whose
 * @param key      the catalogue key, for example {@code current-smoking}
 * @param evidence what in the record shows it
 */
public record HasRiskFactor(Patient patient, String key, String evidence) implements OfPatient {
}
