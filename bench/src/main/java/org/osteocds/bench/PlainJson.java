package org.osteocds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.LocalDate;
import java.util.List;

/**
 * The readers of a FHIR Bundle as a Jackson tree shared by the classes of the plain-Java evaluation
 * ({@link PlainEvaluator}): the resources of a Bundle, the first element of an array, a text field, a FHIR date and a
 * Quantity's unit.
 */
final class PlainJson {
    private PlainJson() {
    }

    /** Every resource of a Bundle (nested Bundles too). */
    static void collect(JsonNode node, List<JsonNode> out) {
        if ("Bundle".equals(node.path("resourceType").asText())) {
            for (JsonNode e : node.path("entry")) {
                collect(e.path("resource"), out);
            }
        } else if (node.has("resourceType")) {
            out.add(node);
        }
    }

    static JsonNode first(JsonNode array) {
        return array.isArray() && array.size() > 0 ? array.get(0) : MissingNode.getInstance();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() >= 10) {
            return LocalDate.parse(value.substring(0, 10));
        }
        if (value.length() == 4) {
            return LocalDate.of(Integer.parseInt(value), 1, 1);
        }
        if (value.length() == 7) {
            return LocalDate.parse(value + "-01");
        }
        return null;
    }

    static String unit(JsonNode quantity) {
        String code = text(quantity, "code");
        if (code != null && !code.isEmpty()) {
            return code;
        }
        String u = text(quantity, "unit");
        return u == null ? "" : u;
    }
}
