package org.osteocds.facts;

/**
 * Inferred: the low-risk drinking limit that applies to this adult (NIAAA: at most 7 drinks a week for women, 14 for
 * men; 14 when the sex is unknown).
 *
 * @param patient      whose
 * @param drinksPerWeek the limit
 * @param group        who it is for, in words
 */
public record AlcoholLimit(Patient patient, int drinksPerWeek, String group) implements OfPatient {
}
