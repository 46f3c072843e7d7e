package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The draft medicine orders of an order-select or order-sign call, turned into medicines the patient is taken to be
 * on for the order's planned duration (advice-catalogue.md, the glucocorticoid row: "a draft order whose planned
 * duration is ≥ 3 months at that dose"): each MedicationRequest becomes an active one that started the planned
 * duration before {@code asOf} and is still going, so that the rules judge it as that exposure. The planned
 * duration is read from {@code dosageInstruction[0].timing.repeat} ({@code boundsPeriod} start to end, or
 * {@code boundsDuration}), else from {@code dispenseRequest.expectedSupplyDuration} times the fills allowed
 * ({@code numberOfRepeatsAllowed} + 1). Without one the medicine is taken as current with no known duration, which
 * the rules report as a data gap on the duration. Other resource types (a ServiceRequest...) are not medicines and
 * are left out.
 */
final class DraftOrders {
    private DraftOrders() {
    }

    /**
     * @param draftOrders the request's {@code context.draftOrders} Bundle
     * @param selections  for order-select, the {@code Type/id} of the orders just selected (the others are not
     *                    judged); {@code null} for order-sign (every draft)
     * @param patientId   the patient in context
     * @param asOf        the assessment date
     * @return the medicine orders as taken, and their references
     */
    static List<JsonNode> asTaken(JsonNode draftOrders, Set<String> selections, String patientId, LocalDate asOf) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : draftOrders.path("entry")) {
            JsonNode r = e.get("resource");
            if (r == null || !"MedicationRequest".equals(Prefetch.text(r, "resourceType"))) {
                continue;
            }
            String ref = "MedicationRequest/" + Prefetch.text(r, "id");
            if (selections != null && !selections.contains(ref)) {
                continue;
            }
            out.add(asTaken((ObjectNode) r.deepCopy(), patientId, asOf));
        }
        return out;
    }

    private static JsonNode asTaken(ObjectNode m, String patientId, LocalDate asOf) {
        Period planned = planned(m);
        m.put("status", "active");
        m.put("intent", "order");
        m.putObject("subject").put("reference", "Patient/" + patientId);
        m.remove("authoredOn");
        ArrayNode dosages = m.has("dosageInstruction") && m.get("dosageInstruction").isArray()
                ? (ArrayNode) m.get("dosageInstruction") : m.putArray("dosageInstruction");
        if (dosages.isEmpty()) {
            dosages.addObject();
        }
        ObjectNode dosage = (ObjectNode) dosages.get(0);
        ObjectNode timing = dosage.has("timing") && dosage.get("timing").isObject() ? (ObjectNode) dosage.get("timing")
                : dosage.putObject("timing");
        ObjectNode repeat = timing.has("repeat") && timing.get("repeat").isObject() ? (ObjectNode) timing.get("repeat")
                : timing.putObject("repeat");
        repeat.remove("boundsDuration");
        repeat.remove("boundsRange");
        repeat.remove("boundsPeriod");
        if (planned != null) {
            repeat.putObject("boundsPeriod").put("start", asOf.minus(planned).toString());
        }
        return m;
    }

    /** @return the planned duration (calendar months stay months), or {@code null} when the order does not say */
    static Period planned(JsonNode m) {
        JsonNode repeat = m.path("dosageInstruction").path(0).path("timing").path("repeat");
        JsonNode period = repeat.path("boundsPeriod");
        String start = Prefetch.text(period, "start");
        String end = Prefetch.text(period, "end");
        if (start != null && end != null) {
            try {
                Period p = Period.between(LocalDate.parse(start.substring(0, 10)), LocalDate.parse(end.substring(0, 10)));
                return p.isNegative() ? null : p;
            } catch (RuntimeException e) {
                return null;
            }
        }
        Period bounds = duration(repeat.path("boundsDuration"));
        if (bounds != null) {
            return bounds;
        }
        Period supply = duration(m.path("dispenseRequest").path("expectedSupplyDuration"));
        if (supply != null) {
            JsonNode repeats = m.path("dispenseRequest").path("numberOfRepeatsAllowed");
            return supply.multipliedBy(1 + (repeats.canConvertToInt() && repeats.asInt() >= 0 ? repeats.asInt() : 0));
        }
        return null;
    }

    /** A FHIR Duration (UCUM {@code d}, {@code wk}, {@code mo}, {@code a}, whole numbers), or {@code null}. */
    private static Period duration(JsonNode duration) {
        JsonNode v = duration.get("value");
        if (v == null || !v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 1_000) {
            return null;
        }
        String unit = Prefetch.text(duration, "code");
        if (unit == null) {
            unit = Prefetch.text(duration, "unit");
        }
        if (unit == null) {
            return null;
        }
        int n = (int) Math.round(v.doubleValue());
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "d", "day", "days" -> Period.ofDays(n);
            case "wk", "week", "weeks" -> Period.ofWeeks(n);
            case "mo", "month", "months" -> Period.ofMonths(n);
            case "a", "year", "years" -> Period.ofYears(n);
            default -> null;
        };
    }
}
