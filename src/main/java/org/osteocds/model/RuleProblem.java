package org.osteocds.model;

import java.util.Objects;

/**
 * One problem found while compiling a rules folder, located like a compiler message.
 *
 * @param file     path relative to the rules folder, with {@code /} separators
 * @param line     1-based line, or 0 when unknown
 * @param column   1-based column, or 0 when unknown
 * @param severity {@code error} or {@code warning}
 * @param message  what is wrong
 */
public record RuleProblem(String file, int line, int column, String severity, String message) {
    /** Validates that file, severity and message are present. */
    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** @return whether this problem stops the rules from loading */
    public boolean isError() {
        return "error".equals(severity);
    }

    /** @return {@code FILE:LINE:COL: severity: message}, as compilers print it */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity + ": " + message;
    }
}
