package org.osteocds.internal.facts;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small text and number helpers the rules import as functions. No clinical knowledge lives here. */
public final class Text {
    private Text() {
    }

    /**
     * @param v a number
     * @return it without a needless {@code .0}: {@code 7}, {@code 7.5}
     */
    public static String num(Double v) {
        if (v == null) {
            return "unknown";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * @param v a number or {@code null}
     * @return the number, or 0 when unknown
     */
    public static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /**
     * Joins descriptions of several facts, sorted and without repeats.
     *
     * @param parts the texts
     * @return them joined by {@code "; "}
     */
    public static String joined(Collection<String> parts) {
        return parts.stream().distinct().sorted().collect(Collectors.joining("; "));
    }
}
