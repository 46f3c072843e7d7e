package org.osteocds.internal.fhir;

import static org.osteocds.internal.fhir.FhirJson.codings;
import static org.osteocds.internal.fhir.FhirJson.date;
import static org.osteocds.internal.fhir.FhirJson.first;
import static org.osteocds.internal.fhir.FhirJson.firstCoding;
import static org.osteocds.internal.fhir.FhirJson.has;
import static org.osteocds.internal.fhir.FhirJson.obj;
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
        JsonNode bounds = has(repeat, "boundsPeriod") ? obj(repeat, "boundsPeriod") : null;
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
        LocalDate start = has(m, "effectivePeriod") ? start(obj(m, "effectivePeriod"), r, "effectivePeriod")
                : has(m, "effectiveDateTime") ? date(m, "effectiveDateTime", r, "effectiveDateTime") : null;
        LocalDate end = has(m, "effectivePeriod") ? end(obj(m, "effectivePeriod"), r, "effectivePeriod") : null;
        if ("completed".equals(st) && end == null) {
            end = start;
        }
        medication(r, obj(m, "medicationCodeableConcept"), first(m, "dosage"), start, end, c);
    }

    private void medication(FhirResource r, JsonNode cc, JsonNode dosage, LocalDate start, LocalDate end,
                            FhirCollector c) {
        JsonNode coding = firstCoding(cc);
        String display = has(coding, "display") ? text(coding, "display") : text(cc, "text");
        String cls = null;
        List<JsonNode> codings = codings(cc);
        for (JsonNode code : codings) {
            cls = t.medicationClass(display, text(code, "system"), text(code, "code"));
            if (cls != null) {
                break;
            }
        }
        if (cls == null && codings.isEmpty()) {
            cls = t.medicationClass(text(cc, "text"), null, null);
        }
        JsonNode routeCc = obj(dosage, "route");
        String route = has(dosage, "route") ? (has(routeCc, "text") ? text(routeCc, "text")
                : text(firstCoding(routeCc), "display")) : t.routeIn(display);
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
        String code = text(coding, "code");
        String name = display == null ? code : display;
        if (start != null && start.isAfter(asOf)) {
            return;
        }
        c.medications.add(Medication.builder().name(name).doseMgPerDay(dose).prednisoneEquivalentMgPerDay(equivalent)
                .route(route == null ? null : route.toLowerCase(Locale.ROOT)).system(text(coding, "system"))
                .code(code).start(start).end(end).build());
        c.used("medications", ref(r, cc, start) + " " + name + (cls == null ? "" : " -> " + cls));
        if (cls == null) {
            c.unrecognized.merge(r.type() + " " + text(coding, "system") + "|" + code + " " + display
                    + " (no bone-relevant class)", 1, Integer::sum);
        }
    }

    /** mg per day from the dose quantity and timing, where the data allow; else {@code null}. */
    private static Double dosePerDay(JsonNode dosage, String display) {
        JsonNode q = obj(first(dosage, "doseAndRate"), "doseQuantity");
        JsonNode value = q.get("value");
        if (value == null || !value.isNumber()) {
            return null;
        }
        double amount = value.doubleValue();
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
        JsonNode rep = obj(obj(dosage, "timing"), "repeat");
        JsonNode frequency = rep.get("frequency");
        JsonNode period = rep.get("period");
        if (frequency == null || !frequency.isNumber() || period == null || !period.isNumber()) {
            return null;
        }
        String unitCode = text(rep, "periodUnit");
        double perDay = switch (unitCode == null ? "d" : unitCode) {
            case "h" -> 24.0 / period.doubleValue();
            case "d" -> 1.0 / period.doubleValue();
            case "wk" -> 1.0 / (7 * period.doubleValue());
            default -> Double.NaN;
        };
        if (Double.isNaN(perDay)) {
            return null;
        }
        return Math.round(mg * frequency.intValue() * perDay * 100) / 100.0;
    }
}
