package org.osteocds.internal.engine;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.PatientSummary;
import org.osteocds.model.RecordError;
import org.osteocds.facts.BoneTreatment;
import org.osteocds.facts.Condition;
import org.osteocds.facts.Fracture;
import org.osteocds.facts.MedicationUse;
import org.osteocds.facts.Patient;
import org.osteocds.facts.Text;
import org.osteocds.internal.knowledge.Medicines;
import org.osteocds.internal.knowledge.Terminology;

/**
 * Turns a record and its assessment date into the facts the rules match. It applies the input contract's
 * date semantics only (age at {@code asOf}, facts dated after {@code asOf} do not exist, exposure counted up to
 * {@code asOf}) and the terminology tables; every clinical threshold lives in the rules.
 */
final class FactBuilder {
    /** Days counted for one month of {@code durationMonths}: 3 months = 90 days. Start and end dates count
     *  inclusively: taken from Jan 2 through Apr 1 is 90 days of use. */
    static final int DAYS_PER_MONTH = 30;

    private final Terminology terminology;

    FactBuilder(Terminology terminology) {
        this.terminology = terminology;
    }

    /**
     * The facts of one record: its patient fact and the medicines and conditions that exist at {@code asOf}, and
     * who the record is about, for views.
     */
    record Facts(Patient patient, List<Object> others, PatientSummary summary) {
    }

    /**
     * @param r    the record
     * @param asOf the assessment date
     * @param seq  the record's number in its session
     * @return its facts
     * @throws InvalidRecordException for problems that need the assessment date to see
     */
    Facts build(PatientRecord r, LocalDate asOf, int seq) {
        List<RecordError> errors = new ArrayList<>();
        // a death after the assessment date has not happened yet; a death with no date has
        LocalDate diedOn = r.deceasedDate() != null && !r.deceasedDate().isAfter(asOf) ? r.deceasedDate() : null;
        boolean deceased = diedOn != null || (Boolean.TRUE.equals(r.deceased()) && r.deceasedDate() == null);
        LocalDate ageAt = diedOn != null ? diedOn : asOf;   // the age a patient reached, not the age they would be
        Integer age = r.age();
        if (r.birthDate() != null) {
            if (r.birthDate().isAfter(asOf)) {
                errors.add(new RecordError("birthDate", r.birthDate().toString(),
                        "birthDate is after the assessment date " + asOf));
            } else {
                age = Period.between(r.birthDate(), ageAt).getYears();
                if (age > 120) {
                    errors.add(new RecordError("birthDate", r.birthDate().toString(),
                            "age at " + ageAt + " would be " + age + "; it must be between 0 and 120"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(r.id(), errors);
        }
        Double lowest = null;
        String site = null;
        Double[] scores = {r.tScoreLumbarSpine(), r.tScoreFemoralNeck(), r.tScoreTotalHip(), r.tScore()};
        String[] sites = {"lumbar spine", "femoral neck", "total hip", "site unspecified"};
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != null && (lowest == null || scores[i] < lowest)) {
                lowest = scores[i];
                site = sites[i];
            }
        }
        Integer monthsSinceDxa = null;
        Integer ageAtDxa = null;
        LocalDate dxa = r.lastDxaDate();
        if (dxa != null && dxa.isAfter(asOf)) {
            // its scores would be from the future (patient-record.md, Validation)
            throw new InvalidRecordException(r.id(), List.of(new RecordError("lastDxaDate", dxa.toString(),
                    "lastDxaDate is after the assessment date " + asOf)));
        }
        if (dxa != null) {
            monthsSinceDxa = monthsBegunSince(dxa, asOf);
            if (r.birthDate() != null) {
                ageAtDxa = Period.between(r.birthDate(), dxa).getYears();
            } else if (age != null) {
                ageAtDxa = age - (int) ChronoUnit.YEARS.between(dxa, asOf);
            }
        }
        Double bmi = r.bmi();
        String bmiSource = bmi == null ? null : "bmi";
        if (bmi == null && r.heightCm() != null && r.weightKg() != null) {
            double m = r.heightCm() / 100.0;
            bmi = Math.round(r.weightKg() / (m * m) * 10) / 10.0;
            bmiSource = "weight " + Text.num(r.weightKg()) + " kg and height " + Text.num(r.heightCm()) + " cm";
        }
        List<FractureSite> fractureSites = r.fractureSites() == null ? List.of() : r.fractureSites();
        Boolean hip = fractureSites.contains(FractureSite.HIP) ? Boolean.TRUE : r.hipFracture();
        Boolean vertebral = fractureSites.contains(FractureSite.VERTEBRA) ? Boolean.TRUE : r.vertebralFracture();
        // hipFracture and vertebralFracture mean low-trauma fractures (patient-record.md): fragility fractures too
        Boolean fragility = !fractureSites.isEmpty() || Boolean.TRUE.equals(hip) || Boolean.TRUE.equals(vertebral)
                ? Boolean.TRUE : r.fragilityFracture();
        Patient p = new Patient(seq, r.id(), asOf, age, r.sex(), r.postmenopausal(), r.prematureMenopause(),
                lowest, site, r.zScore(), dxa, monthsSinceDxa, ageAtDxa, r.fraxMajorPercent(), r.fraxHipPercent(),
                fragility, vertebral, hip, r.parentalHipFracture(), r.fallsLast12Months(), bmi, bmiSource,
                r.calciumIntakeMgPerDay(), r.vitaminDIntakeIuPerDay(), r.serum25OHDNgPerMl(), r.alcoholDrinksPerWeek(),
                r.smoking(), r.moderateActivityMinutesPerWeek(), r.vigorousActivityMinutesPerWeek(),
                r.activityMinutesPerDay(), r.strengthDaysPerWeek(), r.balanceDaysPerWeek(), r.medications() != null,
                r.conditions() != null, deceased, diedOn);
        List<Object> others = new ArrayList<>();
        TreeSet<String> fractures = new TreeSet<>();
        for (FractureSite f : fractureSites) {
            fractures.add(f.code());
        }
        if (Boolean.TRUE.equals(hip)) {
            fractures.add(FractureSite.HIP.code());
        }
        if (Boolean.TRUE.equals(vertebral)) {
            fractures.add(FractureSite.VERTEBRA.code());
        }
        for (String f : fractures) {
            others.add(new Fracture(p, f));
        }
        if (r.medications() != null) {
            for (Medication m : r.medications()) {
                if (m.start() != null && m.start().isAfter(asOf)) {
                    continue;   // started after the assessment date: does not exist yet
                }
                medication(p, m, asOf, others);
            }
        }
        if (r.conditions() != null) {
            for (ConditionEntry c : r.conditions()) {
                if (c.onset() != null && c.onset().isAfter(asOf)) {
                    continue;   // onset after the assessment date: does not exist yet
                }
                String key = c.key() != null ? c.key() : terminology.conditionKey(c.system(), c.code());
                if (key != null) {
                    String label = c.key() != null ? key : key + " (" + c.label() + ")";
                    others.add(new Condition(p, key, label));
                }
            }
        }
        return new Facts(p, others, new PatientSummary(r.name(), age, r.sex()));
    }

    /**
     * Calendar months begun since a date: the smallest N with {@code asOf} on or before the date plus N months (the
     * catalogue's "a date exactly on the boundary is still within it"): 0 on the day, 7 exactly 7 months later, 8 a day
     * after that.
     */
    static int monthsBegunSince(LocalDate date, LocalDate asOf) {
        int n = (int) ChronoUnit.MONTHS.between(date, asOf);
        return date.plusMonths(n).isBefore(asOf) ? n + 1 : n;
    }

    /** @return "RxNorm 8640", "ATC H02AB06", or the system URI and code as recorded */
    static String codeLabel(Medication m) {
        String system = m.system() == null ? "?" : m.system();
        String name = system.endsWith("/rxnorm") ? "RxNorm" : system.endsWith("whocc.no/atc") ? "ATC" : system;
        return name + " " + (m.code() == null ? "?" : m.code());
    }

    private void medication(Patient p, Medication m, LocalDate asOf, List<Object> out) {
        Medicines medicines = terminology.medicines();
        Medicines.Known known = medicines.find(m.name(), m.system(), m.code());
        String cls = known == null ? null : known.medClass();
        Integer days = null;
        Integer planned = null;
        boolean current = true;
        if (m.durationMonths() != null) {
            days = (int) Math.round(m.durationMonths() * DAYS_PER_MONTH);
        } else if (m.start() != null) {
            LocalDate until = m.end() == null || m.end().isAfter(asOf) ? asOf : m.end();
            days = (int) ChronoUnit.DAYS.between(m.start(), until) + 1;   // start and end are both days of use
            current = m.end() == null || !m.end().isBefore(asOf);
            planned = m.end() == null ? null : (int) ChronoUnit.DAYS.between(m.start(), m.end()) + 1;
        } else if (m.end() != null) {
            current = !m.end().isBefore(asOf);
        }
        String dosing = null;
        if (!current && known != null && known.agent() != null && m.end() != null && !"bone-treatment".equals(cls)) {
            // injected at intervals: taken now while the last dose covers asOf (bone treatments: BoneTreatment)
            Medicines.Depot depot = medicines.depot(known.agent(), m.route(), m.doseMg());
            if (depot != null && monthsBegunSince(m.end(), asOf) <= depot.coverageMonths()) {
                current = true;
                dosing = "last dose " + m.end() + ", within its " + depot.coverageMonths() + "-month coverage";
                if (m.start() != null) {
                    days = (int) ChronoUnit.DAYS.between(m.start(), asOf) + 1;
                }
            }
        }
        LocalDate lastDose = current ? null : m.end();
        Double equivalent = null;
        if ("glucocorticoid".equals(cls)) {
            Double factor = medicines.prednisoneFactor(known, m.name());
            equivalent = m.prednisoneEquivalentMgPerDay() != null ? m.prednisoneEquivalentMgPerDay()
                    : m.doseMgPerDay() == null || factor == null || factor.isNaN() ? null
                    : Math.round(m.doseMgPerDay() * factor * 100) / 100.0;
        }
        Medicines.ClassPolicy policy = cls == null ? null : medicines.policy(cls);
        String label = m.name() != null && !m.name().isBlank() ? m.name()
                : (known != null && known.display() != null ? known.display() + ", " : "") + codeLabel(m);
        MedicationUse use = new MedicationUse(p, label, cls, m.system() != null && m.code() != null, m.route(),
                medicines.isSystemic(m.route()), m.doseMgPerDay(), equivalent, days, planned, current, lastDose,
                lastDose == null ? null : monthsBegunSince(lastDose, asOf),
                policy == null ? null : policy.riskFactor(), policy != null && policy.riskFactorMenOnly(),
                policy == null || policy.reviewFromMonths() == null ? null : policy.reviewFromMonths() * DAYS_PER_MONTH,
                policy == null ? null : String.join(";", policy.evidence()), dosing);
        out.add(use);
        if ("bone-treatment".equals(cls)) {
            Medicines.Product product = medicines.product(known.agent(), m.route(), m.doseMg());
            if (product != null) {
                out.add(new BoneTreatment(p, use, product.product(), product.coverageMonths(), product.bisphosphonate(),
                        product.osteoporosisDenosumab()));
            }
        }
    }
}
