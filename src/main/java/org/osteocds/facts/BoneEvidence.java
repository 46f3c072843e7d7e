package org.osteocds.facts;

import org.osteocds.model.BoneStatus;

/**
 * Inferred: one piece of evidence for a bone status (a T-score in a range, a diagnosis, a fracture).
 * The bone-status rules weigh all pieces into one {@link HasBoneStatus}.
 *
 * @param patient whose
 * @param status  the status this piece points to
 * @param basis   what in the record shows it
 */
public record BoneEvidence(Patient patient, BoneStatus status, String basis) implements OfPatient {
}
