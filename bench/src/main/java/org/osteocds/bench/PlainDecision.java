package org.osteocds.bench;

import static org.osteocds.bench.PlainEvaluator.monthsBegunSince;
import static org.osteocds.bench.PlainMedicineTables.NON_SYSTEMIC;
import static org.osteocds.bench.PlainMedicineTables.PREDNISONE_FACTOR;
import static org.osteocds.bench.PlainMedicineTables.boneCoverage;
import static org.osteocds.bench.PlainMedicineTables.depotCoverage;
import static org.osteocds.bench.PlainMedicineTables.factorIn;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subset decision of the plain-Java evaluation: from the {@link PlainFacts} of an in-scope patient, the record's
 * facts (lowest T-score, BMI, condition keys as of the assessment date), the risk-factor keys, and whether a DXA is
 * due.
 */
final class PlainDecision {
    private static final Set<String> NOT_SECONDARY = Set.of("osteoporosis", "osteopenia", "premature-menopause");

    private PlainDecision() {
    }

    /**
     * @param id    Patient.id
     * @param age   the patient's age in years at the assessment date (6 or more)
     * @param sex   F, M or null
     * @param facts the patient's facts, every resource read
     * @return the patient's subset
     */
    static Subset decide(String id, int age, String sex, PlainFacts facts) {
        LocalDate asOf = facts.asOf;
        LocalDate birth = facts.birth;
        Map<String, PlainFacts.Latest> latest = facts.latest;
        boolean postmenopausalFlag = facts.postmenopausalFlag;

        // ---- the record's facts ----
        Double lowestT = null;
        for (String f : List.of("tScoreLumbarSpine", "tScoreFemoralNeck", "tScore")) {
            Double v = latest.get(f).num();
            if (v != null && (lowestT == null || v < lowestT)) {
                lowestT = v;
            }
        }
        Double z = latest.get("zScore").num();
        LocalDate lastDxa = (LocalDate) latest.get("lastDxa").value;
        Double bmi = latest.get("bmi").num();
        if (bmi == null && latest.get("height").num() != null && latest.get("weight").num() != null) {
            double m = latest.get("height").num() / 100.0;
            bmi = Math.round(latest.get("weight").num() / (m * m) * 10) / 10.0;
        }
        Set<String> keys = new TreeSet<>();
        Set<String> conditionKeys = new HashSet<>();
        for (String[] c : facts.conditions) {
            if (c[1] == null || !LocalDate.parse(c[1]).isAfter(asOf)) {
                conditionKeys.add(c[0]);
            }
        }
        boolean adult = age >= 18;
        if (facts.fragility && adult) {
            keys.add("fragility-fracture");
        }
        if (facts.hipOrVertebral) {
            keys.add("hip-or-vertebral-fracture");
        }
        if (facts.parentalHip) {
            keys.add("parental-hip-fracture");
        }
        if (Boolean.TRUE.equals(latest.get("smoking").value)) {
            keys.add("current-smoking");
        }
        Double alcohol = latest.get("alcohol").num();
        if (alcohol != null && alcohol * 7 > 14 && adult) {
            keys.add("alcohol-over-2-per-day");
        }
        if (bmi != null && bmi <= 20 && age >= 40) {
            keys.add("low-bmi");
        }
        Double frax = latest.get("frax").num();
        if (frax != null && frax >= 20) {
            keys.add("frax-above-treatment-threshold");
        }
        for (String k : conditionKeys) {
            if (!NOT_SECONDARY.contains(k)) {
                keys.add("secondary-cause");
            }
        }
        if (conditionKeys.contains("premature-menopause")) {
            keys.add("premature-menopause");
        }
        boolean onBoneTreatment = false;
        boolean currentAdt = false;
        for (PlainMedicines.Med m : facts.meds) {
            if (m.start() != null && m.start().isAfter(asOf)) {
                continue;
            }
            Integer days = null;
            boolean current = true;
            if (m.start() != null) {
                LocalDate until = m.end() == null || m.end().isAfter(asOf) ? asOf : m.end();
                days = (int) ChronoUnit.DAYS.between(m.start(), until) + 1;
                current = m.end() == null || !m.end().isBefore(asOf);
            } else if (m.end() != null) {
                current = !m.end().isBefore(asOf);
            }
            switch (m.medClass()) {
                case "glucocorticoid" -> {
                    boolean systemic = m.route() == null || !NON_SYSTEMIC.contains(m.route().strip());
                    Double factor = m.agent() != null ? PREDNISONE_FACTOR.get(m.agent()) : factorIn(m.display());
                    if (m.agent() != null && !PREDNISONE_FACTOR.containsKey(m.agent())) {
                        factor = m.agent().equals("budesonide") ? null : factorIn(m.display());
                    }
                    Double equivalent = m.dosePerDay() == null || factor == null ? null
                            : Math.round(m.dosePerDay() * factor * 100) / 100.0;
                    if (systemic && days != null && days >= 90 && (equivalent == null || equivalent >= 2.5)) {
                        keys.add("glucocorticoid-exposure");
                    }
                }
                case "aromatase-inhibitor" -> {
                    if (current) {
                        keys.add("aromatase-inhibitor");
                    }
                }
                case "androgen-deprivation" -> {
                    if (!current && m.agent() != null && m.end() != null) {
                        Integer cover = depotCoverage(m.agent(), m.doseMg());
                        current = cover != null && monthsBegunSince(m.end(), asOf) <= cover;
                    }
                    if (current) {
                        currentAdt = true;
                        if (!"F".equals(sex)) {
                            keys.add("androgen-deprivation");
                        }
                    }
                }
                case "bone-treatment" -> {
                    Integer cover = m.agent() == null ? null : boneCoverage(m.agent(), m.route(), m.doseMg());
                    if (cover != null && (current || m.end() != null && monthsBegunSince(m.end(), asOf) <= cover)) {
                        onBoneTreatment = true;
                    }
                }
                default -> { }
            }
        }

        // ---- is a DXA due? ----
        boolean screeningRf = !keys.isEmpty();
        boolean postmenopausal = adult && age < 65 && !"M".equals(sex)
                && (postmenopausalFlag || conditionKeys.contains("premature-menopause")
                    || conditionKeys.contains("bilateral-oophorectomy"))
                || "F".equals(sex) && age >= 50;
        boolean indicated = "F".equals(sex) && age >= 65
                || "M".equals(sex) && age >= 70
                || sex == null && age >= 70
                || age < 65 && postmenopausal && screeningRf
                || "M".equals(sex) && age >= 50 && age < 70 && screeningRf
                || keys.contains("fragility-fracture");
        boolean due = false;
        if (indicated && (lastDxa != null || lowestT == null && z == null)) {
            due = true;
            if (lastDxa != null) {
                int monthsSince = monthsBegunSince(lastDxa, asOf);
                int ageAtDxa = Period.between(birth, lastDxa).getYears();
                boolean every2 = onBoneTreatment || currentAdt
                        || keys.stream().anyMatch(k -> Set.of("fragility-fracture", "hip-or-vertebral-fracture",
                            "glucocorticoid-exposure", "aromatase-inhibitor", "androgen-deprivation",
                            "secondary-cause").contains(k));
                int interval;
                if ("F".equals(sex) && ageAtDxa >= 65 && lowestT != null && !every2) {
                    interval = lowestT > -1.50 ? 180 : lowestT > -2.00 ? 60 : 12;
                } else if ("F".equals(sex) && age >= 65 && ageAtDxa < 65) {
                    interval = 0;
                } else {
                    interval = 24;
                }
                due = !(interval > 0 && interval >= monthsSince);
            }
        }
        return Subset.assessed(id, keys, due);
    }
}
