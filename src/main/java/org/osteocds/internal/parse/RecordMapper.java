package org.osteocds.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * Maps one JSON object (or one CSV row turned into an object of texts) onto a {@link PatientRecord}, collecting
 * every problem: unknown fields, wrong types, out-of-range values. In text mode (CSV) numbers, booleans and lists
 * are parsed from text; in JSON mode a number written as a string is an error.
 */
public final class RecordMapper {
    /** The record's fields, as the contract names them. */
    public static final List<String> FIELDS = List.of("id", "name", "birthDate", "age", "sex", "postmenopausal",
            "prematureMenopause", "tScoreLumbarSpine", "tScoreFemoralNeck", "tScoreTotalHip", "tScore", "zScore",
            "lastDxaDate", "fraxMajorPercent", "fraxHipPercent", "fragilityFracture", "fractureSites",
            "vertebralFracture", "hipFracture", "parentalHipFracture",
            "fallsLast12Months", "heightCm", "weightKg", "bmi", "calciumIntakeMgPerDay", "vitaminDIntakeIuPerDay",
            "serum25OHDNgPerMl", "alcoholDrinksPerWeek", "smoking", "moderateActivityMinutesPerWeek",
            "vigorousActivityMinutesPerWeek", "activityMinutesPerDay", "strengthDaysPerWeek", "balanceDaysPerWeek",
            "medications", "conditions", "deceased", "deceasedDate");
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
    private static final Set<String> MEDICATION_FIELDS = Set.of("name", "doseMgPerDay", "doseMg",
            "prednisoneEquivalentMgPerDay", "durationMonths", "route", "system", "code", "start", "end");
    private static final Set<String> CONDITION_FIELDS = Set.of("key", "system", "code", "onset");
    private static final List<String> SITES =
            java.util.Arrays.stream(FractureSite.values()).map(FractureSite::code).toList();

    private final boolean textMode;

    /** @param textMode whether values arrive as text (CSV) */
    public RecordMapper(boolean textMode) {
        this.textMode = textMode;
    }

    /**
     * @param node   a JSON object
     * @param source where it came from ({@code line 3})
     * @return the parsed record, valid or not
     */
    public ParsedRecord map(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            return new ParsedRecord.Invalid(source, source, List.of(new RecordError("record",
                    node == null ? null : abbreviate(node.toString()), "a record must be a JSON object")));
        }
        Fields f = new Fields(node);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELD_SET.contains(name)) {
                f.errors.add(new RecordError(name, abbreviate(node.get(name).toString()),
                        "unknown field" + suggestion(name, FIELDS)));
            }
        }
        String id = f.string("id");
        try {
            PatientRecord r = PatientRecord.builder(id).name(f.string("name")).birthDate(f.date("birthDate"))
                    .age(f.integer("age")).sex(f.sex()).postmenopausal(f.bool("postmenopausal"))
                    .prematureMenopause(f.bool("prematureMenopause"))
                    .tScoreLumbarSpine(f.number("tScoreLumbarSpine")).tScoreFemoralNeck(f.number("tScoreFemoralNeck"))
                    .tScoreTotalHip(f.number("tScoreTotalHip")).tScore(f.number("tScore")).zScore(f.number("zScore"))
                    .lastDxaDate(f.date("lastDxaDate")).fraxMajorPercent(f.number("fraxMajorPercent"))
                    .fraxHipPercent(f.number("fraxHipPercent")).fragilityFracture(f.bool("fragilityFracture"))
                    .fractureSites(f.fractureSites()).vertebralFracture(f.bool("vertebralFracture"))
                    .hipFracture(f.bool("hipFracture")).parentalHipFracture(f.bool("parentalHipFracture"))
                    .fallsLast12Months(f.integer("fallsLast12Months")).heightCm(f.number("heightCm"))
                    .weightKg(f.number("weightKg")).bmi(f.number("bmi"))
                    .calciumIntakeMgPerDay(f.number("calciumIntakeMgPerDay"))
                    .vitaminDIntakeIuPerDay(f.number("vitaminDIntakeIuPerDay"))
                    .serum25OHDNgPerMl(f.number("serum25OHDNgPerMl"))
                    .alcoholDrinksPerWeek(f.number("alcoholDrinksPerWeek")).smoking(f.smoking())
                    .moderateActivityMinutesPerWeek(f.number("moderateActivityMinutesPerWeek"))
                    .vigorousActivityMinutesPerWeek(f.number("vigorousActivityMinutesPerWeek"))
                    .activityMinutesPerDay(f.number("activityMinutesPerDay"))
                    .strengthDaysPerWeek(f.number("strengthDaysPerWeek"))
                    .balanceDaysPerWeek(f.number("balanceDaysPerWeek")).medications(f.medications())
                    .conditions(f.conditions()).deceased(f.bool("deceased")).deceasedDate(f.date("deceasedDate"))
                    .build();
            if (f.errors.isEmpty()) {
                return new ParsedRecord.Valid(r, source);
            }
        } catch (InvalidRecordException e) {
            f.errors.addAll(e.errors());
        }
        String pid = id == null || id.isBlank() ? source : id;
        return new ParsedRecord.Invalid(pid, source, f.errors);
    }

    static String abbreviate(String s) {
        return RecordError.abbreviate(s);
    }

    static String suggestion(String name, List<String> known) {
        return RecordError.didYouMean(name, known);
    }

    /** Reads typed values out of one object, recording each problem and returning null for that field. */
    private final class Fields {
        final JsonNode node;
        final List<RecordError> errors = new ArrayList<>();

        Fields(JsonNode node) {
            this.node = node;
        }

        private JsonNode get(JsonNode n, String name) {
            JsonNode v = n.get(name);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank() && textMode)) {
                return null;
            }
            return v;
        }

        String string(String name) {
            JsonNode v = get(node, name);
            if (v == null) {
                return null;
            }
            if (v.isTextual() || v.isNumber()) {
                return v.asText().strip();
            }
            errors.add(new RecordError(name, abbreviate(v.toString()), name + " must be a string"));
            return null;
        }

        Double number(String name) {
            return number(node, name, name);
        }

        Double number(JsonNode n, String name, String path) {
            JsonNode v = get(n, name);
            if (v == null) {
                return null;
            }
            if (v.isNumber()) {
                return v.asDouble();
            }
            if (textMode && v.isTextual()) {
                try {
                    double d = Double.parseDouble(v.asText().strip());
                    if (Double.isFinite(d)) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            errors.add(new RecordError(path, abbreviate(v.asText().isEmpty() ? v.toString() : v.asText()),
                    path + " must be a number"));
            return null;
        }

        Integer integer(String name) {
            JsonNode v = get(node, name);
            if (v == null) {
                return null;
            }
            Double d = number(node, name, name);
            if (d == null) {
                return null;
            }
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                errors.add(new RecordError(name, v.asText(), name + " must be a whole number"));
                return null;
            }
            return d.intValue();
        }

        Boolean bool(String name) {
            JsonNode v = get(node, name);
            if (v == null) {
                return null;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            if (textMode && v.isTextual()) {
                String t = v.asText().strip().toLowerCase();
                if (t.equals("true") || t.equals("yes") || t.equals("1")) {
                    return true;
                }
                if (t.equals("false") || t.equals("no") || t.equals("0")) {
                    return false;
                }
            }
            errors.add(new RecordError(name, abbreviate(v.asText()), name + " must be true or false"));
            return null;
        }

        LocalDate date(String name) {
            return date(node, name, name);
        }

        LocalDate date(JsonNode n, String name, String path) {
            JsonNode v = get(n, name);
            if (v == null) {
                return null;
            }
            if (v.isTextual()) {
                try {
                    return LocalDate.parse(v.asText().strip());
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            errors.add(new RecordError(path, abbreviate(v.asText()), path + " must be a date YYYY-MM-DD"));
            return null;
        }

        Sex sex() {
            String s = string("sex");
            if (s == null) {
                return null;
            }
            try {
                return Sex.fromCode(s.toLowerCase());
            } catch (IllegalArgumentException e) {
                errors.add(new RecordError("sex", s, "sex must be female or male"));
                return null;
            }
        }

        Smoking smoking() {
            String s = string("smoking");
            if (s == null) {
                return null;
            }
            try {
                return Smoking.fromCode(s.toLowerCase());
            } catch (IllegalArgumentException e) {
                errors.add(new RecordError("smoking", s, "smoking must be current, former or never"));
                return null;
            }
        }

        List<Medication> medications() {
            JsonNode v = get(node, "medications");
            if (v == null) {
                return null;
            }
            if (textMode && v.isTextual()) {
                return textMedications(v.asText());
            }
            if (!v.isArray()) {
                errors.add(new RecordError("medications", abbreviate(v.toString()), "medications must be a list"));
                return null;
            }
            List<Medication> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode m = v.get(i);
                String path = "medications[" + i + "]";
                if (m.isTextual()) {
                    out.add(Medication.named(m.asText()));
                    continue;
                }
                if (!m.isObject()) {
                    errors.add(new RecordError(path, abbreviate(m.toString()), "a medication must be an object"));
                    continue;
                }
                unknownFields(m, MEDICATION_FIELDS, path);
                out.add(Medication.builder().name(text(m, "name", path))
                        .doseMgPerDay(number(m, "doseMgPerDay", path + ".doseMgPerDay"))
                        .doseMg(number(m, "doseMg", path + ".doseMg"))
                        .prednisoneEquivalentMgPerDay(number(m, "prednisoneEquivalentMgPerDay",
                                path + ".prednisoneEquivalentMgPerDay"))
                        .durationMonths(number(m, "durationMonths", path + ".durationMonths"))
                        .route(text(m, "route", path)).system(text(m, "system", path)).code(text(m, "code", path))
                        .start(date(m, "start", path + ".start")).end(date(m, "end", path + ".end")).build());
            }
            return out;
        }

        /**
         * CSV: {@code name:doseMgPerDay:durationMonths} or {@code name:doseMgPerDay:start:end:route}, items separated
         * by {@code ;}; empty parts are unknown, an empty end is ongoing use.
         */
        private List<Medication> textMedications(String text) {
            List<Medication> out = new ArrayList<>();
            String[] items = text.split(";");
            for (int i = 0; i < items.length; i++) {
                String item = items[i].strip();
                if (item.isEmpty()) {
                    continue;
                }
                String[] parts = item.split(":", -1);
                String path = "medications[" + i + "]";
                if (parts.length != 1 && parts.length != 2 && parts.length != 3 && parts.length != 5) {
                    errors.add(new RecordError(path, item,
                            "a medication is name:doseMgPerDay:durationMonths or name:doseMgPerDay:start:end:route"));
                    continue;
                }
                ObjectNode m = JsonSupport.MAPPER.createObjectNode();
                m.put("dose", parts.length > 1 ? parts[1] : "");
                Medication.Builder b = Medication.builder().name(parts[0].strip())
                        .doseMgPerDay(number(m, "dose", path + ".doseMgPerDay"));
                if (parts.length == 3) {
                    m.put("months", parts[2]);
                    b.durationMonths(number(m, "months", path + ".durationMonths"));
                } else if (parts.length == 5) {
                    m.put("start", parts[2]);
                    m.put("end", parts[3]);
                    String route = parts[4].strip();
                    b.start(date(m, "start", path + ".start")).end(date(m, "end", path + ".end"))
                            .route(route.isEmpty() ? null : route);
                }
                out.add(b.build());
            }
            return out;
        }

        List<FractureSite> fractureSites() {
            JsonNode v = get(node, "fractureSites");
            if (v == null) {
                return null;
            }
            List<String> items = new ArrayList<>();
            if (textMode && v.isTextual()) {
                for (String item : v.asText().split(";")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    items.add(item.isTextual() ? item.asText() : item.toString());
                }
            } else {
                errors.add(new RecordError("fractureSites", v.toString(), "fractureSites must be a list"));
                return null;
            }
            List<FractureSite> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                try {
                    out.add(FractureSite.fromCode(items.get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new RecordError("fractureSites[" + i + "]", items.get(i), e.getMessage()
                            + RecordError.didYouMean(items.get(i), SITES)));
                }
            }
            return out;
        }

        List<ConditionEntry> conditions() {
            JsonNode v = get(node, "conditions");
            if (v == null) {
                return null;
            }
            if (textMode && v.isTextual()) {
                List<ConditionEntry> out = new ArrayList<>();
                String[] items = v.asText().split(";");
                for (int i = 0; i < items.length; i++) {
                    String item = items[i].strip();
                    if (item.isEmpty()) {
                        continue;
                    }
                    int colon = item.indexOf(':');
                    if (colon < 0) {
                        out.add(ConditionEntry.of(item));
                    } else {
                        ObjectNode c = JsonSupport.MAPPER.createObjectNode();
                        c.put("onset", item.substring(colon + 1).strip());
                        out.add(ConditionEntry.of(item.substring(0, colon).strip(),
                                date(c, "onset", "conditions[" + i + "].onset")));
                    }
                }
                return out;
            }
            if (!v.isArray()) {
                errors.add(new RecordError("conditions", abbreviate(v.toString()), "conditions must be a list"));
                return null;
            }
            List<ConditionEntry> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode c = v.get(i);
                String path = "conditions[" + i + "]";
                if (c.isTextual()) {
                    out.add(ConditionEntry.of(c.asText().strip()));
                } else if (c.isObject()) {
                    unknownFields(c, CONDITION_FIELDS, path);
                    out.add(ConditionEntry.of(text(c, "key", path), text(c, "system", path), text(c, "code", path),
                            date(c, "onset", path + ".onset")));
                } else {
                    errors.add(new RecordError(path, abbreviate(c.toString()),
                            "a condition must be a key or an object"));
                }
            }
            return out;
        }

        private String text(JsonNode n, String name, String path) {
            JsonNode v = get(n, name);
            if (v == null) {
                return null;
            }
            if (!v.isTextual() && !v.isNumber()) {
                errors.add(new RecordError(path + "." + name, abbreviate(v.toString()), name + " must be a string"));
                return null;
            }
            return v.asText().strip();
        }

        private void unknownFields(JsonNode n, Set<String> allowed, String path) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!allowed.contains(e.getKey())) {
                    errors.add(new RecordError(path + "." + e.getKey(), abbreviate(e.getValue().toString()),
                            "unknown field" + suggestion(e.getKey(), List.copyOf(allowed))));
                }
            }
        }
    }
}
