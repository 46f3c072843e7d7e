package org.osteocds.model;

/**
 * Who an assessment is about, for the views that show people rather than ids (the HTML report, worklists): the
 * record's display name, the age at the assessment date and the sex. Not part of the assessment's JSON contract.
 *
 * @param name the record's {@code name}, or {@code null}
 * @param age  age in whole years at the assessment date (at death, for a patient who has died), or {@code null}
 * @param sex  sex assigned at birth, or {@code null}
 */
public record PatientSummary(String name, Integer age, Sex sex) {
    /** Nothing known. */
    public static final PatientSummary UNKNOWN = new PatientSummary(null, null, null);
}
