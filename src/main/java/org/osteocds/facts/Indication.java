package org.osteocds.facts;

/**
 * Inferred: a named clinical indication for one advice, with the reason in words. For example the indication
 * {@code bone-density-test} with reason "woman aged 67". Several indications for the same advice are gathered by
 * the advice rule into one rationale.
 *
 * @param patient  whose
 * @param name     the indication's name
 * @param reason   why, in words
 * @param evidence the ids of the sources behind it besides the advice's own ({@code ;}-separated), or {@code null}
 */
public record Indication(Patient patient, String name, String reason, String evidence) implements OfPatient {
    /**
     * @param patient whose
     * @param name    the indication's name
     * @param reason  why, in words
     */
    public Indication(Patient patient, String name, String reason) {
        this(patient, name, reason, null);
    }
}
