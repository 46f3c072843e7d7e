package org.osteocds.facts;

/** Whether an activity target is met. */
public enum Outcome {
    /** the record shows the target is met */
    MET,
    /** the record shows the target is not met */
    NOT_MET,
    /** the record does not say */
    UNKNOWN
}
