package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A citation behind an advice.
 *
 * @param citation  short citation (authors, year, journal)
 * @param url       a link or DOI address
 * @param certainty how sure the evidence is, stated honestly: {@code high}, {@code moderate}, {@code low}, {@code mixed},
 *                  {@code guideline} or {@code consensus}
 */
@JsonPropertyOrder({"citation", "url", "certainty"})
public record Evidence(String citation, String url, String certainty) {
    /** Validates that all three parts are present. */
    public Evidence {
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certainty, "certainty");
    }
}
