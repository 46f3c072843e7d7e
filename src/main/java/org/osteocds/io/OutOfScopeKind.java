package org.osteocds.io;

/**
 * Why a record is out of scope, in the few kinds the panel report counts instead of listing the patients one by
 * one. Read from the assessment's {@code reason}, as the bundled rules word it ({@code rules/classification/}).
 */
enum OutOfScopeKind {
    /** died on or before the assessment date: {@code died on ...} or {@code deceased ...} */
    DECEASED("deceased", "no advice is given after death"),
    /** under 6 years old: {@code aged N: the rules cover ages 6 and over} */
    UNDER_6("under 6 years old", "the rules cover ages 6 and over"),
    /** neither a birth date nor an age: {@code age unknown: ...} */
    AGE_UNKNOWN("age unknown", "record a birth date or an age to have these patients assessed"),
    /** any other reason a ruleset gives */
    OTHER("another reason", "the reasons are listed below");

    private final String label;
    private final String note;

    OutOfScopeKind(String label, String note) {
        this.label = label;
        this.note = note;
    }

    /** @return a few plain words naming the kind */
    String label() {
        return label;
    }

    /** @return what the clinician should know about it */
    String note() {
        return note;
    }

    /** @return whether the report lists the records of this kind (they may need the record fixed) */
    boolean listed() {
        return this == AGE_UNKNOWN || this == OTHER;
    }

    /**
     * @param reason an out-of-scope reason (several are joined by {@code "; "}); death wins over age
     * @return its kind
     */
    static OutOfScopeKind of(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.startsWith("died on") || r.startsWith("deceased") || r.contains("; died on")
                || r.contains("; deceased")) {
            return DECEASED;
        }
        if (r.startsWith("age unknown")) {
            return AGE_UNKNOWN;
        }
        if (r.matches("aged \\d+: the rules cover ages 6 and over.*")) {
            return UNDER_6;
        }
        return OTHER;
    }
}
