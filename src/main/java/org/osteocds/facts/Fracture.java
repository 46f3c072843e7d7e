package org.osteocds.facts;

/**
 * A low-trauma fracture at a named site, one per site of the record's {@code fractureSites} (and {@code hip} or
 * {@code vertebra} for the {@code hipFracture} and {@code vertebralFracture} flags). Sites are the record's:
 * {@code hip}, {@code vertebra}, {@code proximal-humerus}, {@code pelvis}, {@code distal-forearm}, {@code other}.
 *
 * @param patient whose
 * @param site    where
 */
public record Fracture(Patient patient, String site) implements OfPatient {
}
