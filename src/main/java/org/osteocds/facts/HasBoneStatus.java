package org.osteocds.facts;

import org.osteocds.model.BoneStatus;

/**
 * Inferred: the patient's bone status; exactly one per patient in scope.
 *
 * @param patient whose
 * @param status  the status
 * @param basis   why, in words
 */
public record HasBoneStatus(Patient patient, BoneStatus status, String basis) implements OfPatient {
    /** @return whether the status is osteopenia or osteoporosis */
    public boolean isLowBoneMass() {
        return status == BoneStatus.OSTEOPENIA || status == BoneStatus.OSTEOPOROSIS;
    }
}
