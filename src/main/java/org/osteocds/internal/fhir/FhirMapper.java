package org.osteocds.internal.fhir;

import java.time.LocalDate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;
import org.osteocds.internal.knowledge.Terminology;

/**
 * Maps one patient's FHIR R4 resources to a {@link PatientRecord}, driven by the terminology tables. Policies
 * (docs/fhir.md): only data dated on or before {@code asOf} counts; for each field the latest value as of
 * {@code asOf} wins; conditions and procedures keep their onset (the engine ignores those after {@code asOf});
 * fractures count as fragility fractures by site and age at onset (the fracture rows of {@code fhir-codes.csv}).
 */
public final class FhirMapper {
    private static final Pattern STRENGTH_MG = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*MG\\b(?!\\s*/)",
            Pattern.CASE_INSENSITIVE);

    private final Terminology t;
    private final LocalDate asOf;

    /**
     * @param terminology the tables
     * @param asOf        the assessment date
     */
    public FhirMapper(Terminology terminology, LocalDate asOf) {
        this.t = terminology;
        this.asOf = asOf;
    }

    /**
     * The mapped record and how it was mapped.
     *
     * @param record  the parsed record (invalid when the data break the record contract)
     * @param mapping the mapping report
     */
    public record Result(ParsedRecord record, FhirMapping mapping) {
    }

    /** A value with its date and source, so that the latest one can win. */
    private record Dated<T>(T value, LocalDate date, String source) {
    }

    /** Collects, for one patient, the latest value of each field and every source used. */
    private final class Collector {
        final Map<String, Dated<?>> latest = new TreeMap<>();
        final Map<String, List<String>> sources = new TreeMap<>();
        final Map<String, Integer> unrecognized = new TreeMap<>();
        final List<ConditionEntry> conditions = new ArrayList<>();
        final List<Medication> medications = new ArrayList<>();
        boolean fragility;
        boolean hip;
        boolean vertebral;
        boolean parentalHip;
        boolean postmenopausal;
        LocalDate leftOophorectomy;
        LocalDate rightOophorectomy;

        void offer(String field, Object value, LocalDate date, String source) {
            if (date != null && date.isAfter(asOf)) {
                return;
            }
            Dated<?> old = latest.get(field);
            if (old == null || (date != null && (old.date() == null || !date.isBefore(old.date())))) {
                latest.put(field, new Dated<>(value, date, source));
            }
        }

        void used(String field, String source) {
            sources.computeIfAbsent(field, k -> new ArrayList<>()).add(source);
        }

        void unknown(String type, CodeableConcept cc) {
            if (cc == null || cc.getCoding().isEmpty()) {
                unrecognized.merge(type + " (no code)", 1, Integer::sum);
                return;
            }
            Coding c = cc.getCodingFirstRep();
            unrecognized.merge(type + " " + c.getSystem() + "|" + c.getCode() + " " + (c.hasDisplay() ? c.getDisplay()
                    : cc.getText()), 1, Integer::sum);
        }

        @SuppressWarnings("unchecked")
        <T> T get(String field) {
            Dated<?> d = latest.get(field);
            if (d == null) {
                return null;
            }
            used(field, d.source());
            return (T) d.value();
        }
    }

    /**
     * @param patient   the Patient resource
     * @param resources the patient's other resources
     * @param source    where the patient came from, for messages
     * @return the record and the mapping report
     */
    public Result map(Patient patient, List<Resource> resources, String source) {
        String id = FhirSources.idOf(patient);
        if (id == null || id.isBlank()) {
            id = patient.getIdentifierFirstRep().getValue();
        }
        Collector c = new Collector();
        LocalDate birth = patient.hasBirthDateElement() ? date(patient.getBirthDateElement()) : null;
        for (Resource r : resources) {
            if (r instanceof Observation o) {
                observation(o, c);
            } else if (r instanceof Condition cond) {
                condition(cond, birth, c);
            } else if (r instanceof Procedure p) {
                procedure(p, c);
            } else if (r instanceof MedicationRequest m) {
                medicationRequest(m, c);
            } else if (r instanceof MedicationStatement m) {
                medicationStatement(m, c);
            } else if (r instanceof FamilyMemberHistory f) {
                familyHistory(f, c);
            }
        }
        Sex sex = patient.getGender() == Enumerations.AdministrativeGender.FEMALE ? Sex.FEMALE
                : patient.getGender() == Enumerations.AdministrativeGender.MALE ? Sex.MALE : null;
        if (birth != null) {
            c.used("birthDate", "Patient/" + id);
        }
        if (sex != null) {
            c.used("sex", "Patient/" + id);
        }
        Boolean deceased = null;
        LocalDate deceasedDate = null;
        if (patient.hasDeceasedDateTimeType() && patient.getDeceasedDateTimeType().getValueAsString() != null) {
            String v = patient.getDeceasedDateTimeType().getValueAsString();
            // a death dated only by year or month counts from the first day of it
            deceasedDate = v.length() == 7 ? LocalDate.parse(v + "-01") : date(patient.getDeceasedDateTimeType());
            deceased = true;
            c.used("deceasedDate", "Patient/" + id + " deceasedDateTime " + v);
        } else if (patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType().hasValue()) {
            deceased = patient.getDeceasedBooleanType().booleanValue();
            c.used("deceased", "Patient/" + id + " deceasedBoolean " + deceased);
        }
        Double drinksPerDay = c.get("alcoholDrinksPerDay");
        PatientRecord.Builder b = PatientRecord.builder(id).birthDate(birth).sex(sex)
                .deceased(deceased).deceasedDate(deceasedDate)
                .tScore(c.get("tScore")).tScoreLumbarSpine(c.get("tScoreLumbarSpine"))
                .tScoreFemoralNeck(c.get("tScoreFemoralNeck")).lastDxaDate(c.get("lastDxaDate"))
                .serum25OHDNgPerMl(c.get("serum25OHDNgPerMl"))
                .alcoholDrinksPerWeek(drinksPerDay == null ? null : drinksPerDay * 7)
                .bmi(c.get("bmi")).heightCm(c.get("heightCm")).weightKg(c.get("weightKg"))
                .smoking(c.get("smoking"))
                .moderateActivityMinutesPerWeek(c.get("moderateActivityMinutesPerWeek"))
                .activityMinutesPerDay(c.get("activityMinutesPerDay"))
                .strengthDaysPerWeek(c.get("strengthDaysPerWeek"))
                .medications(c.medications).conditions(c.conditions);
        if (c.fragility) {
            b.fragilityFracture(true);
        }
        if (c.hip) {
            b.hipFracture(true);
        }
        if (c.vertebral) {
            b.vertebralFracture(true);
        }
        if (c.parentalHip) {
            b.parentalHipFracture(true);
        }
        if (c.postmenopausal && sex != Sex.MALE) {
            b.postmenopausal(true);
        }
        Double falls = c.get("fallsLast12Months");
        if (falls != null) {
            b.fallsLast12Months((int) Math.round(falls));
        }
        ParsedRecord parsed;
        try {
            parsed = new ParsedRecord.Valid(b.build(), source);
        } catch (InvalidRecordException e) {
            parsed = new ParsedRecord.Invalid(id == null ? source : id, source, e.errors());
        }
        return new Result(parsed, new FhirMapping(id == null ? source : id, c.sources, c.unrecognized));
    }

    private static LocalDate date(BaseDateTimeType d) {
        if (d == null || d.getValueAsString() == null || d.getValueAsString().length() < 10) {
            return d != null && d.getValueAsString() != null && d.getValueAsString().length() == 4
                    ? LocalDate.of(Integer.parseInt(d.getValueAsString()), 1, 1) : null;
        }
        return LocalDate.parse(d.getValueAsString().substring(0, 10));
    }

    private static LocalDate start(Period p) {
        return p == null || !p.hasStart() ? null : date(p.getStartElement());
    }

    private static LocalDate end(Period p) {
        return p == null || !p.hasEnd() ? null : date(p.getEndElement());
    }

    private static String ref(Resource r, CodeableConcept cc, LocalDate date) {
        Coding c = cc.getCodingFirstRep();
        return r.fhirType() + "/" + FhirSources.idOf(r) + " " + c.getCode() + (date == null ? "" : " " + date);
    }

    private void observation(Observation o, Collector c) {
        if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR
                || o.getStatus() == Observation.ObservationStatus.CANCELLED) {
            return;
        }
        LocalDate date = o.hasEffectiveDateTimeType() ? date(o.getEffectiveDateTimeType())
                : o.hasEffectivePeriod() ? start(o.getEffectivePeriod())
                : o.hasIssuedElement() ? date(o.getIssuedElement()) : null;
        boolean known = false;
        for (Coding code : o.getCode().getCoding()) {
            Terminology.FhirCode obs = t.fhirCode("observation", code.getSystem(), code.getCode());
            Terminology.FhirCode dxa = t.fhirCode("dxa", code.getSystem(), code.getCode());
            Terminology.FhirCode flag = t.fhirCode("flag", code.getSystem(), code.getCode());
            String src = ref(o, o.getCode(), date);
            if (dxa != null && date != null) {
                c.offer("lastDxaDate", date, date, src);
                known = true;
            }
            if (flag != null) {
                if (date == null || !date.isAfter(asOf)) {
                    setFlag(flag.field(), c, src);
                }
                known = true;
            }
            if (obs == null) {
                continue;
            }
            known = true;
            if (obs.field().equals("smoking")) {
                if (o.hasValueCodeableConcept()) {
                    for (Coding v : o.getValueCodeableConcept().getCoding()) {
                        Terminology.FhirCode ans = t.fhirCode("smoking", v.getSystem(), v.getCode());
                        if (ans != null) {
                            c.offer("smoking", Smoking.fromCode(ans.value()), date, src + " = " + v.getDisplay());
                        }
                    }
                }
                continue;
            }
            if (o.hasValueQuantity() && o.getValueQuantity().hasValue()) {
                Double v = convert(obs.field(), o.getValueQuantity());
                if (v != null) {
                    c.offer(obs.field(), v, date, src + " = " + o.getValueQuantity().getValue().toPlainString()
                            + " " + unit(o.getValueQuantity()));
                }
            }
        }
        if (o.hasValueCodeableConcept() && (date == null || !date.isAfter(asOf))) {
            for (Coding v : o.getValueCodeableConcept().getCoding()) {
                Terminology.FhirCode flag = t.fhirCode("flag", v.getSystem(), v.getCode());
                if (flag != null) {
                    setFlag(flag.field(), c, ref(o, o.getCode(), date) + " = " + v.getCode());
                    known = true;
                }
            }
        }
        if (!known) {
            c.unknown("Observation", o.getCode());
        }
    }

    private static String unit(Quantity q) {
        return q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : "";
    }

    /** Unit conversions into the record's units; {@code null} for a unit we cannot convert. */
    private static Double convert(String field, Quantity q) {
        double v = q.getValue().doubleValue();
        String u = unit(q).toLowerCase(Locale.ROOT);
        return switch (field) {
            case "serum25OHDNgPerMl" -> u.contains("nmol") ? v / 2.5 : u.isEmpty() || u.contains("ng/ml") ? v : null;
            case "heightCm" -> u.equals("m") ? v * 100 : u.contains("in") ? v * 2.54 : u.isEmpty() || u.equals("cm") ? v : null;
            case "weightKg" -> u.contains("lb") ? v * 0.45359237 : u.equals("g") ? v / 1000 : u.isEmpty() || u.equals("kg") ? v : null;
            default -> v;
        };
    }

    private void setFlag(String field, Collector c, String src) {
        if (field.equals("parentalHipFracture")) {
            c.parentalHip = true;
        } else if (field.equals("postmenopausal")) {
            c.postmenopausal = true;
        }
        c.used(field, src);
    }

    private void condition(Condition cond, LocalDate birth, Collector c) {
        if (cond.hasVerificationStatus()) {
            String vs = cond.getVerificationStatus().getCodingFirstRep().getCode();
            if ("refuted".equals(vs) || "entered-in-error".equals(vs)) {
                return;
            }
        }
        LocalDate onset = cond.hasOnsetDateTimeType() ? date(cond.getOnsetDateTimeType())
                : cond.hasOnsetPeriod() ? start(cond.getOnsetPeriod())
                : cond.hasRecordedDateElement() ? date(cond.getRecordedDateElement()) : null;
        boolean known = false;
        for (Coding code : cond.getCode().getCoding()) {
            String src = ref(cond, cond.getCode(), onset);
            String key = t.conditionKey(code.getSystem(), code.getCode());
            if (key != null && !known) {
                c.conditions.add(ConditionEntry.of(key, null, null, onset));
                c.used("conditions", src + " -> " + key);
                known = true;
            }
            Terminology.FhirCode fracture = t.fhirCode("fracture", code.getSystem(), code.getCode());
            if (fracture != null) {
                known = true;
                fracture(fracture.value(), birth, onset, c, src);
            }
            Terminology.FhirCode flag = t.fhirCode("flag", code.getSystem(), code.getCode());
            if (flag != null && (onset == null || !onset.isAfter(asOf))) {
                known = true;
                setFlag(flag.field(), c, src);
            }
        }
        if (!known) {
            c.unknown("Condition", cond.getCode());
        }
    }

    /** Fracture policy (terminology/fracture-sites.csv): the site and the age at onset decide what it means. */
    private void fracture(String site, LocalDate birth, LocalDate onset, Collector c, String src) {
        if (onset != null && onset.isAfter(asOf)) {
            return;
        }
        Terminology.FractureSite meaning = t.fractureSite(site);
        Integer age = birth == null || onset == null ? null : java.time.Period.between(birth, onset).getYears();
        if (meaning == null || age == null) {
            return;
        }
        if (meaning.fragilityFromAge() != null && age >= meaning.fragilityFromAge()) {
            c.fragility = true;
            c.used("fragilityFracture", src);
        }
        if (meaning.flag() != null && meaning.flagFromAge() != null && age >= meaning.flagFromAge()) {
            if (meaning.flag().equals("hipFracture")) {
                c.hip = true;
            } else if (meaning.flag().equals("vertebralFracture")) {
                c.vertebral = true;
            }
            c.used(meaning.flag(), src);
        }
    }

    private void procedure(Procedure p, Collector c) {
        if (p.getStatus() == Procedure.ProcedureStatus.NOTDONE || p.getStatus() == Procedure.ProcedureStatus.ENTEREDINERROR) {
            return;
        }
        LocalDate date = p.hasPerformedDateTimeType() ? date(p.getPerformedDateTimeType())
                : p.hasPerformedPeriod() ? start(p.getPerformedPeriod()) : null;
        boolean known = false;
        for (Coding code : p.getCode().getCoding()) {
            String src = ref(p, p.getCode(), date);
            if (t.fhirCode("dxa", code.getSystem(), code.getCode()) != null && date != null) {
                c.offer("lastDxaDate", date, date, src);
                known = true;
            }
            String key = t.conditionKey(code.getSystem(), code.getCode());
            if (key != null && !known) {
                c.conditions.add(ConditionEntry.of(key, null, null, date));
                c.used("conditions", src + " -> " + key);
                known = true;
            }
            Terminology.FhirCode side = t.fhirCode("oophorectomy", code.getSystem(), code.getCode());
            if (side != null && !known) {
                known = true;
                oophorectomy(side.value().equals("body-site") ? bodySite(p) : side.value(), date, c, src);
            }
        }
        if (!known) {
            c.unknown("Procedure", p.getCode());
        }
    }

    private String bodySite(Procedure p) {
        for (CodeableConcept site : p.getBodySite()) {
            for (Coding code : site.getCoding()) {
                Terminology.FhirCode l = t.fhirCode("laterality", code.getSystem(), code.getCode());
                if (l != null) {
                    return l.value();
                }
            }
        }
        return null;
    }

    /** A left and a right oophorectomy on or before the assessment date make a bilateral oophorectomy. */
    private void oophorectomy(String side, LocalDate date, Collector c, String src) {
        if (side == null || (date != null && date.isAfter(asOf))) {
            return;
        }
        if (side.equals("left")) {
            c.leftOophorectomy = date == null ? LocalDate.MIN : date;
        } else if (side.equals("right")) {
            c.rightOophorectomy = date == null ? LocalDate.MIN : date;
        }
        c.used("conditions", src + " (" + side + " oophorectomy)");
        if (c.leftOophorectomy != null && c.rightOophorectomy != null) {
            LocalDate later = c.leftOophorectomy.isAfter(c.rightOophorectomy) ? c.leftOophorectomy : c.rightOophorectomy;
            if (c.conditions.stream().noneMatch(x -> "bilateral-oophorectomy".equals(x.key()))) {
                c.conditions.add(ConditionEntry.of("bilateral-oophorectomy", null, null,
                        later.equals(LocalDate.MIN) ? null : later));
            }
        }
    }

    private void medicationRequest(MedicationRequest m, Collector c) {
        MedicationRequest.MedicationRequestStatus st = m.getStatus();
        if (st == null || st == MedicationRequest.MedicationRequestStatus.CANCELLED
                || st == MedicationRequest.MedicationRequestStatus.ENTEREDINERROR
                || st == MedicationRequest.MedicationRequestStatus.DRAFT) {
            return;
        }
        if (!m.hasMedicationCodeableConcept()) {
            c.unrecognized.merge("MedicationRequest (medication by reference)", 1, Integer::sum);
            return;
        }
        Dosage dosage = m.getDosageInstructionFirstRep();
        Period bounds = dosage.getTiming().getRepeat().hasBoundsPeriod() ? dosage.getTiming().getRepeat().getBoundsPeriod() : null;
        LocalDate start = bounds != null && bounds.hasStart() ? start(bounds)
                : m.hasAuthoredOnElement() ? date(m.getAuthoredOnElement()) : null;
        LocalDate end = end(bounds);
        boolean active = st == MedicationRequest.MedicationRequestStatus.ACTIVE
                || st == MedicationRequest.MedicationRequestStatus.ONHOLD;
        if (!active && end == null) {
            end = start;   // completed or stopped with no end date: taken as over, with unknown duration
        }
        medication(m, m.getMedicationCodeableConcept(), dosage, start, end, c);
    }

    private void medicationStatement(MedicationStatement m, Collector c) {
        if (m.getStatus() == MedicationStatement.MedicationStatementStatus.ENTEREDINERROR
                || m.getStatus() == MedicationStatement.MedicationStatementStatus.NOTTAKEN) {
            return;
        }
        if (!m.hasMedicationCodeableConcept()) {
            c.unrecognized.merge("MedicationStatement (medication by reference)", 1, Integer::sum);
            return;
        }
        LocalDate start = m.hasEffectivePeriod() ? start(m.getEffectivePeriod())
                : m.hasEffectiveDateTimeType() ? date(m.getEffectiveDateTimeType()) : null;
        LocalDate end = m.hasEffectivePeriod() ? end(m.getEffectivePeriod()) : null;
        if (m.getStatus() == MedicationStatement.MedicationStatementStatus.COMPLETED && end == null) {
            end = start;
        }
        medication(m, m.getMedicationCodeableConcept(), m.getDosageFirstRep(), start, end, c);
    }

    private void medication(Resource r, CodeableConcept cc, Dosage dosage, LocalDate start, LocalDate end, Collector c) {
        Coding coding = cc.getCodingFirstRep();
        String display = coding.hasDisplay() ? coding.getDisplay() : cc.getText();
        String cls = null;
        for (Coding code : cc.getCoding()) {
            cls = t.medicationClass(display, code.getSystem(), code.getCode());
            if (cls != null) {
                break;
            }
        }
        if (cls == null && cc.getCoding().isEmpty()) {
            cls = t.medicationClass(cc.getText(), null, null);
        }
        String route = dosage.hasRoute() ? (dosage.getRoute().hasText() ? dosage.getRoute().getText()
                : dosage.getRoute().getCodingFirstRep().getDisplay()) : t.routeIn(display);
        Double dose = dosePerDay(dosage, display);
        Double equivalent = null;
        if (dose != null && "glucocorticoid".equals(cls)) {
            Double f = t.prednisoneFactor(display);
            equivalent = f == null ? null : dose * f;
            dose = null;
        }
        if (start != null && end != null && end.isBefore(start)) {
            end = start;
        }
        String name = display == null ? coding.getCode() : display;
        Medication med = Medication.builder().name(name).doseMgPerDay(dose).prednisoneEquivalentMgPerDay(equivalent)
                .route(route == null ? null : route.toLowerCase(Locale.ROOT)).system(coding.getSystem())
                .code(coding.getCode()).start(start).end(end).build();
        if (start != null && start.isAfter(asOf)) {
            return;
        }
        c.medications.add(med);
        String src = ref(r, cc, start) + " " + name + (cls == null ? "" : " -> " + cls);
        c.used("medications", src);
        if (cls == null) {
            c.unrecognized.merge(r.fhirType() + " " + coding.getSystem() + "|" + coding.getCode() + " " + display
                    + " (no bone-relevant class)", 1, Integer::sum);
        }
    }

    /** mg per day from the dose quantity and timing, where the data allow; else {@code null}. */
    private static Double dosePerDay(Dosage dosage, String display) {
        if (!dosage.hasDoseAndRate() || !dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            return null;
        }
        Quantity q = dosage.getDoseAndRateFirstRep().getDoseQuantity();
        if (!q.hasValue()) {
            return null;
        }
        double amount = q.getValue().doubleValue();
        String u = unit(q).toLowerCase(Locale.ROOT);
        double mg;
        if (u.equals("mg")) {
            mg = amount;
        } else if (display != null && !display.contains("/")) {
            Matcher s = STRENGTH_MG.matcher(display);
            if (!s.find()) {
                return null;
            }
            mg = amount * Double.parseDouble(s.group(1));
        } else {
            return null;
        }
        Timing.TimingRepeatComponent rep = dosage.getTiming().getRepeat();
        if (!rep.hasFrequency() || !rep.hasPeriod()) {
            return null;
        }
        double perDay = switch (rep.hasPeriodUnit() ? rep.getPeriodUnit().toCode() : "d") {
            case "h" -> 24.0 / rep.getPeriod().doubleValue();
            case "d" -> 1.0 / rep.getPeriod().doubleValue();
            case "wk" -> 1.0 / (7 * rep.getPeriod().doubleValue());
            default -> Double.NaN;
        };
        if (Double.isNaN(perDay)) {
            return null;
        }
        return Math.round(mg * rep.getFrequency() * perDay * 100) / 100.0;
    }

    private void familyHistory(FamilyMemberHistory f, Collector c) {
        String rel = f.getRelationship().getCodingFirstRep().getCode();
        boolean parent = rel != null && (rel.equals("MTH") || rel.equals("FTH") || rel.equals("PRN")
                || rel.equals("NMTH") || rel.equals("NFTH"));
        for (FamilyMemberHistory.FamilyMemberHistoryConditionComponent fc : f.getCondition()) {
            for (Coding code : fc.getCode().getCoding()) {
                Terminology.FhirCode fr = t.fhirCode("fracture", code.getSystem(), code.getCode());
                if (parent && fr != null && fr.value().equals("hip")) {
                    c.parentalHip = true;
                    c.used("parentalHipFracture", ref(f, fc.getCode(), null));
                }
            }
        }
    }

    /**
     * A record for a resource group that has no Patient.
     *
     * @param source where it came from
     * @return an invalid result
     */
    public static Result missingPatient(String source) {
        return new Result(new ParsedRecord.Invalid(source, source, List.of(new RecordError("Patient", null,
                "no Patient resource for these resources"))), new FhirMapping(source, Map.of(), Map.of()));
    }
}
