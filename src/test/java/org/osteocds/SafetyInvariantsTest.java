package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Advice;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.Category;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Indicator;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * The safety invariants of advice-catalogue.md, proven over 10,000 seeded random records per run (set
 * {@code -Dinvariants.seed=N} to explore another sample; a failure names the seed and the record).
 */
class SafetyInvariantsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final int COUNT = 10_000;
    static final long SEED = Long.getLong("invariants.seed", 20261129L);
    static final Set<String> ADULT_EXERCISE = Set.of("EXERCISE-RESISTANCE-TRAINING", "EXERCISE-WEIGHT-BEARING-AEROBIC",
            "EXERCISE-MULTICOMPONENT-OLDER", "EXERCISE-BONE-LOSS-PROGRAMME");
    static final Set<String> TARGET_NOT_MET = Set.of("EXERCISE-RESISTANCE-TRAINING", "EXERCISE-WEIGHT-BEARING-AEROBIC",
            "EXERCISE-YOUTH-BONE-STRENGTHENING");
    static final Pattern STOP_VERB = Pattern.compile("\\b(stop|stopping|reduce|reducing|skip|skipping|discontinue|cut back|"
            + "cut down|lower (?:the|your) dose|quit|halve|taper)\\b");
    static final Pattern MEDICINE_WORD = Pattern.compile("\\b(medicine|medicines|medication|medications|drug|drugs|"
            + "tablet|tablets|prescri\\w*|glucocorticoid\\w*|steroid\\w*|dose|doses)\\b");
    static final Pattern NEGATION = Pattern.compile("\\b(never|not|don't|do not|rather than|keep taking|without talking)\\b");

    static List<PatientRecord> records;
    static List<Assessment> assessments;

    @BeforeAll
    static void assessRandomRecords() {
        records = RandomRecords.generate(COUNT, SEED);
        assessments = TestRules.bundled().assessAll(records, AS_OF);
    }

    private static void check(boolean ok, int i, String what) {
        if (!ok) {
            fail(what + "\n  seed " + SEED + ", record " + i + ": " + PatientRecords.toJson(records.get(i))
                    + "\n  advice: " + assessments.get(i).adviceCodes() + "\n  findings: " + assessments.get(i).findings());
        }
    }

    @Test
    void everyRecordIsAssessedOrOutOfScope() {
        for (int i = 0; i < COUNT; i++) {
            AssessmentStatus s = assessments.get(i).status();
            boolean scanAfterAsOf = records.get(i).lastDxaDate() != null && records.get(i).lastDxaDate().isAfter(AS_OF);
            check(s == AssessmentStatus.ASSESSED || s == AssessmentStatus.OUT_OF_SCOPE
                    || (s == AssessmentStatus.INVALID && (records.get(i).birthDate() == null || scanAfterAsOf)), i,
                    "unexpected status " + s + " " + assessments.get(i).errors());
            if (scanAfterAsOf) {
                check(s == AssessmentStatus.INVALID, i, "a scan after asOf must make the record invalid");
            }
        }
    }

    @Test
    void childrenNeverGetAdultExerciseCodesNorAdultsTheYouthCode() {
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            if (a.findings() == null || a.findings().ageGroup() == null) {
                continue;
            }
            AgeGroup g = a.findings().ageGroup();
            if (g == AgeGroup.CHILD) {
                check(a.adviceCodes().stream().noneMatch(ADULT_EXERCISE::contains), i, "child got an adult exercise code");
            }
            if (g == AgeGroup.ADULT || g == AgeGroup.OLDER_ADULT) {
                check(!a.hasAdvice("EXERCISE-YOUTH-BONE-STRENGTHENING"), i, "adult got the youth code");
            }
        }
    }

    @Test
    void exerciseAdviceWithOsteoporosisOrVertebralFractureAlwaysComesWithSpineSafety() {
        int seen = 0;
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            boolean atRisk = a.findings() != null && (a.findings().boneStatus() == BoneStatus.OSTEOPOROSIS
                    || Boolean.TRUE.equals(records.get(i).vertebralFracture()));
            boolean exercise = a.advice().stream().anyMatch(x -> x.category() == Category.EXERCISE);
            if (atRisk && exercise) {
                seen++;
                check(a.hasAdvice("EXERCISE-SPINE-SAFETY"), i, "exercise advice without spine safety");
            }
        }
        assertTrue(seen > 100, "the sample must exercise this invariant; it did " + seen + " times");
    }

    @Test
    void aPatientWhoHasDiedGetsNoAdviceAndNoDataGaps() {
        int died = 0;
        int diedLater = 0;
        for (int i = 0; i < COUNT; i++) {
            PatientRecord r = records.get(i);
            Assessment a = assessments.get(i);
            if (r.deceasedDate() != null && r.deceasedDate().isAfter(AS_OF)) {
                diedLater++;
                check(a.reason() == null || !a.reason().contains("died"), i, "alive on asOf yet out of scope: " + a.reason());
            } else if ((Boolean.TRUE.equals(r.deceased()) || r.deceasedDate() != null)
                    && a.status() != AssessmentStatus.INVALID) {
                died++;
                check(a.status() == AssessmentStatus.OUT_OF_SCOPE && a.advice().isEmpty() && a.dataGaps().isEmpty()
                        && a.reason().contains("no advice is given"), i, "a patient who died: " + a.status() + " "
                        + a.reason() + " " + a.dataGaps());
            }
        }
        assertTrue(died > 100 && diedLater > 3, "the sample must exercise this invariant: " + died + " died, "
                + diedLater + " died after asOf");
    }

    @Test
    void noTextTellsThePatientToStopAPrescribedMedicine() {
        for (int i = 0; i < COUNT; i++) {
            List<String> medNames = records.get(i).medications() == null ? List.of()
                    : records.get(i).medications().stream().map(Medication::label).toList();
            for (Advice a : assessments.get(i).advice()) {
                for (String text : List.of(a.summary(), a.detail(), a.rationale())) {
                    String bad = tellsToStopAMedicine(text, medNames);
                    check(bad == null, i, a.code() + " says: " + bad);
                }
            }
        }
    }

    /** @return the offending sentence, or null */
    static String tellsToStopAMedicine(String text, List<String> medicineNames) {
        for (String sentence : text.toLowerCase(Locale.ROOT).split("(?<=[.;:!?])\\s+")) {
            boolean medicine = MEDICINE_WORD.matcher(sentence).find()
                    || medicineNames.stream().anyMatch(n -> sentence.contains(n.toLowerCase(Locale.ROOT)));
            if (medicine && STOP_VERB.matcher(sentence).find() && !NEGATION.matcher(sentence).find()) {
                return sentence;
            }
        }
        return null;
    }

    @Test
    void theStopMedicineCheckerCatchesBadTexts() {
        assertTrue(tellsToStopAMedicine("Stop taking your medicine.", List.of()) != null);
        assertTrue(tellsToStopAMedicine("You can skip omeprazole on weekends.", List.of("omeprazole")) != null);
        assertTrue(tellsToStopAMedicine("Reduce the steroid dose.", List.of()) != null);
        assertTrue(tellsToStopAMedicine("Lower your dose of the tablets.", List.of()) != null);
        assertEquals(null, tellsToStopAMedicine("Never stop a medicine without talking to the prescriber.", List.of()));
        assertEquals(null, tellsToStopAMedicine("Stop smoking.", List.of()));
        assertEquals(null, tellsToStopAMedicine("Cut back calcium supplements you chose yourself.", List.of()));
    }

    @Test
    void keepItUpNeverAppearsWithATargetNotMet() {
        int keepUp = 0;
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            if (a.hasAdvice("EXERCISE-KEEP-UP")) {
                keepUp++;
                check(a.adviceCodes().stream().noneMatch(TARGET_NOT_MET::contains), i, "keep-up with an unmet target");
            }
        }
        assertTrue(keepUp > 50, "the sample must exercise this invariant; it did " + keepUp + " times");
    }

    @Test
    void everyAdviceHasAShortSummaryEvidenceAndItsRule() {
        int advice = 0;
        for (int i = 0; i < COUNT; i++) {
            for (Advice a : assessments.get(i).advice()) {
                advice++;
                check(a.summary().length() <= 140 && !a.evidence().isEmpty() && !a.rule().isBlank(), i, a.code());
            }
        }
        assertTrue(advice > COUNT, "expected plenty of advice, got " + advice);
    }

    @Test
    void nonAssessedRecordsCarryNoAdvice() {
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            if (a.status() != AssessmentStatus.ASSESSED) {
                check(a.advice().isEmpty(), i, "advice on a " + a.status() + " record");
            }
        }
    }

    @Test
    void theSameRecordGivesTheSameAssessmentAloneOrInAnyBatch() {
        OsteoCds cds = TestRules.bundled();
        for (int i = 0; i < 1_000; i++) {
            check(cds.assess(records.get(i), AS_OF).equals(assessments.get(i)), i, "alone differs from the batch");
        }
        List<PatientRecord> backwards = new ArrayList<>(records);
        java.util.Collections.reverse(backwards);
        List<Assessment> reversed = new ArrayList<>(cds.assessAll(backwards, AS_OF));
        java.util.Collections.reverse(reversed);
        assertEquals(assessments, reversed);
    }

    @Test
    void simpleCodesAppearExactlyWhereTheCatalogueSays() {
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            PatientRecord r = records.get(i);
            if (a.status() != AssessmentStatus.ASSESSED) {
                continue;
            }
            AgeGroup g = a.findings().ageGroup();
            boolean adult = g == AgeGroup.ADULT || g == AgeGroup.OLDER_ADULT;
            int age = Who.age(r, AS_OF);
            check(a.hasAdvice("LIFESTYLE-SMOKING-CESSATION") == (r.smoking() == Smoking.CURRENT), i, "smoking");
            double alcoholLimit = r.sex() == Sex.FEMALE ? 7 : 14;
            check(a.hasAdvice("LIFESTYLE-ALCOHOL-LIMIT") == (adult && r.alcoholDrinksPerWeek() != null
                    && r.alcoholDrinksPerWeek() > alcoholLimit), i, "alcohol above the limit for sex");
            Double bmi = r.bmi() != null ? r.bmi() : r.heightCm() != null && r.weightKg() != null
                    ? Math.round(r.weightKg() / Math.pow(r.heightCm() / 100, 2) * 10) / 10.0 : null;
            boolean lowWeightGroup = Who.postmenopausal(r, AS_OF) || (r.sex() == Sex.MALE && age >= 50);
            check(a.hasAdvice("LIFESTYLE-HEALTHY-WEIGHT") == (adult && bmi != null
                    && (bmi < 18.5 || (bmi <= 20 && lowWeightGroup))), i, "healthy weight");
            check(a.hasAdvice("NUTRITION-VITAMIN-D-LOW") == (r.serum25OHDNgPerMl() != null && r.serum25OHDNgPerMl() < 20), i, "vitamin D low");
            BoneStatus status = a.findings().boneStatus();
            check(a.hasAdvice("EXERCISE-BONE-LOSS-PROGRAMME") == (adult && (status == BoneStatus.OSTEOPOROSIS
                    || (status == BoneStatus.OSTEOPENIA && Who.readByTScore(r, AS_OF)))), i, "bone-loss programme");
            check(a.hasAdvice("EXERCISE-RESISTANCE-TRAINING") == (adult && (r.strengthDaysPerWeek() == null || r.strengthDaysPerWeek() < 2)), i, "resistance");
            check(a.hasAdvice("EXERCISE-MULTICOMPONENT-OLDER") == (g == AgeGroup.OLDER_ADULT
                    && (r.balanceDaysPerWeek() == null || r.balanceDaysPerWeek() < 3)), i, "multicomponent");
            Double lowest = lowest(r);
            if (Who.readByTScore(r, AS_OF) && lowest != null) {
                if (lowest <= -2.5) {
                    check(status == BoneStatus.OSTEOPOROSIS, i, "T-score osteoporosis");
                } else if (lowest >= -1.0 && status != BoneStatus.OSTEOPOROSIS && status != BoneStatus.OSTEOPENIA) {
                    check(status == BoneStatus.NORMAL, i, "normal T-score");
                }
            }
            if (!Who.readByTScore(r, AS_OF) && r.zScore() != null && r.zScore() <= -2.0) {
                check(a.hasAdvice("REFERRAL-LOW-BONE-DENSITY-FOR-AGE"), i, "Z-score at or below -2.0 without referral");
            }
        }
    }

    @Test
    void noTScoreClassifiesAChildAPremenopausalWomanOrAManUnder50() {
        OsteoCds cds = TestRules.bundled();
        int seen = 0;
        for (int i = 0; i < COUNT; i++) {
            PatientRecord r = records.get(i);
            Assessment a = assessments.get(i);
            if (a.status() != AssessmentStatus.ASSESSED || lowest(r) == null || Who.readByTScore(r, AS_OF)) {
                continue;
            }
            seen++;
            PatientRecord withoutT = r.toBuilder().tScore(null).tScoreLumbarSpine(null).tScoreFemoralNeck(null)
                    .tScoreTotalHip(null).build();
            Assessment b = cds.assess(withoutT, AS_OF);
            check(b.findings().boneStatus() == a.findings().boneStatus(), i, "the T-score changed the bone status to "
                    + a.findings().boneStatus() + " from " + b.findings().boneStatus());
            check(a.findings().boneStatus() != BoneStatus.NORMAL, i, "a WHO category for the Z-score group");
            for (String code : List.of("REFERRAL-OSTEOPOROSIS-EVALUATION", "EXERCISE-BONE-LOSS-PROGRAMME",
                    "EXERCISE-SPINE-SAFETY")) {
                check(a.hasAdvice(code) == b.hasAdvice(code), i, "the T-score changed " + code);
            }
        }
        assertTrue(seen > 300, "the sample must exercise this invariant; it did " + seen + " times");
    }

    @Test
    void noPatientUnder18GetsAlcoholAdvice() {
        int children = 0;
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            if (a.findings() != null && a.findings().ageGroup() == AgeGroup.CHILD) {
                children++;
                check(!a.hasAdvice("LIFESTYLE-ALCOHOL-LIMIT"), i, "a child got alcohol advice");
                check(a.dataGaps().stream().noneMatch(d -> d.blocks().contains("LIFESTYLE-ALCOHOL-LIMIT")), i,
                        "a child's data gap blocks alcohol advice");
            }
        }
        assertTrue(children > 300, "children seen: " + children);
    }

    @Test
    void keepItUpNeverWithOsteoporosisOrAVertebralFractureNorYouthStrengtheningForAChildWithOsteoporosis() {
        int atRisk = 0;
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            PatientRecord r = records.get(i);
            if (a.status() != AssessmentStatus.ASSESSED) {
                continue;
            }
            boolean osteoporosis = a.findings().boneStatus() == BoneStatus.OSTEOPOROSIS;
            boolean vertebral = Boolean.TRUE.equals(r.vertebralFracture())
                    || (r.fractureSites() != null && r.fractureSites().contains(FractureSite.VERTEBRA));
            if (osteoporosis || vertebral) {
                atRisk++;
                check(!a.hasAdvice("EXERCISE-KEEP-UP"), i, "keep-up with osteoporosis or a vertebral fracture");
            }
            if (osteoporosis && a.findings().ageGroup() == AgeGroup.CHILD) {
                check(!a.hasAdvice("EXERCISE-YOUTH-BONE-STRENGTHENING"), i, "youth code for a child with osteoporosis");
                check(a.hasAdvice("EXERCISE-SPINE-SAFETY"), i, "a child with osteoporosis without spine safety");
            }
        }
        assertTrue(atRisk > 300, "at-risk patients seen: " + atRisk);
    }

    static final Pattern HIGH_IMPACT = Pattern.compile("\\b(jump\\w*|racquet|tennis|squash|badminton|skipping)\\b");
    static final Pattern AVOID = Pattern.compile("\\b(avoid|no|not|never|without)\\b");

    @Test
    void noJumpingOrRacquetSportsAreSuggestedWithOsteoporosis() {
        int seen = 0;
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            if (a.findings() == null || a.findings().boneStatus() != BoneStatus.OSTEOPOROSIS) {
                continue;
            }
            seen++;
            for (Advice x : a.advice()) {
                for (String text : List.of(x.summary(), x.detail(), x.rationale())) {
                    for (String sentence : text.toLowerCase(Locale.ROOT).split("(?<=[.;:!?])\\s+")) {
                        check(!HIGH_IMPACT.matcher(sentence).find() || AVOID.matcher(sentence).find(), i,
                                x.code() + " suggests high-impact sport with osteoporosis: " + sentence);
                    }
                }
            }
        }
        assertTrue(seen > 300, "osteoporosis seen " + seen);
    }

    @Test
    void criticalMedicineAdviceIsOnlyAboutAMedicineTakenNowOrADenosumabDoseAtMost24MonthsOverdue() {
        int glucocorticoid = 0;
        int denosumab = 0;
        for (int i = 0; i < COUNT; i++) {
            Assessment a = assessments.get(i);
            PatientRecord r = records.get(i);
            if (a.hasAdvice("MEDICATION-GLUCOCORTICOID-ASSESSMENT")) {
                glucocorticoid++;
                check(r.medications().stream().anyMatch(m -> Who.GLUCOCORTICOIDS.contains(m.name())
                        && Who.takenOn(m, AS_OF)), i, "glucocorticoid alert without a glucocorticoid taken now");
            }
            if (a.hasAdvice("MEDICATION-DENOSUMAB-DELAYED")) {
                denosumab++;
                check(!a.hasAdvice("REFERRAL-OSTEOPOROSIS-EVALUATION"), i,
                        "two critical alerts on one treatment: denosumab delayed and referral for treatment");
                check(r.medications().stream().anyMatch(m -> m.name().equals("denosumab") && m.end() != null
                        && m.end().isBefore(AS_OF.minusMonths(7)) && !m.end().isBefore(AS_OF.minusMonths(24))),
                        i, "denosumab delayed without a last dose 7 to 24 months ago");
            }
            for (Advice x : a.advice()) {
                if (x.category() == Category.MEDICATION && x.indicator() == Indicator.CRITICAL) {
                    check(Set.of("MEDICATION-GLUCOCORTICOID-ASSESSMENT", "MEDICATION-DENOSUMAB-DELAYED")
                            .contains(x.code()), i, "an unexpected critical medicine advice " + x.code());
                }
            }
        }
        assertTrue(glucocorticoid > 100 && denosumab > 20, "glucocorticoid alerts " + glucocorticoid
                + ", denosumab alerts " + denosumab);
    }

    private static Double lowest(PatientRecord r) {
        Double lo = null;
        for (Double t : new Double[] {r.tScoreLumbarSpine(), r.tScoreFemoralNeck(), r.tScoreTotalHip(), r.tScore()}) {
            if (t != null && (lo == null || t < lo)) {
                lo = t;
            }
        }
        return lo;
    }

    @Test
    void theSampleCoversEveryCode() {
        Set<String> seen = new java.util.TreeSet<>();
        assessments.forEach(a -> seen.addAll(a.adviceCodes()));
        assertEquals(new java.util.TreeSet<>(CatalogueTest.catalogueCodes()), seen);
        assertFalse(seen.isEmpty());
    }
}
