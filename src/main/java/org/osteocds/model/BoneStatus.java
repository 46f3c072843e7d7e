package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Bone status from the lowest known T-score or a recorded diagnosis (advice-catalogue.md). */
public enum BoneStatus {
    /** T-score -1.0 or higher and no diagnosis */
    NORMAL("normal"),
    /** T-score between -2.5 and -1.0, or diagnosed */
    OSTEOPENIA("osteopenia"),
    /** T-score -2.5 or lower, diagnosed, or a hip or vertebral fracture at 50 or over */
    OSTEOPOROSIS("osteoporosis"),
    /** neither a T-score nor a diagnosis */
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
