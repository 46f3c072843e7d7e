package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The identity of a compiled ruleset, reported in every assessment.
 *
 * @param id      the ruleset's id, from {@code ruleset.yaml}
 * @param version its version, from {@code ruleset.yaml}
 * @param sha256  hex SHA-256 over every file of the rules folder (relative paths and contents, in path order)
 */
@JsonPropertyOrder({"id", "version", "sha256"})
public record Ruleset(String id, String version, String sha256) {
    /** Validates that all three parts are present. */
    public Ruleset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
    }
}
