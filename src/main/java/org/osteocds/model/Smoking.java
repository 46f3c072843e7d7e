package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Tobacco smoking status. */
public enum Smoking {
    /** smokes now */
    CURRENT("current"),
    /** smoked in the past */
    FORMER("former"),
    /** never smoked */
    NEVER("never");

    private final String code;

    Smoking(String code) {
        this.code = code;
    }

    /** @return the contract spelling */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * @param code {@code current}, {@code former} or {@code never}
     * @return the matching value
     * @throws IllegalArgumentException for any other text
     */
    public static Smoking fromCode(String code) {
        for (Smoking s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("smoking must be current, former or never");
    }
}
