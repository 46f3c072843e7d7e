package org.osteocds.facts;

/**
 * Inferred: the vitamin D intake target for the patient's age.
 *
 * @param patient             whose
 * @param recommendedIuPerDay the target
 * @param group               who the figure is for, in words
 */
public record VitaminDTarget(Patient patient, double recommendedIuPerDay, String group) implements OfPatient {
}
