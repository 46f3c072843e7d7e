package org.osteocds;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;

/**
 * The catalogue's definitions of who is who, written again in plain Java from advice-catalogue.md (not from the
 * rules), so property tests can check the rules against an independent reading.
 */
final class Who {
    /** The glucocorticoids among {@link RandomRecords}' names (budesonide counts when the record gives its equivalent). */
    static final Set<String> GLUCOCORTICOIDS = Set.of("prednisone", "prednisolone", "dexamethasone", "budesonide");

    private Who() {
    }

    /** @return age in whole years on asOf, from the birth date if given, else the recorded age */
    static int age(PatientRecord r, LocalDate asOf) {
        return r.birthDate() != null ? Period.between(r.birthDate(), asOf).getYears() : r.age();
    }

    /** @return whether the record has the condition on asOf (no onset, or an onset not after asOf) */
    static boolean has(PatientRecord r, String key, LocalDate asOf) {
        if (r.conditions() == null) {
            return false;
        }
        for (ConditionEntry c : r.conditions()) {
            if (c.key().equals(key) && (c.onset() == null || !c.onset().isAfter(asOf))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bone status: a postmenopausal woman is an adult recorded postmenopausal, with premature menopause (flag or
     * condition) or a bilateral oophorectomy (which say she is a woman when the sex is not recorded), or a woman of
     * 50 or over not recorded as premenopausal. Children are never classified as postmenopausal.
     */
    static boolean postmenopausal(PatientRecord r, LocalDate asOf) {
        int age = age(r, asOf);
        if (r.sex() == Sex.MALE || age < 18) {
            return false;
        }
        return Boolean.TRUE.equals(r.postmenopausal()) || Boolean.TRUE.equals(r.prematureMenopause())
                || has(r, "premature-menopause", asOf) || has(r, "bilateral-oophorectomy", asOf)
                || (r.sex() == Sex.FEMALE && age >= 50 && !Boolean.FALSE.equals(r.postmenopausal()));
    }

    /** Bone status: T-scores classify postmenopausal women, men 50 and over, and anyone 50 and over of unknown sex. */
    static boolean readByTScore(PatientRecord r, LocalDate asOf) {
        int age = age(r, asOf);
        return postmenopausal(r, asOf) || (r.sex() != Sex.FEMALE && age >= 50);
    }

    /** patient-record.md: no dates means taken now; a start after asOf is ignored; an end before asOf is past use. */
    static boolean takenOn(Medication m, LocalDate asOf) {
        return (m.start() == null || !m.start().isAfter(asOf)) && (m.end() == null || !m.end().isBefore(asOf));
    }
}
