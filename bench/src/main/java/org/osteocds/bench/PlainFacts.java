package org.osteocds.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plain-Java evaluation ({@link PlainEvaluator}) gathers from one patient's resources before it decides: the
 * latest value of each measurement, the flags, the condition keys with their onsets, the dates of the left and right
 * oophorectomies, and the medicines. One per patient, filled in resource order by {@link PlainObservations},
 * {@link PlainConditions} and {@link PlainMedicines}, then read by {@link PlainDecision}.
 */
final class PlainFacts {
    /** The measurements kept as their latest value. */
    static final List<String> FIELDS = List.of("tScore", "tScoreLumbarSpine", "tScoreFemoralNeck", "zScore", "frax",
            "alcohol", "bmi", "height", "weight", "smoking", "lastDxa");

    final LocalDate asOf;
    final LocalDate birth;
    final Map<String, Latest> latest = new HashMap<>();
    boolean parentalHip = false;
    boolean postmenopausalFlag = false;
    boolean fragility = false;
    boolean hipOrVertebral = false;
    final List<String[]> conditions = new ArrayList<>();   // key, onset (may be null)
    LocalDate left = null;
    LocalDate right = null;
    final List<PlainMedicines.Med> meds = new ArrayList<>();
    /** MedicationAdministrations joined by medicine: system|code|text to the medicine given. */
    final Map<String, PlainMedicines.Med> administered = new LinkedHashMap<>();

    /**
     * @param asOf  the assessment date
     * @param birth the patient's birth date
     */
    PlainFacts(LocalDate asOf, LocalDate birth) {
        this.asOf = asOf;
        this.birth = birth;
        for (String f : FIELDS) {
            latest.put(f, new Latest());
        }
    }

    /** Latest-value holder: a dated value wins over an earlier or undated one. */
    static final class Latest {
        Object value;
        LocalDate date;
        boolean set;

        void offer(Object v, LocalDate d, LocalDate asOf) {
            if (d != null && d.isAfter(asOf)) {
                return;
            }
            if (!set || (d != null && (date == null || !d.isBefore(date)))) {
                value = v;
                date = d;
                set = true;
            }
        }

        Double num() {
            return (Double) value;
        }
    }
}
