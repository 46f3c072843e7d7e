package org.osteocds.bench;

import static org.osteocds.bench.PlainEvaluator.SNOMED;
import static org.osteocds.bench.PlainJson.date;
import static org.osteocds.bench.PlainJson.first;
import static org.osteocds.bench.PlainJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-Java evaluation's reading of Conditions and Procedures into {@link PlainFacts}: the condition keys of
 * osteo-cds's condition table (read from the library jar's copy of {@code rules/terminology/condition-codes.csv} at
 * construction), fractures, the parental hip fracture and postmenopausal flags, DXA scans recorded as procedures, and
 * oophorectomies by side. Thread-safe after construction.
 */
final class PlainConditions {
    /** Fracture codes and their site (fhir-codes.csv) with the fragility age (fracture-sites.csv). */
    private static final Map<String, String> FRACTURE_SITE = Map.of("443165006", "fragility", "203444008", "fragility",
            "65966004", "forearm", "263102004", "wrist", "5913000", "hip", "58150001", "other", "33737001", "other",
            "16114001", "other");

    /** system|code to condition key; codes ending in * as prefixes, longest first. */
    private final Map<String, String> conditionExact = new HashMap<>();
    private final List<String[]> conditionPrefix = new ArrayList<>();

    /** Reads the condition table. */
    PlainConditions() {
        try (InputStream in = PlainEvaluator.class.getResourceAsStream("/osteocds-rules/terminology/condition-codes.csv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split(",", 4);
                if (c[1].endsWith("*")) {
                    conditionPrefix.add(new String[] {c[0], c[1].substring(0, c[1].length() - 1), c[2]});
                } else {
                    conditionExact.put(c[0] + "|" + c[1], c[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        conditionPrefix.sort((a, b) -> b[1].length() - a[1].length());
    }

    /**
     * @param r a Condition
     * @param f the patient's facts, added to
     */
    void condition(JsonNode r, PlainFacts f) {
        LocalDate asOf = f.asOf;
        String vs = text(first(r.path("verificationStatus").path("coding")), "code");
        if ("refuted".equals(vs) || "entered-in-error".equals(vs)) {
            return;
        }
        LocalDate onset = r.has("onsetDateTime") ? date(text(r, "onsetDateTime"))
                : r.has("onsetPeriod") ? date(text(r.path("onsetPeriod"), "start"))
                : r.has("recordedDate") ? date(text(r, "recordedDate")) : null;
        boolean known = false;
        for (JsonNode coding : r.path("code").path("coding")) {
            String system = text(coding, "system");
            String code = text(coding, "code");
            String key = conditionKey(system, code);
            if (key != null && !known) {
                f.conditions.add(new String[] {key, onset == null ? null : onset.toString()});
                known = true;
            }
            String site = SNOMED.equals(system) ? FRACTURE_SITE.get(code) : null;
            if (site != null && onset != null && !onset.isAfter(asOf)) {
                int ageAtOnset = Period.between(f.birth, onset).getYears();
                int from = site.equals("fragility") ? 18 : site.equals("other") ? Integer.MAX_VALUE : 50;
                if (ageAtOnset >= from) {
                    f.fragility = true;
                }
                if (site.equals("hip") && ageAtOnset >= 18) {
                    f.hipOrVertebral = true;
                }
            }
            if (SNOMED.equals(system) && (onset == null || !onset.isAfter(asOf))) {
                if ("391096007".equals(code)) {
                    f.parentalHip = true;
                } else if ("76498008".equals(code) || "373717006".equals(code)) {
                    f.postmenopausalFlag = true;
                }
            }
        }
    }

    /**
     * @param r a Procedure
     * @param f the patient's facts, added to
     */
    void procedure(JsonNode r, PlainFacts f) {
        LocalDate asOf = f.asOf;
        List<String[]> conditions = f.conditions;
        String status = text(r, "status");
        if ("not-done".equals(status) || "entered-in-error".equals(status)) {
            return;
        }
        LocalDate date = r.has("performedDateTime") ? date(text(r, "performedDateTime"))
                : r.has("performedPeriod") ? date(text(r.path("performedPeriod"), "start")) : null;
        boolean known = false;
        for (JsonNode coding : r.path("code").path("coding")) {
            String system = text(coding, "system");
            String code = text(coding, "code");
            if (PlainObservations.DXA.contains(system + "|" + code) && date != null) {
                f.latest.get("lastDxa").offer(date, date, asOf);
                known = true;
            }
            String key = conditionKey(system, code);
            if (key != null && !known) {
                conditions.add(new String[] {key, date == null ? null : date.toString()});
                known = true;
            }
            String side = !SNOMED.equals(system) ? null : switch (code) {
                case "713285002" -> bodySite(r);
                case "302191001" -> "left";
                case "302376006" -> "right";
                default -> "";
            };
            if (side != null && !side.isEmpty() && !known) {
                known = true;
                if (date == null || !date.isAfter(asOf)) {
                    if (side.equals("left")) {
                        f.left = date == null ? LocalDate.MIN : date;
                    } else if (side.equals("right")) {
                        f.right = date == null ? LocalDate.MIN : date;
                    }
                    if (f.left != null && f.right != null) {
                        LocalDate later = f.left.isAfter(f.right) ? f.left : f.right;
                        if (conditions.stream().noneMatch(x -> x[0].equals("bilateral-oophorectomy"))) {
                            conditions.add(new String[] {"bilateral-oophorectomy",
                                later.equals(LocalDate.MIN) ? null : later.toString()});
                        }
                    }
                }
            } else if (side != null && side.isEmpty()) {
                continue;
            } else if (side == null && "713285002".equals(code) && !known) {
                known = true;   // an oophorectomy whose side is not recorded
            }
        }
    }

    private String conditionKey(String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        String k = conditionExact.get(system + "|" + code);
        if (k != null) {
            return k;
        }
        for (String[] p : conditionPrefix) {
            if (p[0].equals(system) && code.startsWith(p[1])) {
                return p[2];
            }
        }
        return null;
    }

    private static String bodySite(JsonNode procedure) {
        for (JsonNode site : procedure.path("bodySite")) {
            for (JsonNode coding : site.path("coding")) {
                if (SNOMED.equals(text(coding, "system"))) {
                    if ("7771000".equals(text(coding, "code"))) {
                        return "left";
                    }
                    if ("24028007".equals(text(coding, "code"))) {
                        return "right";
                    }
                }
            }
        }
        return null;
    }
}
