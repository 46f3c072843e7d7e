package org.osteocds;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One problem with one field of an input record.
 *
 * @param field   the field's contract name (for example {@code age}, {@code medications[1].doseMgPerDay}),
 *                or the rule's name for a {@code failed} assessment
 * @param value   the offending value as text, or {@code null} when there was none
 * @param message what is wrong, in words
 */
@JsonPropertyOrder({"field", "value", "message"})
public record RecordError(String field, String value, String message) {
    /** Validates that field and message are present. */
    public RecordError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + (value == null ? "" : " = " + value) + ": " + message;
    }
}
