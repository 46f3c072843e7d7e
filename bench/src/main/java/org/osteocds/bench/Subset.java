package org.osteocds.bench;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The compared result of one patient, the same for the three evaluations: whether the rules assess the patient at
 * all, the CMS249 risk-factor keys found (osteo-cds's {@code Findings.riskFactors} keys, every key but
 * {@code other-bone-loss-medication}), and whether a bone-density test is due (osteo-cds's advice
 * {@code SCREENING-BONE-DENSITY-TEST}). An out-of-scope patient (no birth date, under 6, deceased) has no risk
 * factors and no test due.
 *
 * @param id          Patient.id
 * @param status      assessed, out-of-scope, or invalid (osteo-cds refused the mapped record)
 * @param riskFactors the risk-factor keys, sorted
 * @param dxaDue      whether a DXA is due
 */
public record Subset(String id, String status, SortedSet<String> riskFactors, boolean dxaDue) {
    /** The risk-factor keys the subset covers. */
    public static final List<String> KEYS = List.of("fragility-fracture", "hip-or-vertebral-fracture",
            "parental-hip-fracture", "current-smoking", "alcohol-over-2-per-day", "low-bmi",
            "frax-above-treatment-threshold", "glucocorticoid-exposure", "aromatase-inhibitor", "androgen-deprivation",
            "secondary-cause", "premature-menopause");

    /** The advice code that says a DXA is due. */
    public static final String DXA_ADVICE = "SCREENING-BONE-DENSITY-TEST";

    public Subset {
        riskFactors = new TreeSet<>(riskFactors);
    }

    /** @return the subset of an out-of-scope patient */
    public static Subset outOfScope(String id) {
        return new Subset(id, "out-of-scope", new TreeSet<>(), false);
    }

    /** @return the subset of a patient whose mapped record osteo-cds finds invalid */
    public static Subset invalid(String id) {
        return new Subset(id, "invalid", new TreeSet<>(), false);
    }

    /** @return the subset of an assessed patient, keeping only the subset's keys */
    public static Subset assessed(String id, Set<String> keys, boolean dxaDue) {
        TreeSet<String> k = new TreeSet<>(keys);
        k.retainAll(KEYS);
        return new Subset(id, "assessed", k, dxaDue);
    }

    /** @return one line: id, scope, keys, DXA due */
    @Override
    public String toString() {
        return id + (status.equals("assessed") ? " " + riskFactors + " dxaDue=" + dxaDue : " " + status);
    }
}
