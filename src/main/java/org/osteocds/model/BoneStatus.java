package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Bone status (advice-catalogue.md, catalogue 1.1): from the T-score for postmenopausal women and men aged 50 and
 * over, from the Z-score for everyone else, or from a recorded diagnosis or fractures.
 */
public enum BoneStatus {
    /** T-score -1.0 or higher and no diagnosis */
    NORMAL("normal"),
    /** T-score between -2.5 and -1.0, or diagnosed */
    OSTEOPENIA("osteopenia"),
    /** T-score -2.5 or lower, diagnosed, a low-trauma hip or vertebral fracture, or osteopenia with a fracture */
    OSTEOPOROSIS("osteoporosis"),
    /** read by Z-score: Z-score -2.0 or lower */
    BELOW_EXPECTED_FOR_AGE("below-expected-for-age"),
    /** read by Z-score: Z-score above -2.0 */
    WITHIN_EXPECTED_FOR_AGE("within-expected-for-age"),
    /** no score that classifies, no diagnosis, no qualifying fracture */
    UNKNOWN("unknown");

    private final String code;

    BoneStatus(String code) {
        this.code = code;
    }

    /** @return the contract spelling */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * @param code the contract spelling
     * @return the matching value
     * @throws IllegalArgumentException for any other text
     */
    public static BoneStatus fromCode(String code) {
        for (BoneStatus v : values()) {
            if (v.code.equals(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown BoneStatus: " + code);
    }

    @Override
    public String toString() {
        return code;
    }
}
