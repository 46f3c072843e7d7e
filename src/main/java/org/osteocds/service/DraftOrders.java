package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;

/**
 * The draft medicine orders of an order-select or order-sign call, turned into medicines the patient is taken to be
 * on for the order's planned duration (advice-catalogue.md, the glucocorticoid row: "a draft order whose planned
 * duration is ≥ 3 months at that dose"): each MedicationRequest becomes an active one whose course runs from the
 * planned duration before {@code asOf} to {@code asOf} (both days counted), so that the rules judge it as that
 * exposure, neither longer nor ongoing. The planned duration is read from {@code dosageInstruction[0].timing.repeat}
 * ({@code boundsPeriod} start to end, or {@code boundsDuration}; a taper of several dosage steps: the sum of their
 * courses, at the first step's dose), else from
 * {@code dispenseRequest.expectedSupplyDuration} times the fills allowed ({@code numberOfRepeatsAllowed} + 1). An
 * open-ended order (a {@code boundsPeriod} with a start and no end) is long-term: taken as ongoing for 90 days so
 * far. Durations count as the engine counts a record's months (30 days a month). Without any of these the medicine is current with no known duration, which the rules report as a data gap on
 * the duration. Orders that name their medicine by reference cannot be judged and are listed as such. Other resource
 * types (a ServiceRequest...) are not medicines and are left out.
 *
 * <p>A renewal continues a course: a draft order of a medicine the patient takes now (the same code, or the same
 * name, on a course that started on or before {@code asOf} and has not ended before it) is judged as that course
 * extended by the plan, so that two months so far and one more month planned is a course of three months
 * ({@link #continuing}). It is judged at the draft's dose, as every draft is.
 */
final class DraftOrders {
    /** How long an open-ended order is taken to have run: the 3 months (90 days) the catalogue's long-term rows use. */
    static final Period OPEN_ENDED = Period.ofDays(90);

    private DraftOrders() {
    }

    /**
     * @param orders    the medicine orders as taken
     * @param notJudged the references of medicine orders that could not be judged (medicine by reference)
     */
    record Judged(List<JsonNode> orders, List<String> notJudged) {
    }

    /**
     * @param record    the record with the draft orders, their courses extended where they continue one
     * @param medicines the names of the draft medicines that continue a current course
     */
    record Continued(ParsedRecord record, List<String> medicines) {
    }

    /**
     * Draft orders that renew a medicine taken now continue its course: the draft's course, which ends on
     * {@code asOf}, starts earlier by the days the current course has run so far (its start to {@code asOf}, both
     * counted); an open-ended draft starts when the current course started, if that is earlier.
     *
     * @param base the record without the draft orders
     * @param with the record with them (as {@link #asTaken} gives them)
     * @param asOf the assessment date
     * @return {@code with}, its draft medicines' courses continued where they renew a current one
     */
    static Continued continuing(ParsedRecord base, ParsedRecord with, LocalDate asOf) {
        if (!(base instanceof ParsedRecord.Valid b) || !(with instanceof ParsedRecord.Valid w)) {
            return new Continued(with, List.of());
        }
        List<Medication> before = new ArrayList<>(b.record().medications());
        List<Medication> drafts = new ArrayList<>();
        for (Medication m : w.record().medications()) {
            if (!before.remove(m)) {   // what the draft orders added (as a multiset: a draft may equal a current one)
                drafts.add(m);
            }
        }
        List<Medication> out = new ArrayList<>(b.record().medications());
        List<String> continuing = new ArrayList<>();
        for (Medication d : drafts) {
            Medication current = d.start() == null ? null : b.record().medications().stream()
                    .filter(m -> sameMedicine(m, d) && m.start() != null && !m.start().isAfter(asOf)
                            && (m.end() == null || !m.end().isBefore(asOf)))
                    .min(Comparator.comparing(Medication::start)).orElse(null);
            if (current == null) {
                out.add(d);
                continue;
            }
            long soFar = ChronoUnit.DAYS.between(current.start(), asOf) + 1;
            LocalDate start = d.end() == null ? (current.start().isBefore(d.start()) ? current.start() : d.start())
                    : d.start().minusDays(soFar);
            out.add(d.toBuilder().start(start).build());
            continuing.add(d.name());
        }
        if (continuing.isEmpty()) {
            return new Continued(with, List.of());
        }
        return new Continued(new ParsedRecord.Valid(w.record().toBuilder().medications(out).build(), w.source()),
                continuing);
    }

    private static boolean sameMedicine(Medication a, Medication b) {
        if (a.code() != null && a.code().equals(b.code()) && Objects.equals(a.system(), b.system())) {
            return true;
        }
        return a.name() != null && a.name().trim().equalsIgnoreCase(String.valueOf(b.name()).trim());
    }

    /** The planned course of an order: its length, or open-ended. */
    record Plan(Period length, boolean openEnded) {
    }

    /**
     * @param draftOrders the request's {@code context.draftOrders} Bundle
     * @param selections  for order-select, the {@code Type/id} of the orders just selected (the others are not
     *                    judged); {@code null} for order-sign (every draft)
     * @param patientId   the patient in context
     * @param asOf        the assessment date
     * @return the medicine orders as taken, and those that could not be judged
     */
    static Judged asTaken(JsonNode draftOrders, Set<String> selections, String patientId, LocalDate asOf) {
        List<JsonNode> out = new ArrayList<>();
        List<String> notJudged = new ArrayList<>();
        for (JsonNode e : draftOrders.path("entry")) {
            JsonNode r = e.get("resource");
            if (r == null || !r.isObject() || !"MedicationRequest".equals(Prefetch.text(r, "resourceType"))) {
                continue;
            }
            String ref = "MedicationRequest/" + Prefetch.text(r, "id");
            if (selections != null && !selections.contains(ref)) {
                continue;
            }
            if (!r.path("medicationCodeableConcept").isObject()) {
                notJudged.add(ref);
                continue;
            }
            out.add(asTaken((ObjectNode) r.deepCopy(), patientId, asOf));
        }
        return new Judged(out, notJudged);
    }

    private static JsonNode asTaken(ObjectNode m, String patientId, LocalDate asOf) {
        Plan plan = plan(m);
        m.put("status", "active");
        m.put("intent", "order");
        m.putObject("subject").put("reference", "Patient/" + patientId);
        m.remove("authoredOn");
        ArrayNode dosages = m.path("dosageInstruction").isArray() ? (ArrayNode) m.get("dosageInstruction")
                : m.putArray("dosageInstruction");
        if (dosages.isEmpty() || !dosages.get(0).isObject()) {
            dosages.removeAll().addObject();
        }
        ObjectNode dosage = (ObjectNode) dosages.get(0);
        ObjectNode timing = dosage.path("timing").isObject() ? (ObjectNode) dosage.get("timing")
                : dosage.putObject("timing");
        ObjectNode repeat = timing.path("repeat").isObject() ? (ObjectNode) timing.get("repeat")
                : timing.putObject("repeat");
        repeat.remove(List.of("boundsDuration", "boundsRange", "boundsPeriod"));
        if (plan != null) {
            ObjectNode bounds = repeat.putObject("boundsPeriod")
                    .put("start", asOf.minus(plan.length()).plusDays(1).toString());
            if (!plan.openEnded()) {
                bounds.put("end", asOf.toString());
            }
        }
        return m;
    }

    /** @return the planned course, or {@code null} when the order does not say */
    static Plan plan(JsonNode m) {
        JsonNode steps = m.path("dosageInstruction");
        if (steps.size() > 1) {   // a taper: the steps' courses one after another, judged at the first step's dose
            int days = 0;
            for (JsonNode step : steps) {
                Plan p = bounds(step);
                if (p == null || p.openEnded()) {
                    days = -1;
                    break;
                }
                days += p.length().getDays();
            }
            if (days > 0) {
                return new Plan(Period.ofDays(days), false);
            }
        }
        Plan own = bounds(steps.path(0));
        if (own != null) {
            return own;
        }
        Period supply = duration(m.path("dispenseRequest").path("expectedSupplyDuration"));
        if (supply != null) {
            JsonNode repeats = m.path("dispenseRequest").path("numberOfRepeatsAllowed");
            int fills = 1 + (repeats.canConvertToInt() && repeats.asInt() >= 0 ? repeats.asInt() : 0);
            return new Plan(supply.multipliedBy(fills), false);
        }
        return null;
    }

    /** @return the course a dosage's own timing bounds give, or {@code null} */
    private static Plan bounds(JsonNode dosage) {
        JsonNode repeat = dosage.path("timing").path("repeat");
        JsonNode period = repeat.path("boundsPeriod");
        String start = Prefetch.text(period, "start");
        String end = Prefetch.text(period, "end");
        if (start != null && end != null) {
            try {
                LocalDate s = LocalDate.parse(start.substring(0, 10));
                LocalDate e = LocalDate.parse(end.substring(0, 10));
                return e.isBefore(s) ? null
                        : new Plan(Period.ofDays((int) java.time.temporal.ChronoUnit.DAYS.between(s, e) + 1), false);
            } catch (RuntimeException ex) {
                return null;
            }
        }
        if (start != null) {
            return new Plan(OPEN_ENDED, true);
        }
        Period d = duration(repeat.path("boundsDuration"));
        return d == null ? null : new Plan(d, false);
    }

    /**
     * A FHIR Duration (UCUM {@code h}, {@code d}, {@code wk}, {@code mo}, {@code a}) in days, counted as the engine
     * counts a record's {@code durationMonths} (a month is 30 days, so 3 months are the 90 days of the catalogue's
     * threshold; a year 365), rounded up.
     */
    private static Period duration(JsonNode duration) {
        JsonNode v = duration.get("value");
        if (v == null || !v.isNumber() || v.doubleValue() <= 0 || v.doubleValue() > 100_000) {
            return null;
        }
        String unit = Prefetch.text(duration, "code");
        if (unit == null) {
            unit = Prefetch.text(duration, "unit");
        }
        if (unit == null) {
            return null;
        }
        double perUnit = switch (unit.toLowerCase(Locale.ROOT)) {
            case "h", "hour", "hours" -> 1.0 / 24;
            case "d", "day", "days" -> 1;
            case "wk", "week", "weeks" -> 7;
            case "mo", "month", "months" -> 30;
            case "a", "year", "years" -> 365;
            default -> -1;
        };
        return perUnit < 0 ? null : Period.ofDays((int) Math.ceil(v.doubleValue() * perUnit - 1e-9));
    }
}
