package org.osteocds.facts;

/**
 * Inferred: the recommended calcium intake and its upper limit for the patient's age and sex.
 *
 * @param patient              whose
 * @param recommendedMgPerDay  the recommended intake
 * @param upperLimitMgPerDay   the tolerable upper intake
 * @param group                who the figures are for, in words (for rationales)
 */
public record CalciumTarget(Patient patient, double recommendedMgPerDay, double upperLimitMgPerDay, String group) implements OfPatient {
}
