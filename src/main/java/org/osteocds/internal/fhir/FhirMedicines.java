package org.osteocds.internal.fhir;

import static org.osteocds.internal.fhir.FhirJson.codings;
import static org.osteocds.internal.fhir.FhirJson.date;
import static org.osteocds.internal.fhir.FhirJson.first;
import static org.osteocds.internal.fhir.FhirJson.firstCoding;
import static org.osteocds.internal.fhir.FhirJson.has;
import static org.osteocds.internal.fhir.FhirJson.number;
import static org.osteocds.internal.fhir.FhirJson.obj;
import static org.osteocds.internal.fhir.FhirJson.period;
import static org.osteocds.internal.fhir.FhirJson.text;
import static org.osteocds.internal.fhir.FhirJson.end;
import static org.osteocds.internal.fhir.FhirJson.ref;
import static org.osteocds.internal.fhir.FhirJson.start;
import static org.osteocds.internal.fhir.FhirJson.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osteocds.internal.knowledge.Medicines;
import org.osteocds.internal.knowledge.Terminology;
import org.osteocds.model.Medication;

/**
 * MedicationRequests and MedicationStatements of one patient to the record's medicines: the medicine as coded (its
 * class comes from the terminology tables), the route, the dose per day where the dosage allows, and the dates of
 * use; statuses that mean it was never taken are skipped.
 */
final class FhirMedicines {
    private static final Pattern STRENGTH_MG = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*MG\\b(?!\\s*/)",
            Pattern.CASE_INSENSITIVE);

    private final Terminology t;
    private final LocalDate asOf;

    FhirMedicines(Terminology terminology, LocalDate asOf) {
        this.t = terminology;
        this.asOf = asOf;
    }

    void request(FhirResource r, FhirCollector c) {
        JsonNode m = r.json();
        String st = text(m, "status");
        if (st == null || st.equals("cancelled") || st.equals("entered-in-error") || st.equals("draft")) {
            return;
        }
        if (!has(m, "medicationCodeableConcept")) {
            c.unrecognized.merge("MedicationRequest (medication by reference)", 1, Integer::sum);
            return;
        }
        JsonNode dosage = first(m, "dosageInstruction");
        JsonNode repeat = obj(obj(dosage, "timing"), "repeat");
        JsonNode bounds = has(repeat, "boundsPeriod") ? period(repeat, "boundsPeriod", r) : null;
        String element = "dosageInstruction.timing.repeat.boundsPeriod";
        LocalDate start = bounds != null && has(bounds, "start") ? start(bounds, r, element)
                : has(m, "authoredOn") ? date(m, "authoredOn", r, "authoredOn") : null;
        LocalDate end = bounds == null ? null : end(bounds, r, element);
        boolean active = st.equals("active") || st.equals("on-hold");
        if (!active && end == null) {
            end = start;   // completed or stopped with no end date: taken as over, with unknown duration
        }
        medication(r, obj(m, "medicationCodeableConcept"), dosage, start, end, c);
    }

    void statement(FhirResource r, FhirCollector c) {
        JsonNode m = r.json();
        String st = text(m, "status");
        if ("entered-in-error".equals(st) || "not-taken".equals(st)) {
            return;
        }
        if (!has(m, "medicationCodeableConcept")) {
            c.unrecognized.merge("MedicationStatement (medication by reference)", 1, Integer::sum);
            return;
        }
        LocalDate start = has(m, "effectivePeriod") ? start(period(m, "effectivePeriod", r), r, "effectivePeriod")
                : has(m, "effectiveDateTime") ? date(m, "effectiveDateTime", r, "effectiveDateTime") : null;
        LocalDate end = has(m, "effectivePeriod") ? end(period(m, "effectivePeriod", r), r, "effectivePeriod") : null;
        if ("completed".equals(st) && end == null) {
            end = start;
        }
        medication(r, obj(m, "medicationCodeableConcept"), first(m, "dosage"), start, end, c);
    }

    /**
     * A MedicationAdministration is one dose given (an infusion, an injection): the administrations of one medicine
     * become one medicine taken from the first to the last (its {@code end}, the last dose), with the amount of one
     * dose when recorded, so that the tables can tell how long it covers.
     */
    void administration(FhirResource r, FhirCollector c) {
        JsonNode m = r.json();
        String st = text(m, "status");
        if ("not-done".equals(st) || "entered-in-error".equals(st) || "stopped".equals(st) && !has(m, "effectiveDateTime")) {
            return;
        }
        if (!has(m, "medicationCodeableConcept")) {
            c.unrecognized.merge("MedicationAdministration (medication by reference)", 1, Integer::sum);
            return;
        }
        LocalDate given = has(m, "effectiveDateTime") ? date(m, "effectiveDateTime", r, "effectiveDateTime")
                : has(m, "effectivePeriod") ? start(period(m, "effectivePeriod", r), r, "effectivePeriod") : null;
        if (given == null || given.isAfter(asOf)) {
            return;
        }
        JsonNode cc = obj(m, "medicationCodeableConcept");
        JsonNode coding = firstCoding(cc);
        String key = text(coding, "system") + "|" + text(coding, "code") + "|" + text(cc, "text");
        JsonNode dose = obj(obj(m, "dosage"), "dose");
        JsonNode amount = number(dose, "value", r, "dosage.dose.value");
        Double doseMg = amount != null && "mg".equalsIgnoreCase(unit(dose)) ? amount.doubleValue() : null;
        JsonNode routeCc = obj(obj(m, "dosage"), "route");
        String route = has(routeCc, "text") ? text(routeCc, "text") : text(firstCoding(routeCc), "display");
        c.administered(key, r, cc, given, doseMg, route);
    }

    /** Adds the medicines of a patient's administrations, once all are collected. */
    void administered(FhirCollector c) {
        for (FhirCollector.Administered a : c.administrations()) {
            medication(a.first(), a.medicine(), null, a.firstGiven(), a.lastGiven(), a.doseMg(), a.route(), c);
        }
    }

    private void medication(FhirResource r, JsonNode cc, JsonNode dosage, LocalDate start, LocalDate end,
                            FhirCollector c) {
        JsonNode routeCc = obj(dosage, "route");
        String route = has(dosage, "route") ? (has(routeCc, "text") ? text(routeCc, "text")
                : text(firstCoding(routeCc), "display")) : null;
        medication(r, cc, dosage, start, end, null, route, c);
    }

    private void medication(FhirResource r, JsonNode cc, JsonNode dosage, LocalDate start, LocalDate end,
                            Double doseMg, String givenRoute, FhirCollector c) {
        JsonNode coding = firstCoding(cc);
        String display = has(coding, "display") ? text(coding, "display") : text(cc, "text");
        Medicines.Known known = null;
        List<JsonNode> codings = codings(cc);
        for (JsonNode code : codings) {
            known = t.medicines().find(display, text(code, "system"), text(code, "code"));
            if (known != null) {
                break;
            }
        }
        if (known == null && codings.isEmpty()) {
            known = t.medicines().find(text(cc, "text"), null, null);
        }
        String cls = known == null ? null : known.medClass();
        String route = givenRoute != null ? givenRoute : t.medicines().routeIn(display);
        Double perDose = doseMg != null ? doseMg : dosage == null ? null : mgPerDose(r, dosage, display);
        Double dose = dosage == null ? null : dosePerDay(r, dosage, perDose);
        if (start != null && end != null && end.isBefore(start)) {
            end = start;
        }
        String code = text(coding, "code");
        String name = display == null ? code : display;
        if (start != null && start.isAfter(asOf)) {
            return;
        }
        boolean interval = dose == null && perDose != null || dosage != null && isInterval(dosage);
        c.medications.add(Medication.builder().name(name).doseMgPerDay(dose).doseMg(interval ? perDose : null)
                .route(route == null ? null : route.toLowerCase(Locale.ROOT)).system(text(coding, "system"))
                .code(code).start(start).end(end).build());
        c.used("medications", ref(r, cc, start) + " " + name + (cls == null || cls.equals("none") ? "" : " -> " + cls));
        if (cls == null || cls.equals("none")) {
            c.unrecognized.merge(r.type() + " " + text(coding, "system") + "|" + code + " " + display
                    + " (no bone-relevant class)", 1, Integer::sum);
        }
    }

    /** The mg in one dose, from the dose quantity (in mg, or in units of a strength the description names). */
    private static Double mgPerDose(FhirResource r, JsonNode dosage, String display) {
        JsonNode q = obj(first(dosage, "doseAndRate"), "doseQuantity");
        JsonNode value = number(q, "value", r, "dosage.doseAndRate.doseQuantity.value");
        if (value == null) {
            return null;
        }
        double amount = value.doubleValue();
        String u = unit(q).toLowerCase(Locale.ROOT);
        if (u.equals("mg")) {
            return amount;
        }
        if (display != null && !display.contains("/")) {
            Matcher s = STRENGTH_MG.matcher(display);
            if (s.find()) {
                return amount * Double.parseDouble(s.group(1));
            }
        }
        return null;
    }

    /** Whether the timing gives doses a week or more apart (a weekly tablet, a 6-monthly injection). */
    private static boolean isInterval(JsonNode dosage) {
        JsonNode rep = obj(obj(dosage, "timing"), "repeat");
        String unitCode = text(rep, "periodUnit");
        return unitCode != null && (unitCode.equals("wk") || unitCode.equals("mo") || unitCode.equals("a"));
    }

    /** mg per day from the mg of one dose and the timing, for doses taken daily or more often; else {@code null}. */
    private static Double dosePerDay(FhirResource r, JsonNode dosage, Double mg) {
        if (mg == null || isInterval(dosage)) {
            return null;
        }
        JsonNode rep = obj(obj(dosage, "timing"), "repeat");
        JsonNode frequency = number(rep, "frequency", r, "timing.repeat.frequency");
        JsonNode period = number(rep, "period", r, "timing.repeat.period");
        if (frequency == null || period == null) {
            return null;
        }
        String unitCode = text(rep, "periodUnit");
        double perDay = switch (unitCode == null ? "d" : unitCode) {
            case "h" -> 24.0 / period.doubleValue();
            case "d" -> 1.0 / period.doubleValue();
            default -> Double.NaN;
        };
        if (Double.isNaN(perDay)) {
            return null;
        }
        return Math.round(mg * frequency.intValue() * perDay * 100) / 100.0;
    }
}
