package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one input record. */
public enum AssessmentStatus {
    /** the rules ran; advice, findings and data gaps are filled in */
    ASSESSED("assessed"),
    /** the record broke the input contract; errors says why */
    INVALID("invalid"),
    /** the record is outside what the rules judge (for example under 6); reason says why */
    OUT_OF_SCOPE("out-of-scope"),
    /** a rule threw or ran away on this record; errors names the rule */
    FAILED("failed");

    private final String code;

    AssessmentStatus(String code) {
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
    public static AssessmentStatus fromCode(String code) {
        for (AssessmentStatus v : values()) {
            if (v.code.equals(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown AssessmentStatus: " + code);
    }

    @Override
    public String toString() {
        return code;
    }
}
