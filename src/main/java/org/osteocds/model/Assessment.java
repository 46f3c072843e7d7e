package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The result of assessing one record: the output contract of {@code ../shared/spec/assessment-output.md}.
 * Serialized by Jackson to exactly that JSON ({@code findings} and {@code reason} are left out when {@code null}).
 *
 * @param patientId the record's id, or {@code line N} / {@code row N} / {@code #N} when the id was unreadable
 * @param asOf      the assessment date
 * @param status    what became of the record
 * @param ruleset   the ruleset that assessed it
 * @param findings  what the rules inferred; {@code null} for {@code invalid} and {@code failed}
 * @param advice    advice, most urgent first (critical, warning, info, then by code); empty unless assessed
 * @param dataGaps  what could not be judged, by field
 * @param errors    validation errors ({@code invalid}) or the failing rule ({@code failed}); else empty
 * @param reason    why the record is {@code out-of-scope}; else {@code null}
 * @param source    where the record came from, when read from a file; else {@code null}
 * @param patient   who it is about, for views (name, age, sex); not written to JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"patientId", "source", "asOf", "status", "reason", "ruleset", "findings", "advice", "dataGaps",
    "errors"})
public record Assessment(String patientId, LocalDate asOf, AssessmentStatus status, Ruleset ruleset,
                         Findings findings, List<Advice> advice, List<DataGap> dataGaps,
                         List<RecordError> errors, String reason, RecordSource source,
                         @JsonIgnore PatientSummary patient) {

    /** The order advice is listed in: critical, warning, info, then by code. */
    public static final Comparator<Advice> ADVICE_ORDER =
            Comparator.comparing(Advice::indicator).thenComparing(Advice::code);

    /** Validates the status-dependent shape and sorts the advice. */
    public Assessment {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(ruleset, "ruleset");
        Advice[] sorted = advice.toArray(new Advice[0]);
        java.util.Arrays.sort(sorted, ADVICE_ORDER);
        advice = List.of(sorted);
        dataGaps = List.copyOf(dataGaps);
        errors = List.copyOf(errors);
        if (status != AssessmentStatus.ASSESSED && !advice.isEmpty()) {
            throw new IllegalArgumentException("only an assessed record carries advice, not " + status);
        }
        if ((status == AssessmentStatus.INVALID || status == AssessmentStatus.FAILED) && errors.isEmpty()) {
            throw new IllegalArgumentException(status + " needs at least one error");
        }
        if (status == AssessmentStatus.OUT_OF_SCOPE && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("out-of-scope needs a reason");
        }
        patient = patient == null ? PatientSummary.UNKNOWN : patient;
    }

    /**
     * An assessment for a record that failed validation.
     *
     * @param patientId the id, or a source locator such as {@code line 7}
     * @param asOf      the assessment date
     * @param ruleset   the ruleset in use
     * @param errors    every problem found
     * @return the {@code invalid} assessment
     */
    public static Assessment invalid(String patientId, LocalDate asOf, Ruleset ruleset, List<RecordError> errors) {
        return new Assessment(patientId, asOf, AssessmentStatus.INVALID, ruleset, null, List.of(), List.of(),
                errors, null, null, null);
    }

    /**
     * @param where where the record came from
     * @return this assessment with its source
     */
    public Assessment withSource(RecordSource where) {
        return new Assessment(patientId, asOf, status, ruleset, findings, advice, dataGaps, errors, reason, where,
                patient);
    }

    /**
     * @param code an advice code
     * @return whether this assessment gives that advice
     */
    public boolean hasAdvice(String code) {
        return advice.stream().anyMatch(a -> a.code().equals(code));
    }

    /** @return the advice codes in output order */
    public List<String> adviceCodes() {
        return advice.stream().map(Advice::code).toList();
    }
}
