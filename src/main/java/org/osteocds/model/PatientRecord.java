package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A patient record: the input contract of {@code patient-record.md}. Every field except {@code id} is optional;
 * {@code null} means <em>unknown</em>, never zero or false. Lists are unmodifiable copies; a {@code null} list means
 * not recorded (not the same as empty). Build one with {@link #builder(String)}: {@link Builder#build()} checks every
 * rule of the contract that needs no assessment date and throws {@link InvalidRecordException} listing all problems
 * (those that need the date, such as a birth date after it, are checked when assessed). Immutable and thread-safe;
 * there is no public constructor, so that optional fields can be added without breaking callers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"id", "name", "birthDate", "age", "sex", "postmenopausal", "prematureMenopause",
    "tScoreLumbarSpine", "tScoreFemoralNeck", "tScoreTotalHip", "tScore", "zScore", "lastDxaDate",
    "fraxMajorPercent", "fraxHipPercent", "fragilityFracture", "fractureSites", "vertebralFracture", "hipFracture",
    "parentalHipFracture", "fallsLast12Months", "heightCm", "weightKg", "bmi", "calciumIntakeMgPerDay",
    "vitaminDIntakeIuPerDay", "serum25OHDNgPerMl", "alcoholDrinksPerWeek", "smoking",
    "moderateActivityMinutesPerWeek", "vigorousActivityMinutesPerWeek", "activityMinutesPerDay",
    "strengthDaysPerWeek", "balanceDaysPerWeek", "medications", "conditions", "deceased", "deceasedDate"})
public final class PatientRecord {

    private final String id;
    private final String name;
    private final LocalDate birthDate;
    private final Integer age;
    private final Sex sex;
    private final Boolean postmenopausal;
    private final Boolean prematureMenopause;
    private final Double tScoreLumbarSpine;
    private final Double tScoreFemoralNeck;
    private final Double tScoreTotalHip;
    private final Double tScore;
    private final Double zScore;
    private final LocalDate lastDxaDate;
    private final Double fraxMajorPercent;
    private final Double fraxHipPercent;
    private final Boolean fragilityFracture;
    private final List<FractureSite> fractureSites;
    private final Boolean vertebralFracture;
    private final Boolean hipFracture;
    private final Boolean parentalHipFracture;
    private final Integer fallsLast12Months;
    private final Double heightCm;
    private final Double weightKg;
    private final Double bmi;
    private final Double calciumIntakeMgPerDay;
    private final Double vitaminDIntakeIuPerDay;
    private final Double serum25OHDNgPerMl;
    private final Double alcoholDrinksPerWeek;
    private final Smoking smoking;
    private final Double moderateActivityMinutesPerWeek;
    private final Double vigorousActivityMinutesPerWeek;
    private final Double activityMinutesPerDay;
    private final Double strengthDaysPerWeek;
    private final Double balanceDaysPerWeek;
    private final List<Medication> medications;
    private final List<ConditionEntry> conditions;
    private final Boolean deceased;
    private final LocalDate deceasedDate;

    private PatientRecord(Builder b) {
        id = b.id;
        name = b.name;
        birthDate = b.birthDate;
        age = b.age;
        sex = b.sex;
        postmenopausal = b.postmenopausal;
        prematureMenopause = b.prematureMenopause;
        tScoreLumbarSpine = b.tScoreLumbarSpine;
        tScoreFemoralNeck = b.tScoreFemoralNeck;
        tScoreTotalHip = b.tScoreTotalHip;
        tScore = b.tScore;
        zScore = b.zScore;
        lastDxaDate = b.lastDxaDate;
        fraxMajorPercent = b.fraxMajorPercent;
        fraxHipPercent = b.fraxHipPercent;
        fragilityFracture = b.fragilityFracture;
        fractureSites = copy(b.fractureSites);
        vertebralFracture = b.vertebralFracture;
        hipFracture = b.hipFracture;
        parentalHipFracture = b.parentalHipFracture;
        fallsLast12Months = b.fallsLast12Months;
        heightCm = b.heightCm;
        weightKg = b.weightKg;
        bmi = b.bmi;
        calciumIntakeMgPerDay = b.calciumIntakeMgPerDay;
        vitaminDIntakeIuPerDay = b.vitaminDIntakeIuPerDay;
        serum25OHDNgPerMl = b.serum25OHDNgPerMl;
        alcoholDrinksPerWeek = b.alcoholDrinksPerWeek;
        smoking = b.smoking;
        moderateActivityMinutesPerWeek = b.moderateActivityMinutesPerWeek;
        vigorousActivityMinutesPerWeek = b.vigorousActivityMinutesPerWeek;
        activityMinutesPerDay = b.activityMinutesPerDay;
        strengthDaysPerWeek = b.strengthDaysPerWeek;
        balanceDaysPerWeek = b.balanceDaysPerWeek;
        medications = copy(b.medications);
        conditions = copy(b.conditions);
        deceased = b.deceased;
        deceasedDate = b.deceasedDate;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    /**
     * Starts a builder for a record with the given id.
     *
     * @param id the patient's identifier
     * @return a builder with every other field unknown
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** @return a builder holding this record's values, to make a changed copy */
    public Builder toBuilder() {
        return builder(id).name(name).birthDate(birthDate).age(age).sex(sex).postmenopausal(postmenopausal)
                .prematureMenopause(prematureMenopause).tScoreLumbarSpine(tScoreLumbarSpine)
                .tScoreFemoralNeck(tScoreFemoralNeck).tScoreTotalHip(tScoreTotalHip).tScore(tScore).zScore(zScore)
                .lastDxaDate(lastDxaDate).fraxMajorPercent(fraxMajorPercent).fraxHipPercent(fraxHipPercent)
                .fragilityFracture(fragilityFracture).fractureSites(fractureSites).vertebralFracture(vertebralFracture)
                .hipFracture(hipFracture).parentalHipFracture(parentalHipFracture).fallsLast12Months(fallsLast12Months)
                .heightCm(heightCm).weightKg(weightKg).bmi(bmi).calciumIntakeMgPerDay(calciumIntakeMgPerDay)
                .vitaminDIntakeIuPerDay(vitaminDIntakeIuPerDay).serum25OHDNgPerMl(serum25OHDNgPerMl)
                .alcoholDrinksPerWeek(alcoholDrinksPerWeek).smoking(smoking)
                .moderateActivityMinutesPerWeek(moderateActivityMinutesPerWeek)
                .vigorousActivityMinutesPerWeek(vigorousActivityMinutesPerWeek)
                .activityMinutesPerDay(activityMinutesPerDay).strengthDaysPerWeek(strengthDaysPerWeek)
                .balanceDaysPerWeek(balanceDaysPerWeek).medications(medications).conditions(conditions)
                .deceased(deceased).deceasedDate(deceasedDate);
    }

    /** @return the patient's identifier */
    public String id() { return id; }
    /** @return the patient's name, for display only (no rule reads it) */
    public String name() { return name; }
    /** @return the birth date, preferred over {@link #age()} */
    public LocalDate birthDate() { return birthDate; }
    /** @return age in whole years, used when the birth date is unknown */
    public Integer age() { return age; }
    /** @return sex assigned at birth */
    public Sex sex() { return sex; }
    /** @return postmenopausal (women only; true also for surgical menopause) */
    public Boolean postmenopausal() { return postmenopausal; }
    /** @return menopause before age 45 */
    public Boolean prematureMenopause() { return prematureMenopause; }
    /** @return DXA T-score, lumbar spine */
    public Double tScoreLumbarSpine() { return tScoreLumbarSpine; }
    /** @return DXA T-score, femoral neck */
    public Double tScoreFemoralNeck() { return tScoreFemoralNeck; }
    /** @return DXA T-score, total hip */
    public Double tScoreTotalHip() { return tScoreTotalHip; }
    /** @return DXA T-score, site unspecified */
    public Double tScore() { return tScore; }
    /** @return the lowest known DXA Z-score, any site */
    public Double zScore() { return zScore; }
    /** @return date of the most recent DXA scan (the T- and Z-scores are taken to be from it) */
    public LocalDate lastDxaDate() { return lastDxaDate; }
    /** @return a recorded FRAX 10-year probability of a major osteoporotic fracture, percent */
    public Double fraxMajorPercent() { return fraxMajorPercent; }
    /** @return a recorded FRAX 10-year probability of a hip fracture, percent */
    public Double fraxHipPercent() { return fraxHipPercent; }
    /** @return a low-trauma fracture in adulthood (any site) */
    public Boolean fragilityFracture() { return fragilityFracture; }
    /** @return sites of low-trauma fractures in adulthood, or {@code null} when not recorded */
    public List<FractureSite> fractureSites() { return fractureSites; }
    /** @return a known vertebral fracture */
    public Boolean vertebralFracture() { return vertebralFracture; }
    /** @return a hip fracture in adulthood */
    public Boolean hipFracture() { return hipFracture; }
    /** @return a parent had a hip fracture */
    public Boolean parentalHipFracture() { return parentalHipFracture; }
    /** @return falls in the last 12 months */
    public Integer fallsLast12Months() { return fallsLast12Months; }
    /** @return height in cm */
    public Double heightCm() { return heightCm; }
    /** @return weight in kg */
    public Double weightKg() { return weightKg; }
    /** @return body-mass index; wins over height and weight */
    public Double bmi() { return bmi; }
    /** @return total calcium from food and supplements, mg/day */
    public Double calciumIntakeMgPerDay() { return calciumIntakeMgPerDay; }
    /** @return total vitamin D from food and supplements, IU/day */
    public Double vitaminDIntakeIuPerDay() { return vitaminDIntakeIuPerDay; }
    /** @return serum 25-hydroxyvitamin D, ng/mL */
    public Double serum25OHDNgPerMl() { return serum25OHDNgPerMl; }
    /** @return standard drinks per week */
    public Double alcoholDrinksPerWeek() { return alcoholDrinksPerWeek; }
    /** @return tobacco smoking status */
    public Smoking smoking() { return smoking; }
    /** @return moderate aerobic minutes per week */
    public Double moderateActivityMinutesPerWeek() { return moderateActivityMinutesPerWeek; }
    /** @return vigorous aerobic minutes per week (count double toward the moderate target) */
    public Double vigorousActivityMinutesPerWeek() { return vigorousActivityMinutesPerWeek; }
    /** @return children: minutes per day of moderate-to-vigorous activity */
    public Double activityMinutesPerDay() { return activityMinutesPerDay; }
    /** @return days per week of muscle-strengthening activity */
    public Double strengthDaysPerWeek() { return strengthDaysPerWeek; }
    /** @return days per week of balance training */
    public Double balanceDaysPerWeek() { return balanceDaysPerWeek; }
    /** @return medicines, or {@code null} when not recorded */
    public List<Medication> medications() { return medications; }
    /** @return conditions and procedures, or {@code null} when not recorded */
    public List<ConditionEntry> conditions() { return conditions; }
    /** @return whether the patient has died (beyond the contract: docs/decisions.md) */
    public Boolean deceased() { return deceased; }
    /** @return date of death (beyond the contract) */
    public LocalDate deceasedDate() { return deceasedDate; }

    private Object[] values() {
        return new Object[] {id, name, birthDate, age, sex, postmenopausal, prematureMenopause, tScoreLumbarSpine,
            tScoreFemoralNeck, tScoreTotalHip, tScore, zScore, lastDxaDate, fraxMajorPercent, fraxHipPercent,
            fragilityFracture, fractureSites, vertebralFracture, hipFracture, parentalHipFracture, fallsLast12Months,
            heightCm, weightKg, bmi, calciumIntakeMgPerDay, vitaminDIntakeIuPerDay, serum25OHDNgPerMl,
            alcoholDrinksPerWeek, smoking, moderateActivityMinutesPerWeek, vigorousActivityMinutesPerWeek,
            activityMinutesPerDay, strengthDaysPerWeek, balanceDaysPerWeek, medications, conditions, deceased,
            deceasedDate};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientRecord r && Arrays.equals(values(), r.values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }

    /** @return the record's known values, for logs and test messages */
    @Override
    public String toString() {
        String[] names = getClass().getAnnotation(JsonPropertyOrder.class).value();
        Object[] v = values();
        StringBuilder sb = new StringBuilder("PatientRecord[");
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ", ").append(names[i]).append('=').append(v[i]);
            }
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link PatientRecord} field by field; {@link #build()} validates. Numeric setters take any
     * {@link Number} (an {@code int} literal, a {@code double}, or {@code null} for unknown). Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private String name;
        private LocalDate birthDate;
        private Integer age;
        private Sex sex;
        private Boolean postmenopausal;
        private Boolean prematureMenopause;
        private Double tScoreLumbarSpine;
        private Double tScoreFemoralNeck;
        private Double tScoreTotalHip;
        private Double tScore;
        private Double zScore;
        private LocalDate lastDxaDate;
        private Double fraxMajorPercent;
        private Double fraxHipPercent;
        private Boolean fragilityFracture;
        private List<FractureSite> fractureSites;
        private Boolean vertebralFracture;
        private Boolean hipFracture;
        private Boolean parentalHipFracture;
        private Integer fallsLast12Months;
        private Double heightCm;
        private Double weightKg;
        private Double bmi;
        private Double calciumIntakeMgPerDay;
        private Double vitaminDIntakeIuPerDay;
        private Double serum25OHDNgPerMl;
        private Double alcoholDrinksPerWeek;
        private Smoking smoking;
        private Double moderateActivityMinutesPerWeek;
        private Double vigorousActivityMinutesPerWeek;
        private Double activityMinutesPerDay;
        private Double strengthDaysPerWeek;
        private Double balanceDaysPerWeek;
        private List<Medication> medications;
        private List<ConditionEntry> conditions;
        private Boolean deceased;
        private LocalDate deceasedDate;

        private Builder(String id) {
            this.id = id;
        }

        private static Double d(Number v) { return v == null ? null : v.doubleValue(); }

        private static Integer i(Number v) {
            if (v != null && (v.doubleValue() != Math.rint(v.doubleValue()) || Math.abs(v.doubleValue()) > 1e9)) {
                throw new IllegalArgumentException("not a whole number: " + v);
            }
            return v == null ? null : v.intValue();
        }

        /** @param v display name @return this builder */
        public Builder name(String v) { name = v; return this; }
        /** @param v birth date @return this builder */
        public Builder birthDate(LocalDate v) { birthDate = v; return this; }
        /** @param v age in whole years @return this builder */
        public Builder age(Number v) { age = i(v); return this; }
        /** @param v sex assigned at birth @return this builder */
        public Builder sex(Sex v) { sex = v; return this; }
        /** @param v postmenopausal @return this builder */
        public Builder postmenopausal(Boolean v) { postmenopausal = v; return this; }
        /** @param v premature menopause @return this builder */
        public Builder prematureMenopause(Boolean v) { prematureMenopause = v; return this; }
        /** @param v T-score, lumbar spine @return this builder */
        public Builder tScoreLumbarSpine(Number v) { tScoreLumbarSpine = d(v); return this; }
        /** @param v T-score, femoral neck @return this builder */
        public Builder tScoreFemoralNeck(Number v) { tScoreFemoralNeck = d(v); return this; }
        /** @param v T-score, total hip @return this builder */
        public Builder tScoreTotalHip(Number v) { tScoreTotalHip = d(v); return this; }
        /** @param v T-score, site unspecified @return this builder */
        public Builder tScore(Number v) { tScore = d(v); return this; }
        /** @param v lowest Z-score @return this builder */
        public Builder zScore(Number v) { zScore = d(v); return this; }
        /** @param v last DXA date @return this builder */
        public Builder lastDxaDate(LocalDate v) { lastDxaDate = v; return this; }
        /** @param v FRAX major osteoporotic fracture probability, percent @return this builder */
        public Builder fraxMajorPercent(Number v) { fraxMajorPercent = d(v); return this; }
        /** @param v FRAX hip fracture probability, percent @return this builder */
        public Builder fraxHipPercent(Number v) { fraxHipPercent = d(v); return this; }
        /** @param v fragility fracture @return this builder */
        public Builder fragilityFracture(Boolean v) { fragilityFracture = v; return this; }
        /** @param v fracture sites @return this builder */
        public Builder fractureSites(List<FractureSite> v) { fractureSites = v; return this; }
        /** @param v vertebral fracture @return this builder */
        public Builder vertebralFracture(Boolean v) { vertebralFracture = v; return this; }
        /** @param v hip fracture @return this builder */
        public Builder hipFracture(Boolean v) { hipFracture = v; return this; }
        /** @param v parental hip fracture @return this builder */
        public Builder parentalHipFracture(Boolean v) { parentalHipFracture = v; return this; }
        /** @param v falls in the last 12 months @return this builder */
        public Builder fallsLast12Months(Number v) { fallsLast12Months = i(v); return this; }
        /** @param v height in cm @return this builder */
        public Builder heightCm(Number v) { heightCm = d(v); return this; }
        /** @param v weight in kg @return this builder */
        public Builder weightKg(Number v) { weightKg = d(v); return this; }
        /** @param v BMI @return this builder */
        public Builder bmi(Number v) { bmi = d(v); return this; }
        /** @param v calcium intake mg/day @return this builder */
        public Builder calciumIntakeMgPerDay(Number v) { calciumIntakeMgPerDay = d(v); return this; }
        /** @param v vitamin D intake IU/day @return this builder */
        public Builder vitaminDIntakeIuPerDay(Number v) { vitaminDIntakeIuPerDay = d(v); return this; }
        /** @param v serum 25(OH)D ng/mL @return this builder */
        public Builder serum25OHDNgPerMl(Number v) { serum25OHDNgPerMl = d(v); return this; }
        /** @param v drinks per week @return this builder */
        public Builder alcoholDrinksPerWeek(Number v) { alcoholDrinksPerWeek = d(v); return this; }
        /** @param v smoking status @return this builder */
        public Builder smoking(Smoking v) { smoking = v; return this; }
        /** @param v moderate minutes per week @return this builder */
        public Builder moderateActivityMinutesPerWeek(Number v) { moderateActivityMinutesPerWeek = d(v); return this; }
        /** @param v vigorous minutes per week @return this builder */
        public Builder vigorousActivityMinutesPerWeek(Number v) { vigorousActivityMinutesPerWeek = d(v); return this; }
        /** @param v children's activity minutes per day @return this builder */
        public Builder activityMinutesPerDay(Number v) { activityMinutesPerDay = d(v); return this; }
        /** @param v strength days per week @return this builder */
        public Builder strengthDaysPerWeek(Number v) { strengthDaysPerWeek = d(v); return this; }
        /** @param v balance days per week @return this builder */
        public Builder balanceDaysPerWeek(Number v) { balanceDaysPerWeek = d(v); return this; }
        /** @param v medicines ({@code null}: not recorded) @return this builder */
        public Builder medications(List<Medication> v) { medications = v; return this; }
        /** @param v conditions and procedures ({@code null}: not recorded) @return this builder */
        public Builder conditions(List<ConditionEntry> v) { conditions = v; return this; }
        /** @param v whether the patient has died @return this builder */
        public Builder deceased(Boolean v) { deceased = v; return this; }
        /** @param v date of death @return this builder */
        public Builder deceasedDate(LocalDate v) { deceasedDate = v; return this; }

        /**
         * @return the validated record
         * @throws InvalidRecordException listing every problem
         */
        public PatientRecord build() {
            PatientRecord r = new PatientRecord(this);
            List<RecordError> errors = RecordValidation.check(r);
            if (!errors.isEmpty()) {
                throw new InvalidRecordException(id == null || id.isBlank() ? null : id, errors);
            }
            return r;
        }
    }
}
