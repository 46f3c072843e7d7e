package org.osteocds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;

/**
 * One medicine in a patient record. A {@code name} alone is enough for the built-in classes (matched
 * case-insensitively against generic and brand names); a {@code system}/{@code code} pair (RxNorm or ATC) is matched
 * through the terminology tables. Exposure is given either as {@code durationMonths} or as {@code start} and
 * optional {@code end} dates (no end: still taking it).
 *
 * <p>Construction does no validation, so that a reader can report every problem of a record at once;
 * {@link PatientRecord}'s constructor validates its medications.
 *
 * @param name           generic or brand name, or {@code null} when a code is given
 * @param doseMgPerDay   daily dose in mg (glucocorticoids: prednisone-equivalent), or {@code null}
 * @param durationMonths how long it has been taken, or {@code null}
 * @param route          {@code oral}, {@code inhaled}, {@code topical}, ... or {@code null} (taken as systemic)
 * @param system         code system URI (RxNorm or ATC), or {@code null}
 * @param code           code in that system, or {@code null}
 * @param start          first day taken, or {@code null}
 * @param end            last day taken, or {@code null} when still taking it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "doseMgPerDay", "durationMonths", "route", "system", "code", "start", "end"})
public record Medication(String name, Double doseMgPerDay, Double durationMonths, String route,
                         String system, String code, LocalDate start, LocalDate end) {

    /**
     * A medicine known by name only.
     *
     * @param name generic or brand name
     * @return the medication
     */
    public static Medication named(String name) {
        return new Medication(name, null, null, null, null, null, null, null);
    }

    /**
     * A medicine known by name, daily dose and months taken.
     *
     * @param name           generic or brand name
     * @param doseMgPerDay   daily dose in mg, or {@code null}
     * @param durationMonths months taken, or {@code null}
     * @return the medication
     */
    public static Medication of(String name, Double doseMgPerDay, Double durationMonths) {
        return new Medication(name, doseMgPerDay, durationMonths, null, null, null, null, null);
    }

    /** @return a short label for messages: the name, else {@code system|code} */
    public String label() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return (system == null ? "?" : system) + "|" + (code == null ? "?" : code);
    }
}
