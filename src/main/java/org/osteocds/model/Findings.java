package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * What the rules inferred about a patient, reported with every assessment so a clinician sees why.
 *
 * @param ageGroup    the age group at the assessment date
 * @param boneStatus  bone status from T-scores or diagnoses
 * @param riskFactors the fracture risk factors found, ordered by key
 */
@JsonPropertyOrder({"ageGroup", "boneStatus", "riskFactors"})
public record Findings(AgeGroup ageGroup, BoneStatus boneStatus, List<RiskFactor> riskFactors) {
    /** Validates and copies. {@code ageGroup} may be {@code null} only when the age is unknown. */
    public Findings {
        Objects.requireNonNull(boneStatus, "boneStatus");
        riskFactors = List.copyOf(riskFactors);
    }

    /**
     * @param key a risk-factor key
     * @return whether that risk factor was found
     */
    public boolean hasRiskFactor(String key) {
        return riskFactors.stream().anyMatch(r -> r.key().equals(key));
    }
}
