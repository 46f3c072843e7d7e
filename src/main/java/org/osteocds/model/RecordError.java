package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * One problem with one field of an input record.
 *
 * @param field   the field's contract name (for example {@code age}, {@code medications[1].doseMgPerDay}),
 *                or {@code rule} for a {@code failed} assessment
 * @param value   the offending value as text, at most {@value #MAX_VALUE_LENGTH} characters (longer values are
 *                cut and end in "..."), or {@code null} when there was none
 * @param message what is wrong, in words
 */
@JsonPropertyOrder({"field", "value", "message"})
public record RecordError(String field, String value, String message) {
    /** The longest value an error echoes. */
    public static final int MAX_VALUE_LENGTH = 80;

    /** Validates that field and message are present and cuts a long value. */
    public RecordError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        value = abbreviate(value);
    }

    /**
     * @param s a text, or {@code null}
     * @return it, or its first 77 characters and "..." when longer than {@value #MAX_VALUE_LENGTH}
     */
    public static String abbreviate(String s) {
        return s == null || s.length() <= MAX_VALUE_LENGTH ? s : s.substring(0, MAX_VALUE_LENGTH - 3) + "...";
    }

    /**
     * A hint for a misspelt name: the known name with the smallest edit distance, when it is close.
     *
     * @param name  what was given
     * @param known the names allowed
     * @return {@code "; did you mean 'x'?"}, or an empty text when nothing is close
     */
    public static String didYouMean(String name, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String n = name.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(n, k.toLowerCase(Locale.ROOT));
            if (d < bestD || (d == bestD && best != null && k.compareTo(best) < 0)) {
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

    @Override
    public String toString() {
        return field + (value == null ? "" : " = " + value) + ": " + message;
    }
}
