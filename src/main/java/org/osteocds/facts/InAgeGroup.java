package org.osteocds.facts;

import org.osteocds.model.AgeGroup;

/**
 * Inferred: the patient's age group.
 *
 * @param patient whose
 * @param group   the group
 */
public record InAgeGroup(Patient patient, AgeGroup group) implements OfPatient {
    /** @return whether the patient is a child (6 to 17) */
    public boolean isChild() {
        return group == AgeGroup.CHILD;
    }

    /** @return whether the patient is an adult, older adults included */
    public boolean isAdult() {
        return group == AgeGroup.ADULT || group == AgeGroup.OLDER_ADULT;
    }

    /** @return whether the rules judge this patient at all (a child or an adult) */
    public boolean isInScope() {
        return isChild() || isAdult();
    }

    /** @return whether the patient is an older adult */
    public boolean isOlderAdult() {
        return group == AgeGroup.OLDER_ADULT;
    }
}
