package org.osteocds.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osteocds.ConditionEntry;
import org.osteocds.InvalidRecordException;
import org.osteocds.Medication;
import org.osteocds.ParsedRecord;
import org.osteocds.PatientRecord;
import org.osteocds.RecordError;
import org.osteocds.Sex;
import org.osteocds.Smoking;

/**
 * Maps one JSON object (or one CSV row turned into an object of texts) onto a {@link PatientRecord}, collecting
 * every problem: unknown fields, wrong types, out-of-range values. In text mode (CSV) numbers, booleans and lists
 * are parsed from text; in JSON mode a number written as a string is an error.
 */
public final class RecordMapper {
    /** The record's fields, as the contract names them. */
    public static final List<String> FIELDS = List.of("id", "birthDate", "age", "sex", "postmenopausal",
            "prematureMenopause", "tScoreLumbarSpine", "tScoreFemoralNeck", "tScoreTotalHip", "tScore",
            "lastDxaDate", "fragilityFracture", "vertebralFracture", "hipFracture", "parentalHipFracture",
            "fallsLast12Months", "heightCm", "weightKg", "bmi", "calciumIntakeMgPerDay", "vitaminDIntakeIuPerDay",
            "serum25OHDNgPerMl", "alcoholDrinksPerWeek", "smoking", "moderateActivityMinutesPerWeek",
            "vigorousActivityMinutesPerWeek", "activityMinutesPerDay", "strengthDaysPerWeek", "balanceDaysPerWeek",
            "medications", "conditions", "deceased", "deceasedDate");
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
    private static final Set<String> MEDICATION_FIELDS =
            Set.of("name", "doseMgPerDay", "durationMonths", "route", "system", "code", "start", "end");
    private static final Set<String> CONDITION_FIELDS = Set.of("key", "system", "code", "onset");

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
            PatientRecord r = new PatientRecord(id, f.date("birthDate"), f.integer("age"), f.sex(),
                    f.bool("postmenopausal"), f.bool("prematureMenopause"), f.number("tScoreLumbarSpine"),
                    f.number("tScoreFemoralNeck"), f.number("tScoreTotalHip"), f.number("tScore"),
                    f.date("lastDxaDate"), f.bool("fragilityFracture"), f.bool("vertebralFracture"),
                    f.bool("hipFracture"), f.bool("parentalHipFracture"), f.integer("fallsLast12Months"),
                    f.number("heightCm"), f.number("weightKg"), f.number("bmi"), f.number("calciumIntakeMgPerDay"),
                    f.number("vitaminDIntakeIuPerDay"), f.number("serum25OHDNgPerMl"),
                    f.number("alcoholDrinksPerWeek"), f.smoking(), f.number("moderateActivityMinutesPerWeek"),
                    f.number("vigorousActivityMinutesPerWeek"), f.number("activityMinutesPerDay"),
                    f.number("strengthDaysPerWeek"), f.number("balanceDaysPerWeek"), f.medications(),
                    f.conditions(), f.bool("deceased"), f.date("deceasedDate"));
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
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A hint for a misspelt field name: the known name with the smallest edit distance, if close. */
    static String suggestion(String name, List<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(), k.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, name.length() / 4) ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
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
                out.add(new Medication(text(m, "name", path), number(m, "doseMgPerDay", path + ".doseMgPerDay"),
                        number(m, "durationMonths", path + ".durationMonths"), text(m, "route", path),
                        text(m, "system", path), text(m, "code", path), date(m, "start", path + ".start"),
                        date(m, "end", path + ".end")));
            }
            return out;
        }

        /** CSV: {@code name:dose:months;name2}. */
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
                if (parts.length > 3) {
                    errors.add(new RecordError(path, item, "a medication is name:doseMgPerDay:durationMonths"));
                    continue;
                }
                ObjectNode m = JsonSupport.MAPPER.createObjectNode();
                m.put("dose", parts.length > 1 ? parts[1] : "");
                m.put("months", parts.length > 2 ? parts[2] : "");
                out.add(Medication.of(parts[0].strip(), number(m, "dose", path + ".doseMgPerDay"),
                        number(m, "months", path + ".durationMonths")));
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
                    out.add(new ConditionEntry(text(c, "key", path), text(c, "system", path), text(c, "code", path),
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
