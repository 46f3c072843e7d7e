package org.osteocds.model;

/** The advice categories of the catalogue. Serialized by name, upper case, as in the output contract. */
public enum Category {
    /** exercise and physical activity */
    EXERCISE,
    /** calcium and vitamin D */
    NUTRITION,
    /** alcohol, smoking, falls, body weight */
    LIFESTYLE,
    /** medicines and conditions that affect bone */
    MEDICATION,
    /** bone-density testing */
    SCREENING,
    /** referral to a clinician */
    REFERRAL
}
