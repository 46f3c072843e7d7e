package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The age group a patient falls in at the assessment date (advice-catalogue.md, Age groups). */
public enum AgeGroup {
    /** under 6 years: out of scope */
    UNDER_6("under-6"),
    /** 6 to 17 years */
    CHILD("child"),
    /** 18 to 64 years */
    ADULT("adult"),
    /** 65 years and over (also an adult) */
    OLDER_ADULT("older-adult");

    private final String code;

    AgeGroup(String code) {
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
    public static AgeGroup fromCode(String code) {
        for (AgeGroup v : values()) {
            if (v.code.equals(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown AgeGroup: " + code);
    }

    @Override
    public String toString() {
        return code;
    }
}
