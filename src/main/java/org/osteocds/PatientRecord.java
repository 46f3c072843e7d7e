package org.osteocds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A patient record: the input contract of {@code ../shared/spec/patient-record.md}. Every field except {@code id}
 * is optional; {@code null} means <em>unknown</em>, never zero or false. Lists are copied and unmodifiable; a
 * {@code null} list means the list was not recorded (which is not the same as an empty list).
 *
 * <p>The constructor checks every context-free rule of the contract and throws {@link InvalidRecordException}
 * listing all problems at once. Checks that need the assessment date (a birth date after it, an age over 120 at
 * it) are made by {@link OsteoCds#assess}. Use {@link #builder(String)} to build one in code.
 *
 * @param id                             the patient's identifier, required
 * @param birthDate                      birth date; preferred over {@code age}
 * @param age                            age in whole years, used when {@code birthDate} is absent
 * @param sex                            sex assigned at birth
 * @param postmenopausal                 women only; true also for surgical menopause
 * @param prematureMenopause             menopause before age 45
 * @param tScoreLumbarSpine              DXA T-score, lumbar spine
 * @param tScoreFemoralNeck              DXA T-score, femoral neck
 * @param tScoreTotalHip                 DXA T-score, total hip
 * @param tScore                         DXA T-score, site unspecified
 * @param lastDxaDate                    date of the most recent DXA scan
 * @param fragilityFracture              a low-trauma fracture in adulthood (any site)
 * @param vertebralFracture              a known vertebral fracture
 * @param hipFracture                    a hip fracture in adulthood
 * @param parentalHipFracture            a parent had a hip fracture
 * @param fallsLast12Months              falls in the last 12 months
 * @param heightCm                       height in cm
 * @param weightKg                       weight in kg
 * @param bmi                            body-mass index; wins over height and weight
 * @param calciumIntakeMgPerDay          total calcium from food and supplements, mg/day
 * @param vitaminDIntakeIuPerDay         total vitamin D from food and supplements, IU/day
 * @param serum25OHDNgPerMl              serum 25-hydroxyvitamin D, ng/mL
 * @param alcoholDrinksPerWeek           standard drinks per week
 * @param smoking                        smoking status
 * @param moderateActivityMinutesPerWeek moderate aerobic minutes per week
 * @param vigorousActivityMinutesPerWeek vigorous aerobic minutes per week
 * @param activityMinutesPerDay          children: minutes per day of moderate-to-vigorous activity
 * @param strengthDaysPerWeek            days per week of muscle-strengthening activity
 * @param balanceDaysPerWeek             days per week of balance training
 * @param medications                    medicines, or {@code null} when not recorded
 * @param conditions                     conditions and procedures, or {@code null} when not recorded
 * @param deceased                       whether the patient has died (beyond the contract: docs/decisions.md);
 *                                       {@code false} with a {@code deceasedDate} is an error
 * @param deceasedDate                   date of death (beyond the contract); a patient who died on or before the
 *                                       assessment date is out of scope, one who died after it is assessed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "birthDate", "age", "sex", "postmenopausal", "prematureMenopause",
    "tScoreLumbarSpine", "tScoreFemoralNeck", "tScoreTotalHip", "tScore", "lastDxaDate",
    "fragilityFracture", "vertebralFracture", "hipFracture", "parentalHipFracture", "fallsLast12Months",
    "heightCm", "weightKg", "bmi", "calciumIntakeMgPerDay", "vitaminDIntakeIuPerDay", "serum25OHDNgPerMl",
    "alcoholDrinksPerWeek", "smoking", "moderateActivityMinutesPerWeek", "vigorousActivityMinutesPerWeek",
    "activityMinutesPerDay", "strengthDaysPerWeek", "balanceDaysPerWeek", "medications", "conditions",
    "deceased", "deceasedDate"})
public record PatientRecord(
        String id,
        LocalDate birthDate,
        Integer age,
        Sex sex,
        Boolean postmenopausal,
        Boolean prematureMenopause,
        Double tScoreLumbarSpine,
        Double tScoreFemoralNeck,
        Double tScoreTotalHip,
        Double tScore,
        LocalDate lastDxaDate,
        Boolean fragilityFracture,
        Boolean vertebralFracture,
        Boolean hipFracture,
        Boolean parentalHipFracture,
        Integer fallsLast12Months,
        Double heightCm,
        Double weightKg,
        Double bmi,
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
        List<Medication> medications,
        List<ConditionEntry> conditions,
        Boolean deceased,
        LocalDate deceasedDate) {

    /** The condition and procedure keys of the input contract. */
    public static final Set<String> CONDITION_KEYS = Set.of(
            "osteoporosis", "osteopenia", "rheumatoid-arthritis", "lupus", "ankylosing-spondylitis",
            "psoriatic-arthritis", "hyperthyroidism", "hyperparathyroidism", "cushing-syndrome", "type-1-diabetes",
            "celiac-disease", "inflammatory-bowel-disease", "malabsorption", "chronic-malnutrition",
            "eating-disorder", "chronic-liver-disease", "end-stage-renal-disease", "chronic-kidney-disease",
            "hypogonadism", "premature-menopause", "amenorrhea", "osteogenesis-imperfecta",
            "ehlers-danlos-syndrome", "marfan-syndrome", "multiple-myeloma", "copd",
            "organ-transplant", "bilateral-oophorectomy", "gastric-bypass", "chemotherapy");

    /** Validates the record and copies its lists; throws {@link InvalidRecordException} with every problem. */
    public PatientRecord {
        medications = medications == null ? null : List.copyOf(medications);
        conditions = conditions == null ? null : List.copyOf(conditions);
        List<RecordError> errors = new ArrayList<>();
        if (id == null || id.isBlank()) {
            errors.add(new RecordError("id", id, "id is required"));
        }
        if (age != null && (age < 0 || age > 120)) {
            errors.add(new RecordError("age", String.valueOf(age), "age must be between 0 and 120"));
        }
        tScore(errors, "tScoreLumbarSpine", tScoreLumbarSpine);
        tScore(errors, "tScoreFemoralNeck", tScoreFemoralNeck);
        tScore(errors, "tScoreTotalHip", tScoreTotalHip);
        tScore(errors, "tScore", tScore);
        if (fallsLast12Months != null && fallsLast12Months < 0) {
            errors.add(new RecordError("fallsLast12Months", String.valueOf(fallsLast12Months),
                    "fallsLast12Months must not be negative"));
        }
        positive(errors, "heightCm", heightCm);
        positive(errors, "weightKg", weightKg);
        positive(errors, "bmi", bmi);
        nonNegative(errors, "calciumIntakeMgPerDay", calciumIntakeMgPerDay);
        nonNegative(errors, "vitaminDIntakeIuPerDay", vitaminDIntakeIuPerDay);
        nonNegative(errors, "serum25OHDNgPerMl", serum25OHDNgPerMl);
        nonNegative(errors, "alcoholDrinksPerWeek", alcoholDrinksPerWeek);
        nonNegative(errors, "moderateActivityMinutesPerWeek", moderateActivityMinutesPerWeek);
        nonNegative(errors, "vigorousActivityMinutesPerWeek", vigorousActivityMinutesPerWeek);
        nonNegative(errors, "activityMinutesPerDay", activityMinutesPerDay);
        if (activityMinutesPerDay != null && activityMinutesPerDay > 1440) {
            errors.add(new RecordError("activityMinutesPerDay", num(activityMinutesPerDay),
                    "activityMinutesPerDay must not exceed 1440 (minutes in a day)"));
        }
        daysPerWeek(errors, "strengthDaysPerWeek", strengthDaysPerWeek);
        daysPerWeek(errors, "balanceDaysPerWeek", balanceDaysPerWeek);
        if (sex == Sex.MALE && postmenopausal != null && postmenopausal) {
            errors.add(new RecordError("postmenopausal", "true", "postmenopausal applies to women only"));
        }
        if (sex == Sex.MALE && prematureMenopause != null && prematureMenopause) {
            errors.add(new RecordError("prematureMenopause", "true", "prematureMenopause applies to women only"));
        }
        if (deceasedDate != null && Boolean.FALSE.equals(deceased)) {
            errors.add(new RecordError("deceasedDate", deceasedDate.toString(),
                    "deceasedDate is given but deceased is false"));
        }
        if (deceasedDate != null && birthDate != null && deceasedDate.isBefore(birthDate)) {
            errors.add(new RecordError("deceasedDate", deceasedDate.toString(),
                    "deceasedDate is before birthDate " + birthDate));
        }
        if (medications != null) {
            for (int i = 0; i < medications.size(); i++) {
                checkMedication(errors, "medications[" + i + "]", medications.get(i));
            }
        }
        if (conditions != null) {
            for (int i = 0; i < conditions.size(); i++) {
                checkCondition(errors, "conditions[" + i + "]", conditions.get(i));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(id == null || id.isBlank() ? null : id, errors);
        }
    }

    private static void checkMedication(List<RecordError> errors, String field, Medication m) {
        if (m == null) {
            errors.add(new RecordError(field, null, "a medication entry must not be empty"));
            return;
        }
        boolean named = m.name() != null && !m.name().isBlank();
        boolean coded = m.system() != null && m.code() != null;
        if (!named && !coded) {
            errors.add(new RecordError(field, null, "a medication needs a name or a system and code"));
        }
        nonNegative(errors, field + ".doseMgPerDay", m.doseMgPerDay());
        nonNegative(errors, field + ".durationMonths", m.durationMonths());
        if (m.start() != null && m.end() != null && m.end().isBefore(m.start())) {
            errors.add(new RecordError(field + ".end", m.end().toString(), "end is before start " + m.start()));
        }
        if (m.durationMonths() != null && m.start() != null) {
            errors.add(new RecordError(field + ".durationMonths", num(m.durationMonths()),
                    "give either durationMonths or start/end dates, not both"));
        }
    }

    private static void checkCondition(List<RecordError> errors, String field, ConditionEntry c) {
        if (c == null) {
            errors.add(new RecordError(field, null, "a condition entry must not be empty"));
            return;
        }
        if (c.key() != null) {
            if (!CONDITION_KEYS.contains(c.key())) {
                errors.add(new RecordError(field + ".key", c.key(), "unknown condition key (see patient-record.md)"));
            }
        } else if (c.system() == null || c.code() == null) {
            errors.add(new RecordError(field, null, "a condition needs a key or a system and code"));
        }
    }

    private static void tScore(List<RecordError> errors, String field, Double v) {
        if (v != null && (v.isNaN() || v < -7 || v > 5)) {
            errors.add(new RecordError(field, num(v), field + " must be between -7 and 5"));
        }
    }

    private static void nonNegative(List<RecordError> errors, String field, Double v) {
        if (v != null && (v.isNaN() || v.isInfinite() || v < 0)) {
            errors.add(new RecordError(field, num(v), field + " must not be negative"));
        }
    }

    private static void positive(List<RecordError> errors, String field, Double v) {
        if (v != null && (v.isNaN() || v.isInfinite() || v <= 0)) {
            errors.add(new RecordError(field, num(v), field + " must be greater than 0"));
        }
    }

    private static void daysPerWeek(List<RecordError> errors, String field, Double v) {
        if (v != null && (v.isNaN() || v < 0 || v > 7)) {
            errors.add(new RecordError(field, num(v), field + " must be between 0 and 7"));
        }
    }

    /**
     * Formats a number the way the input usually wrote it: {@code 7} rather than {@code 7.0}.
     *
     * @param v a number
     * @return its text
     */
    static String num(Double v) {
        if (v == null) {
            return null;
        }
        if (v == Math.rint(v) && !v.isInfinite() && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return v.toString();
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

    /** Builds a {@link PatientRecord} field by field; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private LocalDate birthDate;
        private Integer age;
        private Sex sex;
        private Boolean postmenopausal;
        private Boolean prematureMenopause;
        private Double tScoreLumbarSpine;
        private Double tScoreFemoralNeck;
        private Double tScoreTotalHip;
        private Double tScore;
        private LocalDate lastDxaDate;
        private Boolean fragilityFracture;
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

        /**
         * @param v birth date
         * @return this builder
         */
        public Builder birthDate(LocalDate v) { birthDate = v; return this; }
        /**
         * @param v age in years
         * @return this builder
         */
        public Builder age(Integer v) { age = v; return this; }
        /**
         * @param v sex
         * @return this builder
         */
        public Builder sex(Sex v) { sex = v; return this; }
        /**
         * @param v postmenopausal
         * @return this builder
         */
        public Builder postmenopausal(Boolean v) { postmenopausal = v; return this; }
        /**
         * @param v premature menopause
         * @return this builder
         */
        public Builder prematureMenopause(Boolean v) { prematureMenopause = v; return this; }
        /**
         * @param v T-score, lumbar spine
         * @return this builder
         */
        public Builder tScoreLumbarSpine(Double v) { tScoreLumbarSpine = v; return this; }
        /**
         * @param v T-score, femoral neck
         * @return this builder
         */
        public Builder tScoreFemoralNeck(Double v) { tScoreFemoralNeck = v; return this; }
        /**
         * @param v T-score, total hip
         * @return this builder
         */
        public Builder tScoreTotalHip(Double v) { tScoreTotalHip = v; return this; }
        /**
         * @param v T-score, site unspecified
         * @return this builder
         */
        public Builder tScore(Double v) { tScore = v; return this; }
        /**
         * @param v last DXA date
         * @return this builder
         */
        public Builder lastDxaDate(LocalDate v) { lastDxaDate = v; return this; }
        /**
         * @param v fragility fracture
         * @return this builder
         */
        public Builder fragilityFracture(Boolean v) { fragilityFracture = v; return this; }
        /**
         * @param v vertebral fracture
         * @return this builder
         */
        public Builder vertebralFracture(Boolean v) { vertebralFracture = v; return this; }
        /**
         * @param v hip fracture
         * @return this builder
         */
        public Builder hipFracture(Boolean v) { hipFracture = v; return this; }
        /**
         * @param v parental hip fracture
         * @return this builder
         */
        public Builder parentalHipFracture(Boolean v) { parentalHipFracture = v; return this; }
        /**
         * @param v falls in the last 12 months
         * @return this builder
         */
        public Builder fallsLast12Months(Integer v) { fallsLast12Months = v; return this; }
        /**
         * @param v height in cm
         * @return this builder
         */
        public Builder heightCm(Double v) { heightCm = v; return this; }
        /**
         * @param v weight in kg
         * @return this builder
         */
        public Builder weightKg(Double v) { weightKg = v; return this; }
        /**
         * @param v BMI
         * @return this builder
         */
        public Builder bmi(Double v) { bmi = v; return this; }
        /**
         * @param v calcium intake mg/day
         * @return this builder
         */
        public Builder calciumIntakeMgPerDay(Double v) { calciumIntakeMgPerDay = v; return this; }
        /**
         * @param v vitamin D intake IU/day
         * @return this builder
         */
        public Builder vitaminDIntakeIuPerDay(Double v) { vitaminDIntakeIuPerDay = v; return this; }
        /**
         * @param v serum 25(OH)D ng/mL
         * @return this builder
         */
        public Builder serum25OHDNgPerMl(Double v) { serum25OHDNgPerMl = v; return this; }
        /**
         * @param v drinks per week
         * @return this builder
         */
        public Builder alcoholDrinksPerWeek(Double v) { alcoholDrinksPerWeek = v; return this; }
        /**
         * @param v smoking status
         * @return this builder
         */
        public Builder smoking(Smoking v) { smoking = v; return this; }
        /**
         * @param v moderate minutes per week
         * @return this builder
         */
        public Builder moderateActivityMinutesPerWeek(Double v) { moderateActivityMinutesPerWeek = v; return this; }
        /**
         * @param v vigorous minutes per week
         * @return this builder
         */
        public Builder vigorousActivityMinutesPerWeek(Double v) { vigorousActivityMinutesPerWeek = v; return this; }
        /**
         * @param v children's activity minutes per day
         * @return this builder
         */
        public Builder activityMinutesPerDay(Double v) { activityMinutesPerDay = v; return this; }
        /**
         * @param v strength days per week
         * @return this builder
         */
        public Builder strengthDaysPerWeek(Double v) { strengthDaysPerWeek = v; return this; }
        /**
         * @param v balance days per week
         * @return this builder
         */
        public Builder balanceDaysPerWeek(Double v) { balanceDaysPerWeek = v; return this; }
        /**
         * @param v medicines
         * @return this builder
         */
        public Builder medications(List<Medication> v) { medications = v; return this; }
        /**
         * @param v conditions and procedures
         * @return this builder
         */
        public Builder conditions(List<ConditionEntry> v) { conditions = v; return this; }

        /**
         * @param v whether the patient has died
         * @return this builder
         */
        public Builder deceased(Boolean v) { deceased = v; return this; }
        /**
         * @param v date of death
         * @return this builder
         */
        public Builder deceasedDate(LocalDate v) { deceasedDate = v; return this; }

        /**
         * @return the validated record
         * @throws InvalidRecordException listing every problem
         */
        public PatientRecord build() {
            return new PatientRecord(id, birthDate, age, sex, postmenopausal, prematureMenopause,
                    tScoreLumbarSpine, tScoreFemoralNeck, tScoreTotalHip, tScore, lastDxaDate,
                    fragilityFracture, vertebralFracture, hipFracture, parentalHipFracture, fallsLast12Months,
                    heightCm, weightKg, bmi, calciumIntakeMgPerDay, vitaminDIntakeIuPerDay, serum25OHDNgPerMl,
                    alcoholDrinksPerWeek, smoking, moderateActivityMinutesPerWeek, vigorousActivityMinutesPerWeek,
                    activityMinutesPerDay, strengthDaysPerWeek, balanceDaysPerWeek, medications, conditions,
                    deceased, deceasedDate);
        }
    }
}
