package org.osteocds.facts;

/**
 * Inferred: a woman who is postmenopausal, and why (recorded, premature menopause, bilateral oophorectomy, or aged 50
 * or over and not recorded as premenopausal).
 *
 * @param patient whose
 * @param reason  why, in words
 */
public record Postmenopausal(Patient patient, String reason) implements OfPatient {
}
