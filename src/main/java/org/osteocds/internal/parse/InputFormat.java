package org.osteocds.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a native input is, from its first bytes (and its name where the bytes leave it open): JSON (one record, an
 * array, several of either, NDJSON), CSV, or something no reader here supports, with the reason in words.
 *
 * @param kind   the kind
 * @param reason for {@link Kind#UNSUPPORTED}, why (for example "FHIR XML is not supported: use FHIR JSON")
 */
public record InputFormat(Kind kind, String reason) {
    /** Input kinds. */
    public enum Kind {
        /** JSON values: an object, an array of them, several in a row, or one per line (NDJSON) */
        JSON,
        /** a header row of field names, then one patient per row */
        CSV,
        /** none of these */
        UNSUPPORTED
    }

    /** How many leading bytes detection looks at. */
    public static final int HEAD = 1 << 13;

    /**
     * @param head the first bytes (up to {@link #HEAD})
     * @param n    how many of them there are
     * @param name the file's name, or {@code null}
     * @return what the input is
     */
    public static InputFormat detect(byte[] head, int n, String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
            return unsupported("UTF-16 text is not supported: save it as UTF-8");
        }
        int i = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        int controls = 0;
        for (int k = 0; k < n; k++) {
            int b = head[k] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0C) {
                controls++;   // NUL included: a stray one costs only its record; many make a binary file
            }
        }
        if (controls > n / 20 + 2) {
            return unsupported("not a text file (" + controls + " control bytes in its first " + n + ")");
        }
        if (i == n) {
            return new InputFormat(Kind.JSON, null);   // empty: no records
        }
        int first = head[i];
        if (first == '{' || first == '[') {
            return new InputFormat(Kind.JSON, null);
        }
        if (first == '<' || lower.endsWith(".xml")) {
            String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            return unsupported(text.contains("hl7.org/fhir") ? "FHIR XML is not supported: export FHIR JSON"
                    : "XML is not supported");
        }
        if (lower.endsWith(".json") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            return new InputFormat(Kind.JSON, null);
        }
        String firstLine = new String(head, i, n - i, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        for (String cell : firstLine.split("[,;\t]")) {
            if (RecordMapper.FIELDS.contains(cell.strip().replace("\"", ""))) {
                return new InputFormat(Kind.CSV, null);
            }
        }
        return unsupported("not JSON, and not CSV: its first line names no record field "
                + "(the fields: docs/schemas/patient-record.schema.json, also in the jar under osteocds-schemas/)");
    }

    private static InputFormat unsupported(String why) {
        return new InputFormat(Kind.UNSUPPORTED, why);
    }
}
