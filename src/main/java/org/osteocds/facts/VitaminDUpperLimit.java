package org.osteocds.facts;

/**
 * Inferred: the upper limit of vitamin D intake that applies to the patient.
 *
 * @param patient      whose
 * @param limitIuPerDay the limit
 */
public record VitaminDUpperLimit(Patient patient, double limitIuPerDay) implements OfPatient {
}
