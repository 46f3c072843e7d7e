package org.osteocds.facts;

/**
 * Inferred: the rules do not judge this patient; no advice may be given.
 *
 * @param patient whose
 * @param reason  why, in words
 */
public record OutOfScope(Patient patient, String reason) implements OfPatient {
}
