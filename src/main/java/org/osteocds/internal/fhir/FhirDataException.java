package org.osteocds.internal.fhir;

import org.osteocds.model.RecordError;

/** A FHIR element whose value breaks its datatype: it makes its patient's record invalid, and only that one. */
final class FhirDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RecordError error;

    FhirDataException(FhirResource resource, String element, String value, String message) {
        super(resource.ref() + " " + element + ": " + message);
        this.error = new RecordError(resource.ref() + "." + element, value, message);
    }

    RecordError error() {
        return error;
    }
}
