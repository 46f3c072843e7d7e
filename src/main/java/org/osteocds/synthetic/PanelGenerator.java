package org.osteocds.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a synthetic patient panel as CSV (the patient-record columns), for demos and benchmarks. Deterministic for
 * a seed and date. The prevalences are rough figures for a general-practice population (docs/generate.md);
 * missing values are common, as in real records. Streams: memory does not grow with the count.
 */
public final class PanelGenerator {
    /** The columns written. */
    public static final List<String> COLUMNS = List.of("id", "birthDate", "age", "sex", "postmenopausal",
            "prematureMenopause", "tScoreLumbarSpine", "tScoreFemoralNeck", "zScore", "lastDxaDate", "fraxMajorPercent",
            "fraxHipPercent", "fragilityFracture", "fractureSites", "vertebralFracture", "hipFracture",
            "parentalHipFracture", "fallsLast12Months", "heightCm", "weightKg", "bmi",
            "calciumIntakeMgPerDay", "vitaminDIntakeIuPerDay", "serum25OHDNgPerMl", "alcoholDrinksPerWeek", "smoking",
            "moderateActivityMinutesPerWeek", "vigorousActivityMinutesPerWeek", "activityMinutesPerDay",
            "strengthDaysPerWeek", "balanceDaysPerWeek", "medications", "conditions");

    private final SplittableRandom rnd;
    private final LocalDate asOf;

    /**
     * @param seed the seed
     * @param asOf dates (birth dates, DXA dates) are drawn relative to this day
     */
    public PanelGenerator(long seed, LocalDate asOf) {
        this.rnd = new SplittableRandom(seed);
        this.asOf = asOf;
    }

    /**
     * @param count how many patients
     * @param out   where the CSV goes (not closed)
     * @throws IOException when writing fails
     */
    public void write(long count, Writer out) throws IOException {
        CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\n").get());
        List<Object> row = new ArrayList<>(COLUMNS.size());
        for (long i = 1; i <= count; i++) {
            row.clear();
            patient(String.format(Locale.ROOT, "G-%07d", i), row);
            p.printRecord(row);
        }
        p.flush();
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private double normal(double mean, double sd) {
        // Box-Muller
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static String one(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String whole(double v) {
        return Long.toString(Math.round(v));
    }

    private int age() {
        double u = rnd.nextDouble();
        if (u < 0.06) {
            return rnd.nextInt(0, 6);
        } else if (u < 0.21) {
            return rnd.nextInt(6, 18);
        } else if (u < 0.61) {
            return rnd.nextInt(18, 50);
        } else if (u < 0.81) {
            return rnd.nextInt(50, 65);
        } else if (u < 0.95) {
            return rnd.nextInt(65, 80);
        }
        return rnd.nextInt(80, 96);
    }

    private void patient(String id, List<Object> row) {
        int age = age();
        boolean female = chance(0.51);
        boolean adult = age >= 18;
        LocalDate birth = asOf.minusYears(age).minusDays(rnd.nextInt(0, 365));
        boolean byBirthDate = chance(0.85);
        row.add(id);
        row.add(byBirthDate ? birth.toString() : "");
        row.add(byBirthDate ? "" : Integer.toString(age));
        row.add(chance(0.03) ? "" : female ? "female" : "male");
        Boolean post = null;
        boolean premature = false;
        if (female && adult && !chance(0.15)) {
            post = age >= 52 || (age >= 45 && chance(0.5)) || chance(0.02);
            premature = post && chance(0.06);
        }
        row.add(post == null ? "" : post.toString());
        row.add(female && post != null && post ? Boolean.toString(premature) : "");
        boolean scanned = age >= 40 && chance(female ? (age >= 65 ? 0.35 : age >= 50 ? 0.15 : 0.03)
                : (age >= 70 ? 0.10 : 0.02));
        double t = 0;
        if (scanned) {
            double mean = female ? (age >= 65 ? -1.7 : age >= 50 ? -1.0 : -0.3) : (age >= 70 ? -1.1 : -0.6);
            t = Math.max(-5, Math.min(3, normal(mean, 1.0)));
            row.add(one(t));
            row.add(one(Math.max(-5, Math.min(3, t + normal(0.2, 0.5)))));
            // a Z-score compares with people of the same age: higher than the T-score after 30 (reports give both)
            row.add(chance(0.6) ? one(Math.max(-5, Math.min(3, t + Math.max(0, age - 30) * 0.025 + normal(0, 0.2))))
                    : "");
            row.add(chance(0.05) ? "" : asOf.minusDays(rnd.nextInt(30, 6 * 365)).toString());   // date not kept
        } else {
            row.add("");
            row.add("");
            row.add("");
            row.add("");
        }
        if (scanned && age >= 50 && chance(0.25)) {   // a FRAX result recorded with the scan
            double risk = Math.exp(-1.2 * t) * (age - 35) / 15.0;
            row.add(one(Math.min(80, Math.max(1, 4 * risk + normal(0, 1)))));
            row.add(one(Math.min(60, Math.max(0.1, risk + normal(0, 0.4)))));
        } else {
            row.add("");
            row.add("");
        }
        boolean fifty = age >= 50;
        boolean fragility = adult && chance(fifty ? (female ? 0.08 : 0.04) : 0.01);
        boolean vertebral = fifty && chance(0.02);
        boolean hip = age >= 65 && chance(0.015);
        row.add(adult && !chance(0.3) ? Boolean.toString(fragility) : "");
        row.add(fragility && chance(0.6) ? fractureSite(vertebral, hip) : "");
        row.add(adult && !chance(0.4) ? Boolean.toString(vertebral) : "");
        row.add(adult && !chance(0.4) ? Boolean.toString(hip) : "");
        row.add(!chance(0.5) ? Boolean.toString(chance(0.12)) : "");
        if (adult && !chance(0.3)) {
            double u = rnd.nextDouble();
            int falls = age >= 65 ? (u < 0.72 ? 0 : u < 0.90 ? 1 : rnd.nextInt(2, 5)) : (u < 0.88 ? 0 : u < 0.97 ? 1 : 2);
            row.add(Integer.toString(falls));
        } else {
            row.add("");
        }
        double bmi = adult ? Math.max(15, Math.min(50, normal(27, 5))) : Math.max(13, Math.min(35, normal(19, 3.5)));
        double u = rnd.nextDouble();
        if (u < 0.6) {
            row.add("");
            row.add("");
            row.add(one(bmi));
        } else if (u < 0.8 && adult) {
            double h = female ? normal(163, 7) : normal(177, 7);
            row.add(whole(h));
            row.add(one(bmi * (h / 100) * (h / 100)));
            row.add("");
        } else {
            row.add("");
            row.add("");
            row.add("");
        }
        row.add(chance(0.4) ? "" : whole(chance(0.05) ? rnd.nextInt(2000, 3200)
                : Math.max(150, Math.min(3500, normal(age < 18 ? 950 : 850, 300)))));
        row.add(chance(0.45) ? "" : whole(chance(0.3) ? rnd.nextInt(800, 2400) + (chance(0.05) ? 3000 : 0)
                : Math.max(40, normal(350, 150))));
        row.add(chance(0.75) ? "" : one(Math.max(4, Math.min(90, normal(26, 10)))));
        if (adult && !chance(0.2)) {
            double a = rnd.nextDouble();
            row.add(whole(a < 0.30 ? 0 : a < 0.75 ? rnd.nextInt(1, 8) : a < 0.90 ? rnd.nextInt(8, 15)
                    : a < 0.96 ? rnd.nextInt(15, 21) : rnd.nextInt(21, 50)));
        } else {
            row.add("");
        }
        if (adult && !chance(0.1)) {
            double s = rnd.nextDouble();
            row.add(s < 0.12 ? "current" : s < 0.37 ? "former" : "never");
        } else {
            row.add(age >= 12 && !chance(0.5) ? "never" : "");
        }
        boolean activityRecorded = !chance(0.3);
        if (adult && activityRecorded) {
            row.add(whole(chance(0.45) ? rnd.nextInt(150, 420) : rnd.nextInt(0, 150)));
            row.add(chance(0.4) ? whole(rnd.nextInt(0, 120)) : "");
            row.add("");
            double sd = rnd.nextDouble();
            row.add(Integer.toString(sd < 0.5 ? 0 : sd < 0.65 ? 1 : sd < 0.9 ? rnd.nextInt(2, 4) : rnd.nextInt(4, 8)));
            row.add(age >= 65 ? Integer.toString(chance(0.6) ? 0 : chance(0.5) ? rnd.nextInt(1, 3) : rnd.nextInt(3, 8)) : "");
        } else if (age >= 6 && activityRecorded) {
            row.add("");
            row.add("");
            row.add(whole(Math.max(0, normal(55, 25))));
            row.add(Integer.toString(rnd.nextInt(0, 6)));
            row.add("");
        } else {
            for (int k = 0; k < 5; k++) {
                row.add("");
            }
        }
        boolean osteoporotic = scanned && t <= -2.5;
        row.add(chance(0.15) ? "" : medications(age, female, post != null && post, osteoporotic));
        row.add(chance(0.15) ? "" : conditions(age, female, osteoporotic, scanned && t < -1.0 && t > -2.5));
    }

    /** The site of a fragility fracture: the forearm, humerus and pelvis, or with the flags the hip or spine. */
    private String fractureSite(boolean vertebral, boolean hip) {
        List<String> sites = new ArrayList<>();
        if (hip) {
            sites.add("hip");
        }
        if (vertebral) {
            sites.add("vertebra");
        }
        double u = rnd.nextDouble();
        sites.add(u < 0.45 ? "distal-forearm" : u < 0.65 ? "proximal-humerus" : u < 0.75 ? "pelvis" : "other");
        return String.join(";", sites);
    }

    private String medications(int age, boolean female, boolean postmenopausal, boolean osteoporotic) {
        List<String> m = new ArrayList<>();
        boolean adult = age >= 18;
        if (adult && chance(0.10)) {
            m.add((chance(0.5) ? "omeprazole" : "pantoprazole") + ":" + (chance(0.7) ? "20" : "40") + ":" + rnd.nextInt(1, 60));
        }
        if (adult && chance(0.03)) {
            m.add("prednisone:" + (chance(0.2) ? "2" : Integer.toString(rnd.nextInt(5, 21))) + ":" + rnd.nextInt(1, 24));
        }
        if (adult && chance(0.02)) {   // a past course, stopped years ago
            LocalDate start = asOf.minusDays(rnd.nextInt(400, 3000));
            m.add("prednisolone:" + rnd.nextInt(5, 31) + ":" + start + ":" + start.plusDays(rnd.nextInt(30, 365))
                    + ":oral");
        }
        if (adult && chance(0.005)) {
            m.add("dexamethasone:" + (chance(0.5) ? "2" : "4") + ":" + rnd.nextInt(1, 12));
        }
        if (age >= 6 && chance(0.03)) {   // an inhaler, started after birth
            m.add("budesonide::" + asOf.minusDays(rnd.nextInt(30, 2000)) + "::inhaled");
        }
        if (postmenopausal && age < 60 && chance(0.06)) {
            m.add("estradiol:1:" + rnd.nextInt(3, 60));
        }
        if (adult && chance(0.004)) {   // a name no table knows, as typed
            m.add("prednisne:5:6");
        }
        if (adult && chance(0.10)) {
            m.add((chance(0.5) ? "sertraline" : "citalopram") + "::");
        }
        if (adult && chance(female ? 0.12 : 0.04)) {
            m.add("levothyroxine:0.1:" + rnd.nextInt(6, 120));
        }
        if (female && age >= 50 && chance(0.01)) {
            m.add("letrozole:2.5:" + rnd.nextInt(1, 60));
        }
        if (!female && age >= 60 && chance(0.015)) {
            m.add("leuprolide::" + rnd.nextInt(1, 36));
        }
        if (chance(0.01)) {
            m.add("carbamazepine::" + rnd.nextInt(6, 120));
        }
        if (age >= 65 && chance(0.05)) {
            m.add("furosemide:40:" + rnd.nextInt(3, 60));
        }
        if (osteoporotic && chance(0.45)) {
            double u = rnd.nextDouble();
            if (u < 0.6) {
                m.add("alendronate:10:" + rnd.nextInt(1, 60));
            } else {   // given at intervals: the last dose, sometimes late
                LocalDate last = asOf.minusDays(rnd.nextInt(10, 900));
                String name = u < 0.8 ? "zoledronic acid" : "denosumab";
                String route = u < 0.8 ? "intravenous" : "subcutaneous";
                m.add(name + "::" + last + ":" + last + ":" + route);
            }
        }
        if (adult && chance(0.12)) {
            m.add(chance(0.5) ? "metformin:1000:" + rnd.nextInt(6, 120) : "atorvastatin:20:" + rnd.nextInt(6, 120));
        }
        return String.join(";", m);
    }

    private String conditions(int age, boolean female, boolean osteoporotic, boolean osteopenic) {
        List<String> c = new ArrayList<>();
        boolean adult = age >= 18;
        if (osteoporotic && chance(0.6)) {
            c.add("osteoporosis");
        }
        if (osteopenic && chance(0.3)) {
            c.add("osteopenia");
        }
        if (adult && chance(0.01)) {
            c.add("rheumatoid-arthritis");
        }
        if (chance(0.005)) {
            c.add("type-1-diabetes");
        }
        if (adult && chance(female ? 0.015 : 0.004)) {
            c.add("hyperthyroidism");
        }
        if (age >= 40 && chance(0.05)) {
            c.add("copd");
        }
        if (age >= 65 && chance(0.08)) {
            c.add("chronic-kidney-disease");
        }
        if (chance(0.01)) {
            c.add("celiac-disease");
        }
        if (chance(0.008)) {
            c.add("inflammatory-bowel-disease");
        }
        if (adult && chance(0.003)) {
            c.add("organ-transplant");
        }
        return String.join(";", c);
    }
}
