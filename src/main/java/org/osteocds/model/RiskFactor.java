package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A fracture risk factor found in the record.
 *
 * @param key      stable key from the catalogue, for example {@code current-smoking}
 * @param evidence what in the record shows it, for example {@code smoking = current}
 */
@JsonPropertyOrder({"key", "evidence"})
public record RiskFactor(String key, String evidence) {
    /** Validates that both parts are present. */
    public RiskFactor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(evidence, "evidence");
    }
}
