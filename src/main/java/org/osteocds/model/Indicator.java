package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent an advice is, as in CDS Hooks cards. Declared most urgent first. */
public enum Indicator {
    /** act now */
    CRITICAL("critical"),
    /** needs attention */
    WARNING("warning"),
    /** for information */
    INFO("info");

    private final String code;

    Indicator(String code) {
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
    public static Indicator fromCode(String code) {
        for (Indicator v : values()) {
            if (v.code.equals(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Indicator: " + code);
    }

    @Override
    public String toString() {
        return code;
    }
}
