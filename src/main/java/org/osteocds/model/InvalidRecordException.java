package org.osteocds.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a patient record breaks the input contract; carries every problem found, not just the first. */
public final class InvalidRecordException extends IllegalArgumentException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The record id, or null. */
    private final String patientId;
    private final transient List<RecordError> errors;

    /**
     * @param patientId the record's id, or {@code null} when it could not be read
     * @param errors    the problems, at least one
     */
    public InvalidRecordException(String patientId, List<RecordError> errors) {
        super("invalid record" + (patientId == null ? "" : " " + patientId) + ": "
                + errors.stream().map(RecordError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid record needs at least one error");
        }
        this.patientId = patientId;
        this.errors = List.copyOf(errors);
    }

    /** @return the record's id, or {@code null} when it could not be read */
    public String patientId() {
        return patientId;
    }

    /** @return every problem found, in field order */
    public List<RecordError> errors() {
        return errors;
    }
}
