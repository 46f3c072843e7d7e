package org.osteocds.facts;

/**
 * Inferred: how long the last DXA scan counts, in calendar months after it (0: it does not count), and why.
 *
 * @param patient whose
 * @param months  the repeat interval
 * @param reason  why, in words
 */
public record DxaInterval(Patient patient, int months, String reason) implements OfPatient {
}
