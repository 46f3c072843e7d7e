package org.osteocds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * Seeded random valid records for property tests: every field is sometimes missing, and numbers cluster around
 * the rules' thresholds (just below, at, just above) as well as spreading over the valid range.
 */
public final class RandomRecords {
    private static final String[] MEDS = {"prednisone", "prednisolone", "letrozole", "leuprolide", "omeprazole",
        "sertraline", "pioglitazone", "heparin", "levothyroxine", "depo-provera", "tacrolimus", "furosemide",
        "phenytoin", "alendronate", "denosumab", "amoxicillin", "metformin", "budesonide", "dexamethasone",
        "zoledronic acid", "raloxifene", "estradiol", "ibandronate", "Xyzzamab"};
    /** One dose of medicines given at intervals: denosumab 60 or 120, zoledronic acid 5 or 4, weekly alendronate. */
    private static final double[] ONE_DOSE = {60, 120, 5, 4, 70, 150};
    private static final String[] ROUTES = {null, null, "oral", "inhaled", "intravenous", "topical"};
    private static final List<String> KEYS = List.copyOf(new java.util.TreeSet<>(ConditionEntry.KEYS));

    private RandomRecords() {
    }

    public static List<PatientRecord> generate(int n, long seed) {
        Random rnd = new Random(seed);
        List<PatientRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(one(rnd, "R-" + seed + "-" + i));
        }
        return out;
    }

    /** The contract allows no date before the birth date. */
    private static LocalDate notBefore(LocalDate birth, LocalDate d) {
        return birth != null && d.isBefore(birth) ? birth : d;
    }

    static PatientRecord one(Random rnd, String id) {
        PatientRecord.Builder b = PatientRecord.builder(id);
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        LocalDate birth = null;
        Sex sex = pick(rnd, 0.9) ? (rnd.nextBoolean() ? Sex.FEMALE : Sex.MALE) : null;
        b.sex(sex);
        if (pick(rnd, 0.5)) {
            b.age(edge(rnd, new int[] {0, 5, 6, 8, 9, 17, 18, 19, 49, 50, 51, 64, 65, 69, 70, 71, 90, 120}, 0, 120));
        } else if (pick(rnd, 0.9)) {
            birth = asOf.minusDays(rnd.nextInt(120 * 365));
            b.birthDate(birth);
        }
        if (sex != Sex.MALE && pick(rnd, 0.6)) {
            b.postmenopausal(rnd.nextBoolean());
        }
        if (sex != Sex.MALE && pick(rnd, 0.2)) {
            b.prematureMenopause(rnd.nextBoolean());
        }
        b.tScoreLumbarSpine(maybe(rnd, 0.4, tScore(rnd)));
        b.tScoreFemoralNeck(maybe(rnd, 0.3, tScore(rnd)));
        b.tScoreTotalHip(maybe(rnd, 0.2, tScore(rnd)));
        b.tScore(maybe(rnd, 0.3, tScore(rnd)));
        b.zScore(maybe(rnd, 0.25, dedge(rnd, new double[] {-2.1, -2.0, -1.9, -7, 5}, -4, 2)));
        if (pick(rnd, 0.4)) {   // now and then after asOf, which makes the record invalid
            b.lastDxaDate(notBefore(birth, asOf.minusDays(pick(rnd, 0.02) ? -rnd.nextInt(60) - 1
                    : edge(rnd, new int[] {0, 729, 730, 731, 1826, 1827, 5478, 5479}, 0, 6000))));
        }
        b.fraxMajorPercent(maybe(rnd, 0.15, dedge(rnd, new double[] {19.9, 20, 20.1}, 0, 60)));
        b.fraxHipPercent(maybe(rnd, 0.15, dedge(rnd, new double[] {2.9, 3, 3.1}, 0, 30)));
        if (pick(rnd, 0.15)) {
            List<FractureSite> sites = new ArrayList<>();
            for (int j = rnd.nextInt(3); j >= 0; j--) {
                FractureSite site = FractureSite.values()[rnd.nextInt(FractureSite.values().length)];
                if (!sites.contains(site)) {
                    sites.add(site);
                }
            }
            b.fractureSites(sites);
        }
        b.fragilityFracture(maybe(rnd, 0.5, rnd.nextInt(5) == 0));
        b.vertebralFracture(maybe(rnd, 0.5, rnd.nextInt(8) == 0));
        b.hipFracture(maybe(rnd, 0.5, rnd.nextInt(8) == 0));
        b.parentalHipFracture(maybe(rnd, 0.5, rnd.nextInt(6) == 0));
        if (pick(rnd, 0.6)) {
            b.fallsLast12Months(edge(rnd, new int[] {0, 1, 2, 3}, 0, 10));
        }
        if (pick(rnd, 0.5)) {
            b.bmi(dedge(rnd, new double[] {19.9, 20, 20.1, 25}, 12, 45));
        } else if (pick(rnd, 0.5)) {
            b.heightCm(140 + rnd.nextInt(60) * 1.0).weightKg(35 + rnd.nextInt(90) * 1.0);
        }
        b.calciumIntakeMgPerDay(maybe(rnd, 0.7, dedge(rnd, new double[] {999, 1000, 1199, 1200, 1299, 1300, 2000, 2001, 2500, 2501, 3000, 3001}, 0, 4000)));
        b.vitaminDIntakeIuPerDay(maybe(rnd, 0.7, dedge(rnd, new double[] {599, 600, 799, 800, 4000, 4001}, 0, 6000)));
        b.serum25OHDNgPerMl(maybe(rnd, 0.5, dedge(rnd, new double[] {11.9, 12, 19.9, 20, 50, 50.1}, 3, 90)));
        b.alcoholDrinksPerWeek(maybe(rnd, 0.7, dedge(rnd, new double[] {14, 15, 20, 21}, 0, 50)));
        if (pick(rnd, 0.8)) {
            b.smoking(Smoking.values()[rnd.nextInt(3)]);
        }
        b.moderateActivityMinutesPerWeek(maybe(rnd, 0.6, dedge(rnd, new double[] {0, 149, 150, 151}, 0, 600)));
        b.vigorousActivityMinutesPerWeek(maybe(rnd, 0.5, dedge(rnd, new double[] {0, 74, 75}, 0, 300)));
        b.activityMinutesPerDay(maybe(rnd, 0.5, dedge(rnd, new double[] {59, 60, 61}, 0, 240)));
        b.strengthDaysPerWeek(maybe(rnd, 0.6, (double) rnd.nextInt(8)));
        b.balanceDaysPerWeek(maybe(rnd, 0.5, (double) rnd.nextInt(8)));
        if (pick(rnd, 0.8)) {
            List<Medication> meds = new ArrayList<>();
            int k = rnd.nextInt(4);
            for (int j = 0; j < k; j++) {
                String name = MEDS[rnd.nextInt(MEDS.length)];
                Double dose = maybe(rnd, 0.7, dedge(rnd, new double[] {2.4, 2.5, 5, 7.5}, 0, 60));
                String route = ROUTES[rnd.nextInt(ROUTES.length)];
                Medication.Builder m = Medication.builder().name(name).route(route);
                if (pick(rnd, 0.15)) {   // the record's own prednisone-equivalent in place of the dose
                    m.prednisoneEquivalentMgPerDay(dose);
                } else {
                    m.doseMgPerDay(dose);
                }
                if (pick(rnd, 0.2)) {
                    m.doseMg(ONE_DOSE[rnd.nextInt(ONE_DOSE.length)]);
                }
                if (rnd.nextBoolean()) {
                    m.durationMonths(maybe(rnd, 0.8, dedge(rnd, new double[] {2.9, 3, 12, 24}, 0, 60)));
                } else {   // the last dose around the coverage and overdue limits (7, 15 and 24 months)
                    LocalDate start = notBefore(birth, asOf.minusDays(rnd.nextInt(1200) - 30));
                    LocalDate end = rnd.nextBoolean() ? null : rnd.nextBoolean() ? start.plusDays(rnd.nextInt(400))
                            : asOf.minusMonths(edge(rnd, new int[] {0, 6, 7, 8, 14, 15, 16, 23, 24, 25}, 0, 36));
                    m.start(start).end(end != null && end.isBefore(start) ? start : end);
                }
                meds.add(m.build());
            }
            b.medications(meds);
        }
        if (pick(rnd, 0.8)) {
            List<ConditionEntry> cs = new ArrayList<>();
            int k = rnd.nextInt(3);
            for (int j = 0; j < k; j++) {
                String key = KEYS.get(rnd.nextInt(KEYS.size()));
                cs.add(rnd.nextBoolean() ? ConditionEntry.of(key) : ConditionEntry.of(key, notBefore(birth, asOf.minusDays(rnd.nextInt(3000) - 60))));
            }
            b.conditions(cs);
        }
        if (pick(rnd, 0.05)) {   // died before, on or after asOf, or on a date not recorded
            LocalDate died = rnd.nextInt(4) == 0 ? null : asOf.minusDays(rnd.nextInt(3000) - 100);
            b.deceased(true).deceasedDate(birth != null && died != null && died.isBefore(birth) ? birth : died);
        }
        return b.build();
    }

    private static boolean pick(Random rnd, double p) {
        return rnd.nextDouble() < p;
    }

    private static <T> T maybe(Random rnd, double p, T v) {
        return pick(rnd, p) ? v : null;
    }

    private static int edge(Random rnd, int[] edges, int lo, int hi) {
        return rnd.nextBoolean() ? edges[rnd.nextInt(edges.length)] : lo + rnd.nextInt(hi - lo + 1);
    }

    private static double dedge(Random rnd, double[] edges, double lo, double hi) {
        return rnd.nextBoolean() ? edges[rnd.nextInt(edges.length)] : Math.round((lo + rnd.nextDouble() * (hi - lo)) * 10) / 10.0;
    }

    private static double tScore(Random rnd) {
        return dedge(rnd, new double[] {-1.1, -1.0, -0.9, -2.4, -2.5, -2.6, -7, 5}, -5, 3);
    }
}
