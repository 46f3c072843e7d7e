package org.osteocds.internal.fhir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading FHIR R4 JSON as plain JSON trees, for the few elements the mapping reads. Decimals keep their text
 * ({@code 70.0} stays {@code 70.0}), as FHIR requires. A value that breaks the FHIR datatype (a date that is not a
 * date) raises {@link FhirDataException} naming the resource and element, which costs only its patient.
 */
final class FhirJson {
    /** Decimals as written: FHIR decimals are exact and their precision is meaningful. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

    private FhirJson() {
    }

    /** @return a member's text, or {@code null} when absent, null or not a scalar */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** @return the codings of a CodeableConcept (empty when none) */
    static List<JsonNode> codings(JsonNode codeableConcept) {
        List<JsonNode> out = new ArrayList<>();
        if (codeableConcept != null) {
            for (JsonNode c : codeableConcept.path("coding")) {
                if (c.isObject()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** @return the first coding, or an empty object (as HAPI's getCodingFirstRep) */
    static JsonNode firstCoding(JsonNode codeableConcept) {
        List<JsonNode> c = codings(codeableConcept);
        return c.isEmpty() ? EMPTY : c.get(0);
    }

    /** @return the first element of an array member, or an empty object */
    static JsonNode first(JsonNode n, String field) {
        JsonNode a = n.get(field);
        if (a != null && a.isArray() && a.size() > 0 && a.get(0).isObject()) {
            return a.get(0);
        }
        return EMPTY;
    }

    /** @return an object member, or an empty object */
    static JsonNode obj(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isObject() ? v : EMPTY;
    }

    /** @return whether an object member is present and not empty */
    static boolean has(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty());
    }

    /**
     * A FHIR date, dateTime or instant as a calendar date: the day as written (the time zone is not applied); a
     * year alone counts from 1 January; a year and month alone is unknown.
     *
     * @param value    the text, or {@code null}
     * @param resource the resource, for the error
     * @param element  the element, for the error
     * @return the date, or {@code null}
     * @throws FhirDataException when the text is not a FHIR date
     */
    static LocalDate date(String value, FhirResource resource, String element) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() >= 10) {
                if (value.length() > 10 && value.charAt(10) != 'T') {
                    throw new DateTimeParseException("not a FHIR dateTime", value, 10);
                }
                if (isoDigits(value)) {
                    // the usual yyyy-MM-dd: parsed by hand (LocalDate.parse is the mapping's costliest call)
                    return LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10));
                }
                return LocalDate.parse(value.substring(0, 10));
            }
            if (value.matches("\\d{4}")) {
                return LocalDate.of(Integer.parseInt(value), 1, 1);
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                LocalDate.parse(value + "-01");   // a real month, of unknown day
                return null;
            }
        } catch (java.time.DateTimeException e) {
            // reported below (a parse error, or a day the month does not have)
        }
        throw new FhirDataException(resource, element, value, "not a FHIR date");
    }

    private static boolean isoDigits(String v) {
        for (int i = 0; i < 10; i++) {
            char c = v.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (v.charAt(i) - '0');
        }
        return n;
    }

    /** @return the date of a member ({@link #date(String, FhirResource, String)}); not a JSON string: an error */
    static LocalDate date(JsonNode n, String field, FhirResource resource, String element) {
        return date(string(n, field, resource, element, "not a FHIR date"), resource, element);
    }

    /**
     * @return a member's text, or {@code null} when absent or null
     * @throws FhirDataException when it is not a JSON string (FHIR's string, code and date types are)
     */
    static String string(JsonNode n, String field, FhirResource resource, String element, String message) {
        JsonNode v = n.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new FhirDataException(resource, element, v.isValueNode() ? v.asText() : v.toString(), message);
        }
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * A FHIR decimal or integer the mapping needs.
     *
     * @return the member's value, or {@code null} when absent or null
     * @throws FhirDataException when it is not a JSON number ({@code "abc"}, {@code "2.5"}, {@code true})
     */
    static JsonNode number(JsonNode n, String field, FhirResource resource, String element) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new FhirDataException(resource, element, v.isValueNode() ? v.asText() : v.toString(), "not a number");
        }
        return v;
    }

    /**
     * An element of a complex type (a Quantity, a Period) the mapping needs.
     *
     * @return the member, or an empty object when absent or null
     * @throws FhirDataException when it is not a JSON object
     */
    static JsonNode object(JsonNode n, String field, FhirResource resource, String type) {
        JsonNode v = n.get(field);
        if (v != null && !v.isNull() && !v.isObject()) {
            throw new FhirDataException(resource, field, v.isValueNode() ? v.asText() : v.toString(), "not a " + type);
        }
        return v == null || v.isNull() ? EMPTY : v;
    }

    /** @return a Period member ({@link #object}) */
    static JsonNode period(JsonNode n, String field, FhirResource resource) {
        return object(n, field, resource, "Period");
    }

    /** The patient's name for display: {@code name[0].text}, else its given names and family name. */
    static String name(JsonNode patient) {
        JsonNode n = first(patient, "name");
        String text = text(n, "text");
        if (text != null && !text.isBlank()) {
            return text.strip();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode g : n.path("given")) {
            sb.append(sb.length() == 0 ? "" : " ").append(g.asText());
        }
        String family = text(n, "family");
        if (family != null) {
            sb.append(sb.length() == 0 ? "" : " ").append(family);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static String ref(FhirResource r, JsonNode cc, LocalDate date) {
        return r.ref() + " " + text(firstCoding(cc), "code") + (date == null ? "" : " " + date);
    }

    static LocalDate start(JsonNode period, FhirResource r, String element) {
        return date(period, "start", r, element + ".start");
    }

    static LocalDate end(JsonNode period, FhirResource r, String element) {
        return date(period, "end", r, element + ".end");
    }

    /** A Quantity's unit: its code, else its unit text. */
    static String unit(JsonNode quantity) {
        String code = text(quantity, "code");
        if (code != null && !code.isEmpty()) {
            return code;
        }
        String unit = text(quantity, "unit");
        return unit == null ? "" : unit;
    }

    /**
     * Unit conversions into the record's units; {@code null} for a unit we cannot convert (each branch is a boxed
     * {@code Double}: a {@code double} beside {@code null} in one conditional would unbox the {@code null}).
     */
    static Double convert(String field, double v, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        Double same = v;
        return switch (field) {
            case "serum25OHDNgPerMl" -> u.contains("nmol") ? Double.valueOf(v / 2.5)
                    : u.isEmpty() || u.contains("ng/ml") ? same : null;
            case "heightCm" -> u.equals("m") ? Double.valueOf(v * 100) : u.contains("in") ? Double.valueOf(v * 2.54)
                    : u.isEmpty() || u.equals("cm") ? same : null;
            case "weightKg" -> u.contains("lb") ? Double.valueOf(v * 0.45359237) : u.equals("g")
                    ? Double.valueOf(v / 1000) : u.isEmpty() || u.equals("kg") ? same : null;
            default -> same;
        };
    }
}
