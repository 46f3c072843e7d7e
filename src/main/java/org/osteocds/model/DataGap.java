package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * Something the rules could not judge because a field was unknown, or could not use (a medicine name no table
 * knows).
 *
 * @param field  the field's contract name
 * @param detail what exactly, for example "not recognised: prednisne"; {@code null} when the field is simply missing
 * @param blocks the advice codes that could not be judged without it, sorted (may be empty)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"field", "detail", "blocks"})
public record DataGap(String field, String detail, List<String> blocks) {
    /** Validates and copies. */
    public DataGap {
        Objects.requireNonNull(field, "field");
        blocks = List.copyOf(blocks);
    }

    /**
     * @param field  the missing field
     * @param blocks the codes it blocks
     * @return the gap, without a detail
     */
    public static DataGap of(String field, List<String> blocks) {
        return new DataGap(field, null, blocks);
    }
}
