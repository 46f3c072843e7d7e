/**
 * osteo-cds: clinical decision support for bone health. The entry point is {@link org.osteocds.OsteoCds};
 * the input contract is {@link org.osteocds.model.PatientRecord}, the output contract {@link org.osteocds.model.Assessment}.
 * {@link org.osteocds.io.PatientRecords} reads records from JSON, NDJSON and CSV and writes assessments as JSON.
 */
package org.osteocds;
