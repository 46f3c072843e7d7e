package org.osteocds.facts;

/**
 * One medicine of a patient, mapped to its bone-relevant class through the terminology tables.
 *
 * @param patient      whose medicine
 * @param name         the name or code as recorded, for rationales
 * @param medClass     bone-relevant class (for example {@code glucocorticoid}), or {@code null} for none
 * @param route        route as recorded, or {@code null}
 * @param systemic     whether the route is systemic (the routes table; an unknown route counts as systemic)
 * @param doseMgPerDay daily dose in mg, or {@code null}
 * @param exposureDays days taken up to the assessment date, start and end inclusive (months count 30 days), or {@code null}
 * @param current      whether it is still taken at the assessment date (no end date, or an end on or after it)
 */
public record MedicationUse(Patient patient, String name, String medClass, String route, boolean systemic,
                            Double doseMgPerDay, Integer exposureDays, boolean current) {
}
