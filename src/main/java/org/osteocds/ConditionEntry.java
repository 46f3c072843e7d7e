package org.osteocds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;

/**
 * One condition or procedure in a patient record: either a condition {@code key} from the input contract
 * (for example {@code rheumatoid-arthritis}, {@code organ-transplant}) or a coded entry ({@code system} and
 * {@code code}: SNOMED CT, ICD-10-CM or CPT) mapped to a key through the terminology tables. An {@code onset} after
 * the assessment date means the condition does not exist for that assessment.
 *
 * @param key    a condition key, or {@code null} when coded
 * @param system code system URI, or {@code null}
 * @param code   code in that system, or {@code null}
 * @param onset  onset date, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "system", "code", "onset"})
public record ConditionEntry(String key, String system, String code, LocalDate onset) {

    /**
     * @param key a condition key
     * @return the entry, without an onset date
     */
    public static ConditionEntry of(String key) {
        return new ConditionEntry(key, null, null, null);
    }

    /**
     * @param key   a condition key
     * @param onset its onset date
     * @return the entry
     */
    public static ConditionEntry of(String key, LocalDate onset) {
        return new ConditionEntry(key, null, null, onset);
    }

    /** @return a short label for messages: the key, else {@code system|code} */
    public String label() {
        if (key != null) {
            return key;
        }
        return (system == null ? "?" : system) + "|" + (code == null ? "?" : code);
    }
}
