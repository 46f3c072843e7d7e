package org.osteocds.bench;

import static org.osteocds.bench.PlainJson.date;
import static org.osteocds.bench.PlainJson.first;
import static org.osteocds.bench.PlainJson.text;
import static org.osteocds.bench.PlainJson.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-Java evaluation's reading of MedicationRequests, MedicationStatements and MedicationAdministrations into
 * {@link PlainFacts}: each medicine of the subset's classes ({@link PlainMedicineTables}) with its route, dose and
 * dates. The administrations of one medicine are joined into one.
 */
final class PlainMedicines {
    private static final Pattern STRENGTH_MG =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*MG\\b(?!\\s*/)", Pattern.CASE_INSENSITIVE);

    private PlainMedicines() {
    }

    /** A medicine as the record would hold it. */
    record Med(String medClass, String agent, String display, String route, Double dosePerDay, Double doseMg,
               LocalDate start, LocalDate end) {
    }

    /**
     * @param r a MedicationRequest
     * @param f the patient's facts, added to
     */
    static void request(JsonNode r, PlainFacts f) {
        String st = text(r, "status");
        if (st == null || st.equals("cancelled") || st.equals("entered-in-error") || st.equals("draft")
                || !r.has("medicationCodeableConcept")) {
            return;
        }
        JsonNode dosage = first(r.path("dosageInstruction"));
        JsonNode bounds = dosage.path("timing").path("repeat").path("boundsPeriod");
        LocalDate start = bounds.has("start") ? date(text(bounds, "start"))
                : r.has("authoredOn") ? date(text(r, "authoredOn")) : null;
        LocalDate end = bounds.isMissingNode() ? null : date(text(bounds, "end"));
        boolean active = st.equals("active") || st.equals("on-hold");
        if (!active && end == null) {
            end = start;
        }
        Med m = medicine(r.path("medicationCodeableConcept"), dosage, start, end, null, null);
        if (m != null) {
            f.meds.add(m);
        }
    }

    /**
     * @param r a MedicationStatement
     * @param f the patient's facts, added to
     */
    static void statement(JsonNode r, PlainFacts f) {
        String st = text(r, "status");
        if ("entered-in-error".equals(st) || "not-taken".equals(st) || !r.has("medicationCodeableConcept")) {
            return;
        }
        LocalDate start = r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "start"))
                : r.has("effectiveDateTime") ? date(text(r, "effectiveDateTime")) : null;
        LocalDate end = r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "end")) : null;
        if ("completed".equals(st) && end == null) {
            end = start;
        }
        Med m = medicine(r.path("medicationCodeableConcept"), first(r.path("dosage")), start, end, null,
                null);
        if (m != null) {
            f.meds.add(m);
        }
    }

    /**
     * Joins the administration to the earlier ones of the same medicine ({@link PlainFacts#administered}): first and
     * last day given, the last dose, the first route recorded.
     *
     * @param r a MedicationAdministration
     * @param f the patient's facts, added to
     */
    static void administration(JsonNode r, PlainFacts f) {
        String st = text(r, "status");
        if ("not-done".equals(st) || "entered-in-error".equals(st)
                || "stopped".equals(st) && !r.has("effectiveDateTime")
                || !r.has("medicationCodeableConcept")) {
            return;
        }
        LocalDate given = r.has("effectiveDateTime") ? date(text(r, "effectiveDateTime"))
                : r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "start")) : null;
        if (given == null || given.isAfter(f.asOf)) {
            return;
        }
        JsonNode cc = r.path("medicationCodeableConcept");
        JsonNode coding = first(cc.path("coding"));
        String key = text(coding, "system") + "|" + text(coding, "code") + "|" + text(cc, "text");
        JsonNode dose = r.path("dosage").path("dose");
        Double doseMg = dose.path("value").isNumber() && "mg".equalsIgnoreCase(unit(dose))
                ? dose.path("value").doubleValue() : null;
        JsonNode routeCc = r.path("dosage").path("route");
        String route = routeCc.has("text") ? text(routeCc, "text") : text(first(routeCc.path("coding")), "display");
        Med old = f.administered.get(key);
        Med now = medicine(cc, null, given, given, doseMg, route);
        if (now == null) {
            return;
        }
        if (old == null) {
            f.administered.put(key, now);
        } else {
            LocalDate firstGiven = given.isBefore(old.start()) ? given : old.start();
            boolean later = !given.isBefore(old.end());
            f.administered.put(key, new Med(old.medClass(), old.agent(), old.display(),
                    old.route() != null ? old.route() : now.route(), null,
                    later && doseMg != null ? doseMg : old.doseMg(), firstGiven, later ? given : old.end()));
        }
    }

    /** @return the medicine named by a CodeableConcept, or null when it is of none of the subset's classes */
    private static Med medicine(JsonNode cc, JsonNode dosage, LocalDate start, LocalDate end, Double doseMg, String givenRoute) {
        JsonNode coding = first(cc.path("coding"));
        String display = coding.has("display") ? text(coding, "display") : text(cc, "text");
        String known = null;
        for (JsonNode c : cc.path("coding")) {
            known = PlainMedicineTables.find(display, text(c, "system"), text(c, "code"));
            if (known != null) {
                break;
            }
        }
        if (known == null && !cc.path("coding").elements().hasNext()) {
            known = PlainMedicineTables.find(text(cc, "text"), null, null);
        }
        if (known == null || known.startsWith("none|")) {
            return null;
        }
        String[] ca = known.split("\\|", -1);
        String route = givenRoute;
        if (route == null && dosage != null && dosage.has("route")) {
            JsonNode routeCc = dosage.path("route");
            route = routeCc.has("text") ? text(routeCc, "text") : text(first(routeCc.path("coding")), "display");
        } else if (route == null) {
            route = PlainMedicineTables.routeIn(display);
        }
        Double perDose = doseMg != null ? doseMg : dosage == null ? null : mgPerDose(dosage, display);
        Double perDay = dosage == null ? null : dosePerDay(dosage, perDose);
        if (start != null && end != null && end.isBefore(start)) {
            end = start;
        }
        boolean interval = perDay == null && perDose != null || dosage != null && isInterval(dosage);
        return new Med(ca[0], ca[1].isEmpty() ? null : ca[1], display,
                route == null ? null : route.toLowerCase(Locale.ROOT), perDay, interval ? perDose : null, start, end);
    }

    private static Double mgPerDose(JsonNode dosage, String display) {
        JsonNode q = first(dosage.path("doseAndRate")).path("doseQuantity");
        JsonNode value = q.get("value");
        if (value == null || !value.isNumber()) {
            return null;
        }
        if (unit(q).equalsIgnoreCase("mg")) {
            return value.doubleValue();
        }
        if (display != null && !display.contains("/")) {
            Matcher s = STRENGTH_MG.matcher(display);
            if (s.find()) {
                return value.doubleValue() * Double.parseDouble(s.group(1));
            }
        }
        return null;
    }

    private static boolean isInterval(JsonNode dosage) {
        String u = text(dosage.path("timing").path("repeat"), "periodUnit");
        return u != null && (u.equals("wk") || u.equals("mo") || u.equals("a"));
    }

    private static Double dosePerDay(JsonNode dosage, Double mg) {
        if (mg == null || isInterval(dosage)) {
            return null;
        }
        JsonNode rep = dosage.path("timing").path("repeat");
        JsonNode frequency = rep.get("frequency");
        JsonNode period = rep.get("period");
        if (frequency == null || !frequency.isNumber() || period == null || !period.isNumber()) {
            return null;
        }
        String u = text(rep, "periodUnit");
        double perDay;
        if (u == null || u.equals("d")) {
            perDay = 1.0 / period.doubleValue();
        } else if (u.equals("h")) {
            perDay = 24.0 / period.doubleValue();
        } else {
            return null;
        }
        return Math.round(mg * frequency.intValue() * perDay * 100) / 100.0;
    }
}
