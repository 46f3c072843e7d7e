package org.osteocds.bench;

import static org.osteocds.bench.PlainEvaluator.CPT;
import static org.osteocds.bench.PlainEvaluator.LOINC;
import static org.osteocds.bench.PlainEvaluator.SNOMED;
import static org.osteocds.bench.PlainJson.date;
import static org.osteocds.bench.PlainJson.first;
import static org.osteocds.bench.PlainJson.text;
import static org.osteocds.bench.PlainJson.unit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plain-Java evaluation's reading of Observations (measurements, DXA scans, smoking status, the parental hip
 * fracture and postmenopausal flags) and FamilyMemberHistories (a parent's hip fracture) into {@link PlainFacts}.
 */
final class PlainObservations {
    /** The codes of a DXA scan, as system|code (also read from Procedures by {@link PlainConditions}). */
    static final Set<String> DXA = Set.of(LOINC + "|38265-5", LOINC + "|38267-1", LOINC + "|38263-0",
            LOINC + "|80932-7", LOINC + "|80933-5", LOINC + "|80934-3", LOINC + "|85394-5", SNOMED + "|312681000",
            CPT + "|77080");
    private static final Set<String> Z_SCORES = Set.of("80932-7", "80933-5", "80934-3", "85394-5");
    private static final Set<String> CURRENT_SMOKER = Set.of("449868002", "428041000124106", "77176002",
            "428061000124105", "428071000124103");
    private static final Set<String> SMOKING_ANSWERS = Set.of("449868002", "428041000124106", "77176002",
            "428061000124105", "428071000124103", "8517006", "266919005");

    private PlainObservations() {
    }

    /**
     * @param r an Observation
     * @param f the patient's facts, added to
     */
    static void observation(JsonNode r, PlainFacts f) {
        LocalDate asOf = f.asOf;
        Map<String, PlainFacts.Latest> latest = f.latest;
        String status = text(r, "status");
        if ("entered-in-error".equals(status) || "cancelled".equals(status)) {
            return;
        }
        LocalDate date = r.has("effectiveDateTime") ? date(text(r, "effectiveDateTime"))
                : r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "start"))
                : r.has("issued") ? date(text(r, "issued")) : null;
        boolean dated = date == null || !date.isAfter(asOf);
        for (JsonNode coding : r.path("code").path("coding")) {
            String system = text(coding, "system");
            String code = text(coding, "code");
            String key = system + "|" + code;
            if (DXA.contains(key) && date != null) {
                latest.get("lastDxa").offer(date, date, asOf);
            }
            if (SNOMED.equals(system) && dated) {
                if ("391096007".equals(code)) {
                    f.parentalHip = true;
                } else if ("76498008".equals(code) || "373717006".equals(code)) {
                    f.postmenopausalFlag = true;
                }
            }
            if (!LOINC.equals(system) || code == null) {
                continue;
            }
            if (code.equals("72166-2")) {
                for (JsonNode v : r.path("valueCodeableConcept").path("coding")) {
                    String answer = text(v, "code");
                    if (SNOMED.equals(text(v, "system")) && SMOKING_ANSWERS.contains(answer)) {
                        latest.get("smoking").offer(CURRENT_SMOKER.contains(answer), date, asOf);
                    }
                }
                continue;
            }
            String field = switch (code) {
                case "38265-5" -> "tScore";
                case "38267-1" -> "tScoreLumbarSpine";
                case "38263-0" -> "tScoreFemoralNeck";
                case "90265-0" -> "frax";
                case "74013-4" -> "alcohol";
                case "39156-5" -> "bmi";
                case "8302-2" -> "height";
                case "29463-7" -> "weight";
                default -> Z_SCORES.contains(code) ? "zScore" : null;
            };
            JsonNode value = r.path("valueQuantity").get("value");
            if (field == null || value == null || !value.isNumber()) {
                continue;
            }
            Double v = convert(field, value.doubleValue(), unit(r.path("valueQuantity")));
            if (v == null) {
                continue;
            }
            PlainFacts.Latest l = latest.get(field);
            if (field.equals("zScore") && l.set && date != null && date.equals(l.date)
                    && l.num() <= v) {
                continue;   // several Z-scores of one scan: the lowest counts
            }
            l.offer(v, date, asOf);
        }
        if (r.has("valueCodeableConcept") && dated) {
            for (JsonNode v : r.path("valueCodeableConcept").path("coding")) {
                String code = text(v, "code");
                if (SNOMED.equals(text(v, "system")) && ("76498008".equals(code) || "373717006".equals(code))) {
                    f.postmenopausalFlag = true;
                } else if (SNOMED.equals(text(v, "system")) && "391096007".equals(code)) {
                    f.parentalHip = true;
                }
            }
        }
    }

    /**
     * @param r a FamilyMemberHistory
     * @param f the patient's facts, added to
     */
    static void familyHistory(JsonNode r, PlainFacts f) {
        String rel = text(first(r.path("relationship").path("coding")), "code");
        boolean parent = rel != null && Set.of("MTH", "FTH", "PRN", "NMTH", "NFTH").contains(rel);
        for (JsonNode fc : r.path("condition")) {
            for (JsonNode coding : fc.path("code").path("coding")) {
                if (parent && SNOMED.equals(text(coding, "system")) && "5913000".equals(text(coding, "code"))) {
                    f.parentalHip = true;
                }
            }
        }
    }

    private static Double convert(String field, double v, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        return switch (field) {
            case "height" -> u.equals("m") ? v * 100 : u.contains("in") ? v * 2.54 : u.isEmpty() || u.equals("cm") ? v : null;
            case "weight" -> u.contains("lb") ? v * 0.45359237 : u.equals("g") ? v / 1000 : u.isEmpty() || u.equals("kg") ? v : null;
            default -> v;
        };
    }
}
