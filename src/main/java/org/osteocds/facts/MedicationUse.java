package org.osteocds.facts;

import java.time.LocalDate;
import org.osteocds.model.Sex;

/**
 * One medicine of a patient as of the assessment date, with what the terminology tables say of its class.
 *
 * @param patient                      whose medicine
 * @param name                         the name or code as recorded, for rationales
 * @param medClass                     bone-relevant class (for example {@code glucocorticoid}); {@code none} for a
 *                                     medicine the tables know that is not bone-relevant; {@code null} when no table
 *                                     knows it
 * @param coded                        whether it was given by a code (RxNorm, ATC) rather than a name alone
 * @param route                        route as recorded, or {@code null}
 * @param systemic                     whether the route is systemic (the routes table; unknown counts as systemic)
 * @param doseMgPerDay                 the medicine's own daily dose in mg, or {@code null}
 * @param prednisoneEquivalentMgPerDay for a glucocorticoid, its daily dose as prednisone-equivalent mg (converted by
 *                                     the equivalence table, or as recorded); {@code null} when unknown or there is
 *                                     no valid equivalence
 * @param exposureDays                 days taken up to the assessment date, start and end inclusive (months count
 *                                     30 days), or {@code null}
 * @param plannedDays                  days from start to end when both are recorded (a planned course), or
 *                                     {@code null}
 * @param current                      whether it is taken on the assessment date (no end date, or an end on or after
 *                                     it)
 * @param lastDose                     the end date when it is before the assessment date (for an infusion or
 *                                     injection, the last dose), or {@code null}
 * @param monthsSinceLastDose          calendar months begun since {@code lastDose} (a dose exactly 7 months ago is 7,
 *                                     one a day more is 8), or {@code null}
 * @param riskFactor                   the risk-factor key a current use of its class gives, or {@code null}
 * @param riskFactorMenOnly            whether only men get that risk factor
 * @param reviewFromDays               its class is reviewed after this many days of current use (0: any);
 *                                     {@code null}: never
 * @param reviewEvidence               the evidence ids the review of its class cites ({@code ;}-separated)
 * @param dosing                       for a medicine injected at intervals whose last dose still covers the
 *                                     assessment date, when it was given and how long it covers; else {@code null}
 */
public record MedicationUse(Patient patient, String name, String medClass, boolean coded, String route,
                            boolean systemic, Double doseMgPerDay, Double prednisoneEquivalentMgPerDay,
                            Integer exposureDays, Integer plannedDays, boolean current, LocalDate lastDose,
                            Integer monthsSinceLastDose, String riskFactor, boolean riskFactorMenOnly,
                            Integer reviewFromDays, String reviewEvidence, String dosing) implements OfPatient {

    /** @return whether a table knows this medicine */
    public boolean isKnown() {
        return medClass != null;
    }

    /**
     * @return the name with its class (and, for an injection still in effect, its last dose), for rationales: for
     *         example {@code leuprolide (androgen-deprivation; last dose 2026-03-01, within its 7-month coverage)}
     */
    public String withClass() {
        String cls = "androgen-deprivation".equals(medClass) && patient.sex() == Sex.FEMALE
                ? "GnRH analogue, ovarian suppression" : medClass;
        return name + " (" + cls + (dosing == null ? "" : "; " + dosing) + ")";
    }

    /** @return whether its current use is past its class's review exposure (an unknown duration is not) */
    public boolean isPastReviewExposure() {
        return current && reviewFromDays != null
                && (reviewFromDays == 0 || (exposureDays != null && exposureDays >= reviewFromDays));
    }
}
