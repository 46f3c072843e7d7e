package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Sex assigned at birth, as used by the intake tables and the screening rules. */
public enum Sex {
    /** female */
    FEMALE("female"),
    /** male */
    MALE("male");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    /** @return the contract spelling, {@code female} or {@code male} */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * @param code {@code female} or {@code male}
     * @return the matching value
     * @throws IllegalArgumentException for any other text
     */
    public static Sex fromCode(String code) {
        for (Sex s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("sex must be female or male");
    }
}
