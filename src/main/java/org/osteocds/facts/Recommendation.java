package org.osteocds.facts;

import org.osteocds.model.Indicator;

/**
 * Given by an advice rule to {@link Output} ({@code output.add( new Recommendation( ... ) )}): give this advice
 * code, for this reason. Output, not a fact: no rule matches it. The engine turns it into an
 * {@link org.osteocds.model.Advice} with the texts and evidence of the advice catalogue.
 *
 * @param patient   whose
 * @param code      the advice code; must be in the catalogue
 * @param rule      the name of the rule that gave it
 * @param rationale which values of the record triggered it
 * @param indicator an indicator that overrides the catalogue's, or {@code null}
 * @param evidence  evidence ids cited besides the catalogue's for this code ({@code ;}-separated), or {@code null}:
 *                  for example the source of each medicine class a review names
 */
public record Recommendation(Patient patient, String code, String rule, String rationale, Indicator indicator,
                             String evidence) implements OfPatient {
    /**
     * @param patient   whose
     * @param code      the advice code
     * @param rule      the rule's name
     * @param rationale why
     */
    public Recommendation(Patient patient, String code, String rule, String rationale) {
        this(patient, code, rule, rationale, null, null);
    }

    /**
     * @param patient   whose
     * @param code      the advice code
     * @param rule      the rule's name
     * @param rationale why
     * @param indicator an indicator that overrides the catalogue's
     */
    public Recommendation(Patient patient, String code, String rule, String rationale, Indicator indicator) {
        this(patient, code, rule, rationale, indicator, null);
    }
}
