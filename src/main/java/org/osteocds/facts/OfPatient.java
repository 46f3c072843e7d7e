package org.osteocds.facts;

/**
 * A fact about one patient. Every fact a rule matches or inserts names its patient, so that many patients can share
 * one session, and so that the engine can tell whose record a rule fired for (the per-record firing limit).
 */
public interface OfPatient {
    /** @return whose fact this is */
    Patient patient();
}
