package org.osteocds.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks of {@code patient-record.md} ("Validation") that need no assessment date: required id, ranges and
 * plausibility limits, finite numbers, dates not before birth, and the consistency of related fields. Every problem
 * is reported, each naming its field and (at most 80 characters of) its value.
 */
final class RecordValidation {
    private RecordValidation() {
    }

    static List<RecordError> check(PatientRecord r) {
        List<RecordError> e = new ArrayList<>();
        if (r.id() == null || r.id().isBlank()) {
            e.add(new RecordError("id", r.id(), "id is required"));
        }
        if (r.age() != null && (r.age() < 0 || r.age() > 120)) {
            e.add(new RecordError("age", String.valueOf(r.age()), "age must be between 0 and 120"));
        }
        range(e, "tScoreLumbarSpine", r.tScoreLumbarSpine(), -7, 5);
        range(e, "tScoreFemoralNeck", r.tScoreFemoralNeck(), -7, 5);
        range(e, "tScoreTotalHip", r.tScoreTotalHip(), -7, 5);
        range(e, "tScore", r.tScore(), -7, 5);
        range(e, "zScore", r.zScore(), -7, 5);
        range(e, "fraxMajorPercent", r.fraxMajorPercent(), 0, 100);
        range(e, "fraxHipPercent", r.fraxHipPercent(), 0, 100);
        if (r.fallsLast12Months() != null) {
            range(e, "fallsLast12Months", r.fallsLast12Months().doubleValue(), 0, 1000);
        }
        range(e, "heightCm", r.heightCm(), 30, 272);
        range(e, "weightKg", r.weightKg(), 0.5, 650);
        range(e, "bmi", r.bmi(), 5, 150);
        range(e, "calciumIntakeMgPerDay", r.calciumIntakeMgPerDay(), 0, 20_000);
        range(e, "vitaminDIntakeIuPerDay", r.vitaminDIntakeIuPerDay(), 0, 1_000_000);
        range(e, "serum25OHDNgPerMl", r.serum25OHDNgPerMl(), 0, 1000);
        range(e, "alcoholDrinksPerWeek", r.alcoholDrinksPerWeek(), 0, 700);
        range(e, "moderateActivityMinutesPerWeek", r.moderateActivityMinutesPerWeek(), 0, 10_080);
        range(e, "vigorousActivityMinutesPerWeek", r.vigorousActivityMinutesPerWeek(), 0, 10_080);
        range(e, "activityMinutesPerDay", r.activityMinutesPerDay(), 0, 1440);
        range(e, "strengthDaysPerWeek", r.strengthDaysPerWeek(), 0, 7);
        range(e, "balanceDaysPerWeek", r.balanceDaysPerWeek(), 0, 7);
        if (r.sex() == Sex.MALE && Boolean.TRUE.equals(r.postmenopausal())) {
            e.add(new RecordError("postmenopausal", "true", "postmenopausal applies to women only"));
        }
        if (r.sex() == Sex.MALE && Boolean.TRUE.equals(r.prematureMenopause())) {
            e.add(new RecordError("prematureMenopause", "true", "prematureMenopause applies to women only"));
        }
        if (r.deceasedDate() != null && Boolean.FALSE.equals(r.deceased())) {
            e.add(new RecordError("deceasedDate", r.deceasedDate().toString(),
                    "deceasedDate is given but deceased is false"));
        }
        LocalDate birth = r.birthDate();
        notBeforeBirth(e, "deceasedDate", r.deceasedDate(), birth);
        notBeforeBirth(e, "lastDxaDate", r.lastDxaDate(), birth);
        if (r.fractureSites() != null && r.fractureSites().contains(null)) {
            e.add(new RecordError("fractureSites", null, "a fracture site must not be empty"));
        }
        if (r.medications() != null) {
            for (int i = 0; i < r.medications().size(); i++) {
                medication(e, "medications[" + i + "]", r.medications().get(i), birth);
            }
        }
        if (r.conditions() != null) {
            for (int i = 0; i < r.conditions().size(); i++) {
                condition(e, "conditions[" + i + "]", r.conditions().get(i), birth);
            }
        }
        return e;
    }

    private static void medication(List<RecordError> e, String field, Medication m, LocalDate birth) {
        if (m == null) {
            e.add(new RecordError(field, null, "a medication entry must not be empty"));
            return;
        }
        boolean named = m.name() != null && !m.name().isBlank();
        boolean coded = m.system() != null && m.code() != null;
        if (!named && !coded) {
            e.add(new RecordError(field, null, "a medication needs a name or a system and code"));
        }
        range(e, field + ".doseMgPerDay", m.doseMgPerDay(), 0, 100_000);
        range(e, field + ".doseMg", m.doseMg(), 0, 100_000);
        range(e, field + ".prednisoneEquivalentMgPerDay", m.prednisoneEquivalentMgPerDay(), 0, 100_000);
        range(e, field + ".durationMonths", m.durationMonths(), 0, 1440);
        if (m.doseMgPerDay() != null && m.prednisoneEquivalentMgPerDay() != null) {
            e.add(new RecordError(field + ".prednisoneEquivalentMgPerDay", num(m.prednisoneEquivalentMgPerDay()),
                    "give either doseMgPerDay (the medicine's own dose) or prednisoneEquivalentMgPerDay, not both"));
        }
        if (m.start() != null && m.end() != null && m.end().isBefore(m.start())) {
            e.add(new RecordError(field + ".end", m.end().toString(), "end is before start " + m.start()));
        }
        if (m.durationMonths() != null && m.start() != null) {
            e.add(new RecordError(field + ".durationMonths", num(m.durationMonths()),
                    "give either durationMonths or start/end dates, not both"));
        }
        notBeforeBirth(e, field + ".start", m.start(), birth);
        notBeforeBirth(e, field + ".end", m.end(), birth);
    }

    private static void condition(List<RecordError> e, String field, ConditionEntry c, LocalDate birth) {
        if (c == null) {
            e.add(new RecordError(field, null, "a condition entry must not be empty"));
            return;
        }
        if (c.key() != null) {
            if (!ConditionEntry.KEYS.contains(c.key())) {
                e.add(new RecordError(field + ".key", RecordError.abbreviate(c.key()), "unknown condition key"
                        + RecordError.didYouMean(c.key(), ConditionEntry.KEYS)
                        + " (the keys are listed in the JSON Schema of the record, osteocds-schemas/patient-record.schema.json)"));
            }
        } else if (c.system() == null || c.code() == null) {
            e.add(new RecordError(field, null, "a condition needs a key or a system and code"));
        }
        notBeforeBirth(e, field + ".onset", c.onset(), birth);
    }

    private static void notBeforeBirth(List<RecordError> e, String field, LocalDate d, LocalDate birth) {
        if (d != null && birth != null && d.isBefore(birth)) {
            e.add(new RecordError(field, d.toString(), field + " is before birthDate " + birth));
        }
    }

    private static void range(List<RecordError> e, String field, Double v, double min, double max) {
        if (v == null) {
            return;
        }
        if (!Double.isFinite(v)) {
            e.add(new RecordError(field, num(v), field + " must be a finite number"));
        } else if (v < min || v > max) {
            e.add(new RecordError(field, num(v), field + " must be between " + num(min) + " and " + num(max)));
        }
    }

    /** A number as the input usually wrote it: {@code 7} rather than {@code 7.0}. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
