package org.osteocds.internal.fhir;

import static org.osteocds.internal.fhir.FhirJson.codings;
import static org.osteocds.internal.fhir.FhirJson.convert;
import static org.osteocds.internal.fhir.FhirJson.date;
import static org.osteocds.internal.fhir.FhirJson.first;
import static org.osteocds.internal.fhir.FhirJson.firstCoding;
import static org.osteocds.internal.fhir.FhirJson.has;
import static org.osteocds.internal.fhir.FhirJson.name;
import static org.osteocds.internal.fhir.FhirJson.number;
import static org.osteocds.internal.fhir.FhirJson.object;
import static org.osteocds.internal.fhir.FhirJson.obj;
import static org.osteocds.internal.fhir.FhirJson.period;
import static org.osteocds.internal.fhir.FhirJson.ref;
import static org.osteocds.internal.fhir.FhirJson.start;
import static org.osteocds.internal.fhir.FhirJson.string;
import static org.osteocds.internal.fhir.FhirJson.text;
import static org.osteocds.internal.fhir.FhirJson.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.osteocds.internal.knowledge.Terminology;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordSource;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * Maps one patient's FHIR R4 resources (JSON trees) to a {@link PatientRecord}, driven by the terminology tables.
 * Policies (docs/fhir.md): only data dated on or before {@code asOf} counts; for each field the latest value as of
 * {@code asOf} wins; conditions and procedures keep their onset (the engine ignores those after {@code asOf});
 * fractures count as fragility fractures by site and age at onset (the fracture rows of {@code fhir-codes.csv}).
 * A value that breaks its FHIR datatype makes this patient's record invalid, naming the resource and element.
 */
public final class FhirMapper {
    private final Terminology t;
    private final LocalDate asOf;
    private final FhirMedicines medicines;

    /**
     * @param terminology the tables
     * @param asOf        the assessment date
     */
    public FhirMapper(Terminology terminology, LocalDate asOf) {
        this.t = terminology;
        this.asOf = asOf;
        this.medicines = new FhirMedicines(terminology, asOf);
    }

    /**
     * The mapped record and how it was mapped.
     *
     * @param record  the parsed record (invalid when the data break the record contract)
     * @param mapping the mapping report
     */
    public record Result(ParsedRecord record, FhirMapping mapping) {
    }

    /**
     * @param patient   the Patient resource
     * @param resources the patient's other resources
     * @param source    where the patient came from, for messages
     * @return the record and the mapping report
     */
    Result map(FhirResource patient, List<FhirResource> resources, RecordSource source) {
        String id = patient.id();
        if (id == null || id.isBlank()) {
            id = text(first(patient.json(), "identifier"), "value");
        }
        String label = id == null ? source.toString() : id;
        FhirCollector c = new FhirCollector(asOf);
        try {
            return build(patient, resources, source, id, c);
        } catch (FhirDataException e) {
            return new Result(new ParsedRecord.Invalid(label, source, List.of(e.error())),
                    new FhirMapping(label, c.sources, c.unrecognized));
        }
    }

    private Result build(FhirResource patient, List<FhirResource> resources, RecordSource source, String id,
                         FhirCollector c) {
        JsonNode p = patient.json();
        LocalDate birth = date(p, "birthDate", patient, "birthDate");
        for (FhirResource r : resources) {
            switch (String.valueOf(r.type())) {
                case "Observation" -> observation(r, c);
                case "Condition" -> condition(r, birth, c);
                case "Procedure" -> procedure(r, c);
                case "MedicationRequest" -> medicines.request(r, c);
                case "MedicationStatement" -> medicines.statement(r, c);
                case "MedicationAdministration" -> medicines.administration(r, c);
                case "FamilyMemberHistory" -> familyHistory(r, c);
                default -> { }
            }
        }
        medicines.administered(c);
        String gender = string(p, "gender", patient, "gender", "not a FHIR gender (male, female, other, unknown)");
        if (gender != null && !gender.matches("male|female|other|unknown")) {
            throw new FhirDataException(patient, "gender", gender, "not a FHIR gender (male, female, other, unknown)");
        }
        Sex sex = "female".equals(gender) ? Sex.FEMALE : "male".equals(gender) ? Sex.MALE : null;
        String self = "Patient/" + id;
        if (birth != null) {
            c.used("birthDate", self);
        }
        if (sex != null) {
            c.used("sex", self);
        }
        Boolean deceased = null;
        LocalDate deceasedDate = null;
        String died = string(p, "deceasedDateTime", patient, "deceasedDateTime", "not a FHIR date");
        if (died != null) {
            // a death dated only by year or month counts from the first day of it
            deceasedDate = died.length() == 7 ? date(died + "-01", patient, "deceasedDateTime")
                    : date(died, patient, "deceasedDateTime");
            deceased = true;
            c.used("deceasedDate", self + " deceasedDateTime " + died);
        } else if (p.hasNonNull("deceasedBoolean")) {
            if (!p.get("deceasedBoolean").isBoolean()) {
                throw new FhirDataException(patient, "deceasedBoolean", p.get("deceasedBoolean").asText(),
                        "not a boolean (true or false)");
            }
            deceased = p.get("deceasedBoolean").booleanValue();
            c.used("deceased", self + " deceasedBoolean " + deceased);
        }
        Double drinksPerDay = c.get("alcoholDrinksPerDay");
        PatientRecord.Builder b = PatientRecord.builder(id).name(name(p)).birthDate(birth).sex(sex)
                .deceased(deceased).deceasedDate(deceasedDate)
                .tScore(c.<Double>get("tScore")).tScoreLumbarSpine(c.<Double>get("tScoreLumbarSpine"))
                .tScoreFemoralNeck(c.<Double>get("tScoreFemoralNeck")).zScore(c.<Double>get("zScore"))
                .fraxMajorPercent(c.<Double>get("fraxMajorPercent")).fraxHipPercent(c.<Double>get("fraxHipPercent"))
                .lastDxaDate(c.get("lastDxaDate"))
                .serum25OHDNgPerMl(c.<Double>get("serum25OHDNgPerMl"))
                .alcoholDrinksPerWeek(drinksPerDay == null ? null : drinksPerDay * 7)
                .bmi(c.<Double>get("bmi")).heightCm(c.<Double>get("heightCm")).weightKg(c.<Double>get("weightKg"))
                .smoking(c.get("smoking"))
                .moderateActivityMinutesPerWeek(c.<Double>get("moderateActivityMinutesPerWeek"))
                .activityMinutesPerDay(c.<Double>get("activityMinutesPerDay"))
                .strengthDaysPerWeek(c.<Double>get("strengthDaysPerWeek"))
                .medications(c.medications).conditions(c.conditions);
        if (c.fragility) {
            b.fragilityFracture(true);
        }
        if (!c.fractureSites.isEmpty()) {
            b.fractureSites(List.copyOf(c.fractureSites));
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
            parsed = new ParsedRecord.Invalid(id == null ? source.toString() : id, source, e.errors());
        }
        return new Result(parsed, new FhirMapping(id == null ? source.toString() : id, c.sources, c.unrecognized));
    }

    private void observation(FhirResource r, FhirCollector c) {
        JsonNode o = r.json();
        String status = text(o, "status");
        if ("entered-in-error".equals(status) || "cancelled".equals(status)) {
            return;
        }
        LocalDate date = has(o, "effectiveDateTime") ? date(o, "effectiveDateTime", r, "effectiveDateTime")
                : has(o, "effectivePeriod") ? start(period(o, "effectivePeriod", r), r, "effectivePeriod")
                : has(o, "issued") ? date(o, "issued", r, "issued") : null;
        JsonNode code = obj(o, "code");
        JsonNode valueConcept = obj(o, "valueCodeableConcept");
        boolean known = false;
        for (JsonNode coding : codings(code)) {
            String system = text(coding, "system");
            String cd = text(coding, "code");
            Terminology.FhirCode field = t.fhirCode("observation", system, cd);
            Terminology.FhirCode dxa = t.fhirCode("dxa", system, cd);
            Terminology.FhirCode flag = t.fhirCode("flag", system, cd);
            String src = ref(r, code, date);
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
            if (field == null) {
                continue;
            }
            known = true;
            if (field.field().equals("smoking")) {
                for (JsonNode v : codings(valueConcept)) {
                    Terminology.FhirCode ans = t.fhirCode("smoking", text(v, "system"), text(v, "code"));
                    if (ans != null) {
                        c.offer("smoking", Smoking.fromCode(ans.value()), date, src + " = " + text(v, "display"));
                    }
                }
                continue;
            }
            JsonNode valueQuantity = object(o, "valueQuantity", r, "Quantity");
            JsonNode value = number(valueQuantity, "value", r, "valueQuantity.value");
            if (value != null) {
                Double v = convert(field.field(), value.doubleValue(), unit(valueQuantity));
                if (v == null) {
                    throw new FhirDataException(r, has(valueQuantity, "code") ? "valueQuantity.code"
                            : "valueQuantity.unit", unit(valueQuantity), "not a unit the mapping converts to "
                            + field.field());
                }
                String shown = src + " = " + value.decimalValue().toPlainString() + " " + unit(valueQuantity);
                if (field.field().equals("zScore")) {
                    c.offerLowest("zScore", v, date, shown);
                } else {
                    c.offer(field.field(), v, date, shown);
                }
            }
        }
        if (has(o, "valueCodeableConcept") && (date == null || !date.isAfter(asOf))) {
            for (JsonNode v : codings(valueConcept)) {
                Terminology.FhirCode flag = t.fhirCode("flag", text(v, "system"), text(v, "code"));
                if (flag != null) {
                    setFlag(flag.field(), c, ref(r, code, date) + " = " + text(v, "code"));
                    known = true;
                }
            }
        }
        if (!known) {
            c.unknown("Observation", code);
        }
    }

    private static void setFlag(String field, FhirCollector c, String src) {
        if (field.equals("parentalHipFracture")) {
            c.parentalHip = true;
        } else if (field.equals("postmenopausal")) {
            c.postmenopausal = true;
        }
        c.used(field, src);
    }

    private void condition(FhirResource r, LocalDate birth, FhirCollector c) {
        JsonNode cond = r.json();
        String vs = text(firstCoding(obj(cond, "verificationStatus")), "code");
        if ("refuted".equals(vs) || "entered-in-error".equals(vs)) {
            return;
        }
        LocalDate onset = has(cond, "onsetDateTime") ? date(cond, "onsetDateTime", r, "onsetDateTime")
                : has(cond, "onsetPeriod") ? start(period(cond, "onsetPeriod", r), r, "onsetPeriod")
                : has(cond, "recordedDate") ? date(cond, "recordedDate", r, "recordedDate") : null;
        JsonNode code = obj(cond, "code");
        boolean known = false;
        for (JsonNode coding : codings(code)) {
            String system = text(coding, "system");
            String cd = text(coding, "code");
            String src = ref(r, code, onset);
            String key = t.conditionKey(system, cd);
            if (key != null && !known) {
                c.conditions.add(ConditionEntry.of(key, onset));
                c.used("conditions", src + " -> " + key);
                known = true;
            }
            Terminology.FhirCode fracture = t.fhirCode("fracture", system, cd);
            if (fracture != null) {
                known = true;
                fracture(fracture.value(), birth, onset, c, src);
            }
            Terminology.FhirCode flag = t.fhirCode("flag", system, cd);
            if (flag != null && (onset == null || !onset.isAfter(asOf))) {
                known = true;
                setFlag(flag.field(), c, src);
            }
        }
        if (!known) {
            c.unknown("Condition", code);
        }
    }

    /** Fracture policy (terminology/fracture-sites.csv): the site and the age at onset decide what it means. */
    private void fracture(String site, LocalDate birth, LocalDate onset, FhirCollector c, String src) {
        if (onset != null && onset.isAfter(asOf)) {
            return;
        }
        Terminology.FractureMeaning meaning = t.fractureSite(site);
        Integer age = birth == null || onset == null ? null : java.time.Period.between(birth, onset).getYears();
        if (meaning == null || age == null) {
            return;
        }
        if (meaning.fragilityFromAge() != null && age >= meaning.fragilityFromAge()) {
            c.fragility = true;
            c.used("fragilityFracture", src);
            if (meaning.recordSite() != null) {
                c.fractureSites.add(meaning.recordSite());
                c.used("fractureSites", src);
            }
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

    private void procedure(FhirResource r, FhirCollector c) {
        JsonNode p = r.json();
        String status = text(p, "status");
        if ("not-done".equals(status) || "entered-in-error".equals(status)) {
            return;
        }
        LocalDate date = has(p, "performedDateTime") ? date(p, "performedDateTime", r, "performedDateTime")
                : has(p, "performedPeriod") ? start(period(p, "performedPeriod", r), r, "performedPeriod") : null;
        JsonNode code = obj(p, "code");
        boolean known = false;
        for (JsonNode coding : codings(code)) {
            String system = text(coding, "system");
            String cd = text(coding, "code");
            String src = ref(r, code, date);
            if (t.fhirCode("dxa", system, cd) != null && date != null) {
                c.offer("lastDxaDate", date, date, src);
                known = true;
            }
            String key = t.conditionKey(system, cd);
            if (key != null && !known) {
                c.conditions.add(ConditionEntry.of(key, date));
                c.used("conditions", src + " -> " + key);
                known = true;
            }
            Terminology.FhirCode side = t.fhirCode("oophorectomy", system, cd);
            if (side != null && !known) {
                known = true;
                c.oophorectomy(side.value().equals("body-site") ? bodySite(p) : side.value(), date, src);
            }
        }
        if (!known) {
            c.unknown("Procedure", code);
        }
    }

    private String bodySite(JsonNode procedure) {
        for (JsonNode site : procedure.path("bodySite")) {
            for (JsonNode coding : codings(site)) {
                Terminology.FhirCode l = t.fhirCode("laterality", text(coding, "system"), text(coding, "code"));
                if (l != null) {
                    return l.value();
                }
            }
        }
        return null;
    }

    private void familyHistory(FhirResource r, FhirCollector c) {
        JsonNode f = r.json();
        String rel = text(firstCoding(obj(f, "relationship")), "code");
        boolean parent = rel != null && (rel.equals("MTH") || rel.equals("FTH") || rel.equals("PRN")
                || rel.equals("NMTH") || rel.equals("NFTH"));
        for (JsonNode fc : f.path("condition")) {
            JsonNode code = obj(fc, "code");
            for (JsonNode coding : codings(code)) {
                Terminology.FhirCode fr = t.fhirCode("fracture", text(coding, "system"), text(coding, "code"));
                if (parent && fr != null && fr.value().equals("hip")) {
                    c.parentalHip = true;
                    c.used("parentalHipFracture", ref(r, code, null));
                }
            }
        }
    }
}
