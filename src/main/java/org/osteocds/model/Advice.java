package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One piece of advice for one patient.
 *
 * @param code      stable code from the advice catalogue, for example {@code NUTRITION-CALCIUM-INCREASE}
 * @param category  its category
 * @param indicator how urgent it is
 * @param summary   plain-language one-liner for the patient, at most 140 characters
 * @param clinicianSummary one-liner for the clinician (the CDS Hooks card's summary), at most 140 characters
 * @param detail    clinician-facing detail
 * @param rationale which values of this record triggered it
 * @param evidence  the citations behind it, at least one
 * @param rule      the name of the rule that produced it
 */
@JsonPropertyOrder({"code", "category", "indicator", "summary", "clinicianSummary", "detail", "rationale", "evidence",
    "rule"})
public record Advice(String code, Category category, Indicator indicator, String summary, String clinicianSummary,
                     String detail, String rationale, List<Evidence> evidence, String rule) {

    /** The longest summary allowed. */
    public static final int MAX_SUMMARY_LENGTH = 140;

    /** Validates the catalogue's guarantees: a short summary, at least one citation, a rule name. */
    public Advice {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(clinicianSummary, "clinicianSummary");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(rule, "rule");
        evidence = List.copyOf(evidence);
        if (summary.length() > MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException(code + ": summary is " + summary.length()
                    + " characters, more than " + MAX_SUMMARY_LENGTH);
        }
        if (clinicianSummary.length() > MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException(code + ": clinicianSummary is " + clinicianSummary.length()
                    + " characters, more than " + MAX_SUMMARY_LENGTH);
        }
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException(code + ": advice needs at least one evidence citation");
        }
        if (rule.isBlank()) {
            throw new IllegalArgumentException(code + ": advice needs the name of its rule");
        }
    }
}
