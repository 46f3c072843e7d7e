package org.osteocds.facts;

/**
 * Inferred: whether the patient meets one physical-activity target.
 *
 * @param patient     whose
 * @param name        {@code youth-activity}, {@code youth-strength}, {@code aerobic}, {@code strength} or
 *                    {@code balance}
 * @param outcome     met, not met, or unknown
 * @param description the values and the target, in words (for rationales)
 */
public record ActivityTarget(Patient patient, String name, Outcome outcome, String description) implements OfPatient {
    /** @return whether the target is not known to be met */
    public boolean isUnmet() {
        return outcome != Outcome.MET;
    }
}
