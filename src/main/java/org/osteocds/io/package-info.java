/**
 * Readers and writers: native records in ({@link org.osteocds.io.PatientRecords}: JSON, NDJSON, CSV), FHIR R4 in
 * ({@link org.osteocds.io.FhirInput}), and assessments out as JSON, CSV rows, CDS Hooks cards, an HTML panel report
 * and clinic worklists (the {@link org.osteocds.io.AssessmentWriter}s).
 */
package org.osteocds.io;
