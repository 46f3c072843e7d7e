package org.osteocds.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * Synthetic patients for demos, benchmarks and population runs: a panel as CSV (the patient-record columns) or a
 * FHIR Bulk Data export. Deterministic for a seed and date. The prevalences are rough figures for a general-practice
 * population (docs/generate.md); missing values are common, as in real records. Streams: memory does not grow with
 * the count.
 */
public final class PanelGenerator {
    /** The columns of the CSV panel. */
    public static final List<String> COLUMNS = PanelCsv.COLUMNS;

    private final SplittableRandom rnd;
    private final LocalDate asOf;
    private long next = 1;

    /**
     * @param seed the seed
     * @param asOf dates (birth dates, DXA dates) are drawn relative to this day
     */
    public PanelGenerator(long seed, LocalDate asOf) {
        this.rnd = new SplittableRandom(seed);
        this.asOf = asOf;
    }

    /** @return the day the patients' dates are drawn relative to */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * Writes patients as a CSV panel.
     *
     * @param count how many patients
     * @param out   where the CSV goes (not closed)
     * @throws IOException when writing fails
     */
    public void write(long count, Writer out) throws IOException {
        PanelCsv csv = new PanelCsv(out);
        for (long i = 0; i < count; i++) {
            csv.write(next());
        }
        csv.flush();
    }

    /**
     * Writes patients as a FHIR Bulk Data export: one NDJSON file per resource type and a manifest.
     *
     * @param count how many patients
     * @param dir   the folder (created; files in it are replaced)
     * @throws IOException when writing fails
     */
    public void writeBulk(long count, Path dir) throws IOException {
        try (BulkExport bulk = new BulkExport(dir, asOf)) {
            for (long i = 0; i < count; i++) {
                bulk.write(next());
            }
        }
    }

    /** @return the next patient */
    public PatientRecord next() {
        return patient(String.format(Locale.ROOT, "G-%07d", next++));
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

    private static double one(double v) {
        return Math.round(v * 10) / 10.0;
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

    private PatientRecord patient(String id) {
        PatientRecord.Builder b = PatientRecord.builder(id);
        int age = age();
        boolean female = chance(0.51);
        boolean adult = age >= 18;
        LocalDate birth = asOf.minusYears(age).minusDays(rnd.nextInt(0, 365));
        if (chance(0.85)) {
            b.birthDate(birth);
        } else {
            b.age(age);
        }
        b.sex(chance(0.03) ? null : female ? Sex.FEMALE : Sex.MALE);
        Boolean post = null;
        boolean premature = false;
        if (female && adult && !chance(0.15)) {
            post = age >= 52 || (age >= 45 && chance(0.5)) || chance(0.02);
            premature = post && chance(0.06);
        }
        b.postmenopausal(post);
        b.prematureMenopause(female && post != null && post ? premature : null);
        boolean scanned = age >= 40 && chance(female ? (age >= 65 ? 0.35 : age >= 50 ? 0.15 : 0.03)
                : (age >= 70 ? 0.10 : 0.02));
        double t = 0;
        if (scanned) {
            double mean = female ? (age >= 65 ? -1.7 : age >= 50 ? -1.0 : -0.3) : (age >= 70 ? -1.1 : -0.6);
            t = one(Math.max(-5, Math.min(3, normal(mean, 1.0))));
            b.tScoreLumbarSpine(t);
            b.tScoreFemoralNeck(one(Math.max(-5, Math.min(3, t + normal(0.2, 0.5)))));
            // a Z-score compares with people of the same age: higher than the T-score after 30 (reports give both)
            if (chance(0.6)) {
                b.zScore(one(Math.max(-5, Math.min(3, t + Math.max(0, age - 30) * 0.025 + normal(0, 0.2)))));
            }
            if (!chance(0.05)) {   // else the date was not kept
                b.lastDxaDate(asOf.minusDays(rnd.nextInt(30, 6 * 365)));
            }
        }
        if (scanned && age >= 50 && chance(0.25)) {   // a FRAX result recorded with the scan
            double risk = Math.exp(-1.2 * t) * (age - 35) / 15.0;
            b.fraxMajorPercent(one(Math.min(80, Math.max(1, 4 * risk + normal(0, 1)))));
            b.fraxHipPercent(one(Math.min(60, Math.max(0.1, risk + normal(0, 0.4)))));
        }
        boolean fifty = age >= 50;
        boolean fragility = adult && chance(fifty ? (female ? 0.08 : 0.04) : 0.01);
        boolean vertebral = fifty && chance(0.02);
        boolean hip = age >= 65 && chance(0.015);
        b.fragilityFracture(adult && !chance(0.3) ? fragility : null);
        b.fractureSites(fragility && chance(0.6) ? fractureSites(vertebral, hip) : null);
        b.vertebralFracture(adult && !chance(0.4) ? vertebral : null);
        b.hipFracture(adult && !chance(0.4) ? hip : null);
        b.parentalHipFracture(!chance(0.5) ? chance(0.12) : null);
        if (adult && !chance(0.3)) {
            double u = rnd.nextDouble();
            b.fallsLast12Months(age >= 65 ? (u < 0.72 ? 0 : u < 0.90 ? 1 : rnd.nextInt(2, 5))
                    : (u < 0.88 ? 0 : u < 0.97 ? 1 : 2));
        }
        double bmi = adult ? Math.max(15, Math.min(50, normal(27, 5))) : Math.max(13, Math.min(35, normal(19, 3.5)));
        double u = rnd.nextDouble();
        if (u < 0.6) {
            b.bmi(one(bmi));
        } else if (u < 0.8 && adult) {
            double h = Math.round(female ? normal(163, 7) : normal(177, 7));
            b.heightCm(h).weightKg(one(bmi * (h / 100) * (h / 100)));
        }
        if (!chance(0.4)) {
            b.calciumIntakeMgPerDay(Math.round(chance(0.05) ? rnd.nextInt(2000, 3200)
                    : Math.max(150, Math.min(3500, normal(age < 18 ? 950 : 850, 300)))));
        }
        if (!chance(0.45)) {
            b.vitaminDIntakeIuPerDay(Math.round(chance(0.3) ? rnd.nextInt(800, 2400) + (chance(0.05) ? 3000 : 0)
                    : Math.max(40, normal(350, 150))));
        }
        if (!chance(0.75)) {
            b.serum25OHDNgPerMl(one(Math.max(4, Math.min(90, normal(26, 10)))));
        }
        if (adult && !chance(0.2)) {
            double a = rnd.nextDouble();
            b.alcoholDrinksPerWeek(a < 0.30 ? 0 : a < 0.75 ? rnd.nextInt(1, 8) : a < 0.90 ? rnd.nextInt(8, 15)
                    : a < 0.96 ? rnd.nextInt(15, 21) : rnd.nextInt(21, 50));
        }
        if (adult && !chance(0.1)) {
            double s = rnd.nextDouble();
            b.smoking(s < 0.12 ? Smoking.CURRENT : s < 0.37 ? Smoking.FORMER : Smoking.NEVER);
        } else if (age >= 12 && !chance(0.5)) {
            b.smoking(Smoking.NEVER);
        }
        boolean activityRecorded = !chance(0.3);
        if (adult && activityRecorded) {
            b.moderateActivityMinutesPerWeek(chance(0.45) ? rnd.nextInt(150, 420) : rnd.nextInt(0, 150));
            if (chance(0.4)) {
                b.vigorousActivityMinutesPerWeek(rnd.nextInt(0, 120));
            }
            double sd = rnd.nextDouble();
            b.strengthDaysPerWeek(sd < 0.5 ? 0 : sd < 0.65 ? 1 : sd < 0.9 ? rnd.nextInt(2, 4) : rnd.nextInt(4, 8));
            if (age >= 65) {
                b.balanceDaysPerWeek(chance(0.6) ? 0 : chance(0.5) ? rnd.nextInt(1, 3) : rnd.nextInt(3, 8));
            }
        } else if (age >= 6 && activityRecorded) {
            b.activityMinutesPerDay(Math.round(Math.max(0, normal(55, 25))));
            b.strengthDaysPerWeek(rnd.nextInt(0, 6));
        }
        boolean osteoporotic = scanned && t <= -2.5;
        b.medications(chance(0.15) ? null : medications(age, birth, female, post != null && post, osteoporotic));
        b.conditions(chance(0.15) ? null : conditions(age, female, osteoporotic, scanned && t < -1.0 && t > -2.5));
        return b.build();
    }

    /** The site of a fragility fracture: the forearm, humerus and pelvis, or with the flags the hip or spine. */
    private List<FractureSite> fractureSites(boolean vertebral, boolean hip) {
        List<FractureSite> sites = new ArrayList<>();
        if (hip) {
            sites.add(FractureSite.HIP);
        }
        if (vertebral) {
            sites.add(FractureSite.VERTEBRA);
        }
        double u = rnd.nextDouble();
        sites.add(u < 0.45 ? FractureSite.DISTAL_FOREARM : u < 0.65 ? FractureSite.PROXIMAL_HUMERUS
                : u < 0.75 ? FractureSite.PELVIS : FractureSite.OTHER);
        return sites;
    }

    private static Medication taken(String name, Number dose, Number months) {
        return Medication.builder().name(name).doseMgPerDay(dose).durationMonths(months).build();
    }

    private List<Medication> medications(int age, LocalDate birth, boolean female, boolean postmenopausal,
                                         boolean osteoporotic) {
        List<Medication> m = new ArrayList<>();
        boolean adult = age >= 18;
        if (adult && chance(0.10)) {
            m.add(taken(chance(0.5) ? "omeprazole" : "pantoprazole", chance(0.7) ? 20 : 40, rnd.nextInt(1, 60)));
        }
        if (adult && chance(0.03)) {
            m.add(taken("prednisone", chance(0.2) ? 2 : rnd.nextInt(5, 21), rnd.nextInt(1, 24)));
        }
        if (adult && chance(0.02)) {   // a past course, stopped years ago
            LocalDate start = asOf.minusDays(rnd.nextInt(400, 3000));
            m.add(Medication.builder().name("prednisolone").doseMgPerDay(rnd.nextInt(5, 31)).start(start)
                    .end(start.plusDays(rnd.nextInt(30, 365))).route("oral").build());
        }
        if (adult && chance(0.005)) {
            m.add(taken("dexamethasone", chance(0.5) ? 2 : 4, rnd.nextInt(1, 12)));
        }
        if (age >= 6 && chance(0.03)) {   // an inhaler, started after birth
            m.add(Medication.builder().name("budesonide").start(asOf.minusDays(rnd.nextInt(30, 2000)))
                    .route("inhaled").build());
        }
        if (postmenopausal && age < 60 && chance(0.06)) {
            m.add(taken("estradiol", 1, rnd.nextInt(3, 60)));
        }
        if (adult && chance(0.004)) {   // a name no table knows, as typed
            m.add(taken("prednisne", 5, 6));
        }
        if (adult && chance(0.10)) {
            m.add(taken(chance(0.5) ? "sertraline" : "citalopram", null, null));
        }
        if (adult && chance(female ? 0.12 : 0.04)) {
            m.add(taken("levothyroxine", 0.1, rnd.nextInt(6, 120)));
        }
        if (female && age >= 50 && chance(0.01)) {
            m.add(taken("letrozole", 2.5, rnd.nextInt(1, 60)));
        }
        if (!female && age >= 60 && chance(0.015)) {
            m.add(taken("leuprolide", null, rnd.nextInt(1, 36)));
        }
        if (chance(0.01)) {
            m.add(taken("carbamazepine", null, rnd.nextInt(6, 120)));
        }
        if (age >= 65 && chance(0.05)) {
            m.add(taken("furosemide", 40, rnd.nextInt(3, 60)));
        }
        if (osteoporotic && chance(0.45)) {
            double u = rnd.nextDouble();
            if (u < 0.6) {
                m.add(taken("alendronate", 10, rnd.nextInt(1, 60)));
            } else {   // given at intervals: the last dose, sometimes late
                LocalDate last = asOf.minusDays(rnd.nextInt(10, 900));
                m.add(Medication.builder().name(u < 0.8 ? "zoledronic acid" : "denosumab").start(last).end(last)
                        .route(u < 0.8 ? "intravenous" : "subcutaneous").build());
            }
        }
        if (adult && chance(0.12)) {
            m.add(chance(0.5) ? taken("metformin", 1000, rnd.nextInt(6, 120))
                    : taken("atorvastatin", 20, rnd.nextInt(6, 120)));
        }
        m.replaceAll(x -> x.start() != null && x.start().isBefore(birth) ? x.toBuilder().start(birth).build() : x);
        // nobody takes a medicine for longer than they have lived (a FHIR export would date it before birth)
        long lived = Math.max(1, java.time.Period.between(birth, asOf).toTotalMonths());
        m.replaceAll(x -> x.durationMonths() != null && x.durationMonths() > lived
                ? x.toBuilder().durationMonths(lived).build() : x);
        return m;
    }

    private List<ConditionEntry> conditions(int age, boolean female, boolean osteoporotic, boolean osteopenic) {
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
        return c.stream().map(ConditionEntry::of).toList();
    }
}
