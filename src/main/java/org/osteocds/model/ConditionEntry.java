package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One condition or procedure in a patient record: either a condition {@code key} from the input contract
 * (for example {@code rheumatoid-arthritis}, {@code organ-transplant}) or a coded entry ({@code system} and
 * {@code code}: SNOMED CT, ICD-10-CM or CPT) mapped to a key through the terminology tables. An {@code onset} after
 * the assessment date means the condition does not exist for that assessment. Immutable; made by the static
 * factories, so that it can grow without breaking callers. {@link PatientRecord.Builder#build()} validates it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"key", "system", "code", "onset"})
public final class ConditionEntry {
    /** The condition and procedure keys of the input contract. */
    public static final Set<String> KEYS = Set.of(
            "osteoporosis", "osteopenia", "rheumatoid-arthritis", "lupus", "ankylosing-spondylitis",
            "psoriatic-arthritis", "hyperthyroidism", "hyperparathyroidism", "cushing-syndrome", "type-1-diabetes",
            "celiac-disease", "inflammatory-bowel-disease", "malabsorption", "chronic-malnutrition",
            "eating-disorder", "chronic-liver-disease", "end-stage-renal-disease", "chronic-kidney-disease",
            "hypogonadism", "premature-menopause", "amenorrhea", "osteogenesis-imperfecta",
            "ehlers-danlos-syndrome", "marfan-syndrome", "multiple-myeloma", "copd",
            "organ-transplant", "bilateral-oophorectomy", "gastric-bypass", "chemotherapy");

    private final String key;
    private final String system;
    private final String code;
    private final LocalDate onset;

    private ConditionEntry(String key, String system, String code, LocalDate onset) {
        this.key = key;
        this.system = system;
        this.code = code;
        this.onset = onset;
    }

    /**
     * @param key a condition key
     * @return the entry, without an onset date
     */
    public static ConditionEntry of(String key) {
        return new ConditionEntry(key, null, null, null);
    }

    /**
     * @param key   a condition key
     * @param onset its onset date, or {@code null}
     * @return the entry
     */
    public static ConditionEntry of(String key, LocalDate onset) {
        return new ConditionEntry(key, null, null, onset);
    }

    /**
     * @param system the code system URI (SNOMED CT, ICD-10-CM, CPT)
     * @param code   the code
     * @param onset  its onset date, or {@code null}
     * @return the entry, mapped to a key through the terminology tables when assessed
     */
    public static ConditionEntry coded(String system, String code, LocalDate onset) {
        return new ConditionEntry(null, system, code, onset);
    }

    /**
     * The general form, for readers that take what the input gives (validation reports what is missing).
     *
     * @param key    a condition key, or {@code null}
     * @param system a code system, or {@code null}
     * @param code   a code, or {@code null}
     * @param onset  an onset date, or {@code null}
     * @return the entry
     */
    public static ConditionEntry of(String key, String system, String code, LocalDate onset) {
        return new ConditionEntry(key, system, code, onset);
    }

    /** @return the condition key, or {@code null} when coded */
    public String key() { return key; }
    /** @return the code system URI, or {@code null} */
    public String system() { return system; }
    /** @return the code in that system, or {@code null} */
    public String code() { return code; }
    /** @return the onset date, or {@code null} when unknown */
    public LocalDate onset() { return onset; }

    /** @return a short label for messages: the key, else {@code system|code} */
    public String label() {
        if (key != null) {
            return key;
        }
        return (system == null ? "?" : system) + "|" + (code == null ? "?" : code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConditionEntry c && Objects.equals(key, c.key) && Objects.equals(system, c.system)
                && Objects.equals(code, c.code) && Objects.equals(onset, c.onset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, system, code, onset);
    }

    @Override
    public String toString() {
        return "ConditionEntry[" + label() + (onset == null ? "" : " onset " + onset) + "]";
    }
}
