package org.osteocds.model;

import java.util.List;

/**
 * One record as read from an input: either a valid {@link PatientRecord} or the errors that kept it from being
 * one. Readers never drop a record: every input record yields exactly one {@code ParsedRecord}.
 */
public sealed interface ParsedRecord permits ParsedRecord.Valid, ParsedRecord.Invalid {

    /** @return where the record came from: file, and line, row or position ({@code #N}) */
    RecordSource source();

    /**
     * A record that passed the input contract's checks.
     *
     * @param record the record
     * @param source where it came from
     */
    record Valid(PatientRecord record, RecordSource source) implements ParsedRecord {
    }

    /**
     * A record that did not.
     *
     * @param patientId its id when readable, else {@code line N}, {@code row N} or {@code #N} of its source
     * @param source    where it came from
     * @param errors    every problem, each naming field and value
     */
    record Invalid(String patientId, RecordSource source, List<RecordError> errors) implements ParsedRecord {
        /** Copies the errors. */
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
