package org.osteocds.facts;

/**
 * Inferred: how the patient's serum 25-hydroxyvitamin D level reads.
 *
 * @param patient whose
 * @param level   {@code deficient} (below 12 ng/mL), {@code inadequate} (12 to below 20), {@code adequate},
 *                or {@code high} (above 50)
 * @param description the value and its reading, in words
 */
public record SerumVitaminD(Patient patient, String level, String description) implements OfPatient {
}
