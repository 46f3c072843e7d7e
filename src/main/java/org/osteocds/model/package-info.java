/**
 * The contracts: the patient record going in ({@link org.osteocds.model.PatientRecord}, with
 * {@link org.osteocds.model.Medication} and {@link org.osteocds.model.ConditionEntry}) and the assessment coming out
 * ({@link org.osteocds.model.Assessment}, with its advice, findings, data gaps and errors), exactly as
 * {@code patient-record.md} and {@code assessment-output.md} name them; plus the ruleset identity and rule
 * problems. Immutable values; nothing here knows of Drools, HAPI FHIR or the command line.
 */
package org.osteocds.model;
