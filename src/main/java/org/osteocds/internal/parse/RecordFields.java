package org.osteocds.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Medication;
import org.osteocds.model.RecordError;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/** Reads typed values out of one record's JSON object (or CSV row), recording each problem and returning null for that
 * field; in text mode (CSV) numbers, booleans and lists are parsed from text. */
final class RecordFields {
    private static final Set<String> MEDICATION_FIELDS = Set.of("name", "doseMgPerDay", "doseMg",
            "prednisoneEquivalentMgPerDay", "durationMonths", "route", "system", "code", "start", "end");
    private static final Set<String> CONDITION_FIELDS = Set.of("key", "system", "code", "onset");
    private static final List<String> SITES =
            java.util.Arrays.stream(FractureSite.values()).map(FractureSite::code).toList();
    final JsonNode node;
    final List<RecordError> errors = new ArrayList<>();
    /** A number as text: digits with an optional point and exponent (no {@code 7d}, {@code 0x1p3} or {@code NaN}). */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("[+-]?\\d+,\\d+");
    private final boolean textMode;
    private final boolean decimalComma;

    RecordFields(JsonNode node, boolean textMode, boolean decimalComma) {
        this.node = node;
        this.textMode = textMode;
        this.decimalComma = decimalComma;
    }

    /** @return the number a text holds, or {@code null} when it is not one (strictly: see {@link #NUMBER}) */
    Double parseNumber(String text) {
        String t = text.strip();
        if (decimalComma && t.indexOf('.') >= 0) {
            return null;   // with decimal commas a point is a thousands separator: 1.200 is 1200 to a spreadsheet
        }
        if (decimalComma && DECIMAL_COMMA.matcher(t).matches()) {
            t = t.replace(',', '.');
        }
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
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
        errors.add(new RecordError(name, RecordError.abbreviate(v.toString()), name + " must be a string"));
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
            Double d = parseNumber(v.asText());
            if (d != null) {
                return d;
            }
        }
        boolean pointed = decimalComma && v.isTextual() && v.asText().indexOf('.') >= 0;
        errors.add(new RecordError(path, RecordError.abbreviate(v.asText().isEmpty() ? v.toString() : v.asText()),
                path + " must be a number" + (pointed ? " (this ';'-separated file writes decimals with a comma, "
                        + "so a point is ambiguous: write 1200 or 1,2, without thousands separators)" : "")));
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
        errors.add(new RecordError(name, RecordError.abbreviate(v.asText()), name + " must be true or false"));
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
        errors.add(new RecordError(path, RecordError.abbreviate(v.asText()), path + " must be a date YYYY-MM-DD"));
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
            errors.add(new RecordError("medications", RecordError.abbreviate(v.toString()), "medications must be a list"));
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
                errors.add(new RecordError(path, RecordError.abbreviate(m.toString()), "a medication must be an object"));
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
            errors.add(new RecordError("conditions", RecordError.abbreviate(v.toString()), "conditions must be a list"));
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
                errors.add(new RecordError(path, RecordError.abbreviate(c.toString()),
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
            errors.add(new RecordError(path + "." + name, RecordError.abbreviate(v.toString()), name + " must be a string"));
            return null;
        }
        return v.asText().strip();
    }

    private void unknownFields(JsonNode n, Set<String> allowed, String path) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!allowed.contains(e.getKey())) {
                errors.add(new RecordError(path + "." + e.getKey(), RecordError.abbreviate(e.getValue().toString()),
                        "unknown field" + RecordError.didYouMean(e.getKey(), List.copyOf(allowed))));
            }
        }
    }
}
