package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The site of a low-trauma fracture in adulthood, as the record's {@code fractureSites} lists it. */
public enum FractureSite {
    /** hip (implies {@code hipFracture}) */
    HIP("hip"),
    /** vertebra (implies {@code vertebralFracture}) */
    VERTEBRA("vertebra"),
    /** proximal humerus */
    PROXIMAL_HUMERUS("proximal-humerus"),
    /** pelvis */
    PELVIS("pelvis"),
    /** distal forearm (wrist) */
    DISTAL_FOREARM("distal-forearm"),
    /** any other site */
    OTHER("other");

    private final String code;

    FractureSite(String code) {
        this.code = code;
    }

    /** @return the contract spelling, for example {@code distal-forearm} */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * @param code a contract spelling
     * @return the matching site
     * @throws IllegalArgumentException for any other text
     */
    public static FractureSite fromCode(String code) {
        for (FractureSite s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("a fracture site is one of hip, vertebra, proximal-humerus, pelvis, "
                + "distal-forearm, other");
    }
}
