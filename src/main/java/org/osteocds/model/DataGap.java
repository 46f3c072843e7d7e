package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * Something the rules could not judge because a field was unknown.
 *
 * @param field  the missing field's contract name
 * @param blocks the advice codes that could not be judged without it, sorted
 */
@JsonPropertyOrder({"field", "blocks"})
public record DataGap(String field, List<String> blocks) {
    /** Validates and copies. */
    public DataGap {
        Objects.requireNonNull(field, "field");
        blocks = List.copyOf(blocks);
    }
}
