package org.osteocds.facts;

import java.time.LocalDate;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * A patient record as the rules see it, normalised to the assessment date: the age in whole years at {@code asOf},
 * the lowest known T-score and its site, the lowest Z-score, the months since the last DXA and the age at it (only
 * when it is on or before {@code asOf}; months are calendar months begun since the scan, so a scan exactly 24 months
 * ago is 24 months ago and one a day more is 25), the BMI (given, or derived from height and weight). The fracture
 * flags include what {@code fractureSites} implies (any site: a fragility fracture; hip; vertebra). Field names follow
 * the input contract. {@code null} = unknown.
 * {@code deceased} is true when the patient died on or before {@code asOf} (or died on a date not recorded); then
 * {@code diedOn} is that date when known and {@code ageYears} is the age reached at death.
 *
 * <p>Equality is identity: two patients with the same data are still two patients. {@code seq} numbers the
 * records of one session.
 */
public record Patient(
        int seq,
        String id,
        LocalDate asOf,
        Integer ageYears,
        Sex sex,
        Boolean postmenopausal,
        Boolean prematureMenopause,
        Double lowestTScore,
        String lowestTScoreSite,
        Double lowestZScore,
        LocalDate lastDxaDate,
        Integer monthsSinceDxa,
        Integer ageAtDxa,
        Double fraxMajorPercent,
        Double fraxHipPercent,
        Boolean fragilityFracture,
        Boolean vertebralFracture,
        Boolean hipFracture,
        Boolean parentalHipFracture,
        Integer fallsLast12Months,
        Double bmi,
        String bmiSource,
        Double calciumIntakeMgPerDay,
        Double vitaminDIntakeIuPerDay,
        Double serum25OHDNgPerMl,
        Double alcoholDrinksPerWeek,
        Smoking smoking,
        Double moderateActivityMinutesPerWeek,
        Double vigorousActivityMinutesPerWeek,
        Double activityMinutesPerDay,
        Double strengthDaysPerWeek,
        Double balanceDaysPerWeek,
        boolean medicationsRecorded,
        boolean conditionsRecorded,
        boolean deceased,
        LocalDate diedOn) {

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return seq;
    }

    /** @return every known value, {@code name=value}, for traces */
    public String describe() {
        StringBuilder sb = new StringBuilder("Patient[");
        boolean first = true;
        for (java.lang.reflect.RecordComponent c : Patient.class.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(this);
                if (v != null && !c.getName().equals("seq")) {
                    sb.append(first ? "" : ", ").append(c.getName()).append('=').append(v);
                    first = false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return "Patient[" + id + "]";
    }
}
