/**
 * Internal, not public API: FHIR R4 input, grouped by patient and mapped to records through the terminology
 * tables. {@link org.osteocds.io.FhirInput} is its public entry point.
 */
package org.osteocds.internal.fhir;
