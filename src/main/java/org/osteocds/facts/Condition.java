package org.osteocds.facts;

/**
 * A condition or procedure of a patient, as a condition key of the input contract. Conditions with an onset after
 * the assessment date are never inserted.
 *
 * @param patient whose condition
 * @param key     the condition key, for example {@code rheumatoid-arthritis}
 * @param label   how the record named it, for rationales (the key, or {@code system|code})
 */
public record Condition(Patient patient, String key, String label) implements OfPatient {
}
