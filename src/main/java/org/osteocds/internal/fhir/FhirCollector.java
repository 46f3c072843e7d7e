package org.osteocds.internal.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.Medication;

/** Collects, for one patient, the latest value of each field as of the assessment date and every source used. */
final class FhirCollector {
    /** A value with its date and source, so that the latest one can win. */
    private record Dated(Object value, LocalDate date, String source) {
    }

    private final LocalDate asOf;
    private final Map<String, Dated> latest = new TreeMap<>();
    final Map<String, List<String>> sources = new TreeMap<>();
    final Map<String, Integer> unrecognized = new TreeMap<>();
    final List<ConditionEntry> conditions = new ArrayList<>();
    final List<Medication> medications = new ArrayList<>();
    boolean fragility;
    boolean hip;
    boolean vertebral;
    boolean parentalHip;
    boolean postmenopausal;
    final java.util.Set<org.osteocds.model.FractureSite> fractureSites = new java.util.TreeSet<>();
    private LocalDate leftOophorectomy;
    private LocalDate rightOophorectomy;
    private final Map<String, Administered> administrations = new java.util.LinkedHashMap<>();

    /**
     * The administrations of one medicine.
     *
     * @param first      the first administration resource seen, for the mapping report
     * @param medicine   its medicationCodeableConcept
     * @param firstGiven the earliest date given
     * @param lastGiven  the latest date given (the last dose)
     * @param doseMg     the mg of one dose, when recorded
     * @param route      the route, when recorded
     */
    record Administered(FhirResource first, JsonNode medicine, LocalDate firstGiven, LocalDate lastGiven, Double doseMg,
                        String route) {
    }

    FhirCollector(LocalDate asOf) {
        this.asOf = asOf;
    }

    /** Offers a dated value for a field: it wins over an earlier one, and one dated after asOf never counts. */
    void offer(String field, Object value, LocalDate date, String source) {
        if (date != null && date.isAfter(asOf)) {
            return;
        }
        Dated old = latest.get(field);
        if (old == null || (date != null && (old.date() == null || !date.isBefore(old.date())))) {
            latest.put(field, new Dated(value, date, source));
        }
    }

    void used(String field, String source) {
        sources.computeIfAbsent(field, k -> new ArrayList<>()).add(source);
    }

    /** Counts a code the tables do not know, for the mapping report. */
    void unknown(String type, JsonNode codeableConcept) {
        List<JsonNode> codings = FhirJson.codings(codeableConcept);
        if (codings.isEmpty()) {
            unrecognized.merge(type + " (no code)", 1, Integer::sum);
            return;
        }
        JsonNode c = codings.get(0);
        String display = FhirJson.has(c, "display") ? FhirJson.text(c, "display")
                : FhirJson.text(codeableConcept, "text");
        unrecognized.merge(type + " " + FhirJson.text(c, "system") + "|" + FhirJson.text(c, "code") + " " + display,
                1, Integer::sum);
    }

    /** @return the latest value of a field, recording its source as used; {@code null} when none */
    @SuppressWarnings("unchecked")
    <T> T get(String field) {
        Dated d = latest.get(field);
        if (d == null) {
            return null;
        }
        used(field, d.source());
        return (T) d.value();
    }

    /** Notes one dose of a medicine given on a date (a MedicationAdministration). */
    void administered(String key, FhirResource r, JsonNode medicine, LocalDate given, Double doseMg, String route) {
        Administered a = administrations.get(key);
        if (a == null) {
            administrations.put(key, new Administered(r, medicine, given, given, doseMg, route));
        } else {
            LocalDate first = given.isBefore(a.firstGiven()) ? given : a.firstGiven();
            boolean latest = !given.isBefore(a.lastGiven());
            administrations.put(key, new Administered(a.first(), a.medicine(), first, latest ? given : a.lastGiven(),
                    latest && doseMg != null ? doseMg : a.doseMg(), a.route() != null ? a.route() : route));
        }
    }

    /** @return each medicine given, with its first and last dates */
    java.util.Collection<Administered> administrations() {
        return administrations.values();
    }

    /**
     * Offers a dated value where, on the same date, the lowest wins (several Z-scores of one scan: the lowest counts).
     */
    void offerLowest(String field, double value, LocalDate date, String source) {
        Dated old = latest.get(field);
        if (old != null && date != null && date.equals(old.date()) && (Double) old.value() <= value) {
            return;
        }
        offer(field, value, date, source);
    }

    /** A left and a right oophorectomy on or before the assessment date make a bilateral oophorectomy. */
    void oophorectomy(String side, LocalDate date, String src) {
        if (side == null || (date != null && date.isAfter(asOf))) {
            return;
        }
        if (side.equals("left")) {
            leftOophorectomy = date == null ? LocalDate.MIN : date;
        } else if (side.equals("right")) {
            rightOophorectomy = date == null ? LocalDate.MIN : date;
        }
        used("conditions", src + " (" + side + " oophorectomy)");
        if (leftOophorectomy != null && rightOophorectomy != null) {
            LocalDate later = leftOophorectomy.isAfter(rightOophorectomy) ? leftOophorectomy : rightOophorectomy;
            if (conditions.stream().noneMatch(x -> "bilateral-oophorectomy".equals(x.key()))) {
                conditions.add(ConditionEntry.of("bilateral-oophorectomy", later.equals(LocalDate.MIN) ? null : later));
            }
        }
    }
}
