package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One medicine in a patient record. A {@code name} alone is enough for the built-in classes (matched
 * case-insensitively against generic and brand names); a {@code system}/{@code code} pair (RxNorm or ATC) is matched
 * through the terminology tables. Exposure is given either as {@code durationMonths} (taken now, for that long) or as
 * {@code start} and optional {@code end} dates (no end: still taking it; for a medicine given at intervals, such as
 * an infusion, {@code end} is the date of the last dose).
 *
 * <p>{@code doseMgPerDay} is the dose of the named medicine as taken; the engine converts a glucocorticoid to
 * prednisone-equivalent through the terminology tables. A system that holds only the equivalent gives
 * {@code prednisoneEquivalentMgPerDay} instead (giving both is an error). {@code doseMg} is the amount of one dose of a
 * medicine given at intervals (denosumab 60). Immutable; made by the factories or {@link #builder()}, so that it can
 * grow without breaking callers. {@link PatientRecord.Builder#build()} validates it with the rest of the record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"name", "doseMgPerDay", "doseMg", "prednisoneEquivalentMgPerDay", "durationMonths", "route",
    "system", "code", "start", "end"})
public final class Medication {
    private final String name;
    private final Double doseMgPerDay;
    private final Double doseMg;
    private final Double prednisoneEquivalentMgPerDay;
    private final Double durationMonths;
    private final String route;
    private final String system;
    private final String code;
    private final LocalDate start;
    private final LocalDate end;

    private Medication(Builder b) {
        name = b.name;
        doseMgPerDay = b.doseMgPerDay;
        doseMg = b.doseMg;
        prednisoneEquivalentMgPerDay = b.prednisoneEquivalentMgPerDay;
        durationMonths = b.durationMonths;
        route = b.route;
        system = b.system;
        code = b.code;
        start = b.start;
        end = b.end;
    }

    /**
     * A medicine known by name only.
     *
     * @param name generic or brand name
     * @return the medication
     */
    public static Medication named(String name) {
        return builder().name(name).build();
    }

    /**
     * A medicine known by name, daily dose and months taken (taken now).
     *
     * @param name           generic or brand name
     * @param doseMgPerDay   daily dose of this medicine in mg, or {@code null}
     * @param durationMonths months taken so far, or {@code null}
     * @return the medication
     */
    public static Medication of(String name, Number doseMgPerDay, Number durationMonths) {
        return builder().name(name).doseMgPerDay(doseMgPerDay).durationMonths(durationMonths).build();
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this medicine's values */
    public Builder toBuilder() {
        return builder().name(name).doseMgPerDay(doseMgPerDay).doseMg(doseMg)
                .prednisoneEquivalentMgPerDay(prednisoneEquivalentMgPerDay).durationMonths(durationMonths)
                .route(route).system(system).code(code).start(start).end(end);
    }

    /** @return generic or brand name, or {@code null} when a code is given */
    public String name() { return name; }
    /** @return daily dose of this medicine in mg, or {@code null} */
    public Double doseMgPerDay() { return doseMgPerDay; }
    /** @return the amount of one dose in mg, for medicines given at intervals, or {@code null} */
    public Double doseMg() { return doseMg; }
    /** @return the daily dose as prednisone-equivalent mg, when a system holds only that, or {@code null} */
    public Double prednisoneEquivalentMgPerDay() { return prednisoneEquivalentMgPerDay; }
    /** @return how long it has been taken, in months (30 days each), or {@code null} */
    public Double durationMonths() { return durationMonths; }
    /** @return {@code oral}, {@code inhaled}, {@code intravenous}, ... or {@code null} (taken as systemic) */
    public String route() { return route; }
    /** @return code system URI (RxNorm or ATC), or {@code null} */
    public String system() { return system; }
    /** @return code in that system, or {@code null} */
    public String code() { return code; }
    /** @return first day taken, or {@code null} */
    public LocalDate start() { return start; }
    /** @return last day taken (or last dose), or {@code null} when still taking it */
    public LocalDate end() { return end; }

    /** @return a short label for messages: the name, else {@code system|code} */
    public String label() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return (system == null ? "?" : system) + "|" + (code == null ? "?" : code);
    }

    private Object[] values() {
        return new Object[] {name, doseMgPerDay, doseMg, prednisoneEquivalentMgPerDay, durationMonths, route, system,
            code, start, end};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Medication m && Arrays.equals(values(), m.values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }

    @Override
    public String toString() {
        return "Medication" + Arrays.toString(values());
    }

    /** Builds a {@link Medication}. Numeric setters take any {@link Number} or {@code null}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private Double doseMgPerDay;
        private Double doseMg;
        private Double prednisoneEquivalentMgPerDay;
        private Double durationMonths;
        private String route;
        private String system;
        private String code;
        private LocalDate start;
        private LocalDate end;

        private Builder() {
        }

        private static Double d(Number v) { return v == null ? null : v.doubleValue(); }

        /** @param v generic or brand name @return this builder */
        public Builder name(String v) { name = v; return this; }
        /** @param v daily dose of this medicine in mg @return this builder */
        public Builder doseMgPerDay(Number v) { doseMgPerDay = d(v); return this; }
        /** @param v amount of one dose in mg @return this builder */
        public Builder doseMg(Number v) { doseMg = d(v); return this; }
        /** @param v daily dose as prednisone-equivalent mg @return this builder */
        public Builder prednisoneEquivalentMgPerDay(Number v) { prednisoneEquivalentMgPerDay = d(v); return this; }
        /** @param v months taken so far @return this builder */
        public Builder durationMonths(Number v) { durationMonths = d(v); return this; }
        /** @param v route of administration @return this builder */
        public Builder route(String v) { route = v; return this; }
        /** @param v code system URI @return this builder */
        public Builder system(String v) { system = v; return this; }
        /** @param v code @return this builder */
        public Builder code(String v) { code = v; return this; }
        /** @param v first day taken @return this builder */
        public Builder start(LocalDate v) { start = v; return this; }
        /** @param v last day taken, or last dose @return this builder */
        public Builder end(LocalDate v) { end = v; return this; }

        /** @return the medication (validated with its record) */
        public Medication build() {
            return new Medication(this);
        }
    }
}
