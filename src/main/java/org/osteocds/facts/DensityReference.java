package org.osteocds.facts;

/**
 * Inferred: which score classifies this patient's bone density. T-scores (WHO) classify postmenopausal women, men
 * aged 50 and over and anyone aged 50 and over whose sex is unknown; Z-scores (ISCD) everyone else: children,
 * premenopausal women, men under 50.
 *
 * @param patient whose
 * @param byTScore whether the T-score classifies (else the Z-score)
 * @param reason  why, in words
 */
public record DensityReference(Patient patient, boolean byTScore, String reason) implements OfPatient {
}
