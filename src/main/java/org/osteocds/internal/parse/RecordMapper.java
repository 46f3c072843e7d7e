package org.osteocds.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * Maps one JSON object (or one CSV row turned into an object of texts) onto a {@link PatientRecord}, collecting
 * every problem: unknown fields, wrong types, out-of-range values. In text mode (CSV) numbers, booleans and lists
 * are parsed from text; in JSON mode a number written as a string is an error.
 */
public final class RecordMapper {
    /** The record's fields, as the contract names them. */
    public static final List<String> FIELDS = List.of("id", "name", "birthDate", "age", "sex", "postmenopausal",
            "prematureMenopause", "tScoreLumbarSpine", "tScoreFemoralNeck", "tScoreTotalHip", "tScore", "zScore",
            "lastDxaDate", "fraxMajorPercent", "fraxHipPercent", "fragilityFracture", "fractureSites",
            "vertebralFracture", "hipFracture", "parentalHipFracture",
            "fallsLast12Months", "heightCm", "weightKg", "bmi", "calciumIntakeMgPerDay", "vitaminDIntakeIuPerDay",
            "serum25OHDNgPerMl", "alcoholDrinksPerWeek", "smoking", "moderateActivityMinutesPerWeek",
            "vigorousActivityMinutesPerWeek", "activityMinutesPerDay", "strengthDaysPerWeek", "balanceDaysPerWeek",
            "medications", "conditions", "deceased", "deceasedDate");
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);

    private final boolean textMode;
    private final boolean decimalComma;

    /** @param textMode whether values arrive as text (CSV) */
    public RecordMapper(boolean textMode) {
        this(textMode, false);
    }

    /**
     * @param textMode     whether values arrive as text (CSV)
     * @param decimalComma whether numbers in text may have a decimal comma ({@code 7,5}), as ';'-separated CSV has
     */
    public RecordMapper(boolean textMode, boolean decimalComma) {
        this.textMode = textMode;
        this.decimalComma = decimalComma;
    }

    /**
     * @param node   a JSON object
     * @param source where it came from
     * @return the parsed record, valid or not
     */
    public ParsedRecord map(JsonNode node, RecordSource source) {
        if (node == null || !node.isObject()) {
            return new ParsedRecord.Invalid(source.fallbackId(), source, List.of(new RecordError("record",
                    node == null ? null : abbreviate(node.toString()), "a record must be a JSON object")));
        }
        RecordFields f = new RecordFields(node, textMode, decimalComma);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELD_SET.contains(name)) {
                f.errors.add(new RecordError(name, abbreviate(node.get(name).toString()),
                        "unknown field" + suggestion(name, FIELDS)));
            }
        }
        String id = f.string("id");
        try {
            PatientRecord r = PatientRecord.builder(id).name(f.string("name")).birthDate(f.date("birthDate"))
                    .age(f.integer("age")).sex(f.sex()).postmenopausal(f.bool("postmenopausal"))
                    .prematureMenopause(f.bool("prematureMenopause"))
                    .tScoreLumbarSpine(f.number("tScoreLumbarSpine")).tScoreFemoralNeck(f.number("tScoreFemoralNeck"))
                    .tScoreTotalHip(f.number("tScoreTotalHip")).tScore(f.number("tScore")).zScore(f.number("zScore"))
                    .lastDxaDate(f.date("lastDxaDate")).fraxMajorPercent(f.number("fraxMajorPercent"))
                    .fraxHipPercent(f.number("fraxHipPercent")).fragilityFracture(f.bool("fragilityFracture"))
                    .fractureSites(f.fractureSites()).vertebralFracture(f.bool("vertebralFracture"))
                    .hipFracture(f.bool("hipFracture")).parentalHipFracture(f.bool("parentalHipFracture"))
                    .fallsLast12Months(f.integer("fallsLast12Months")).heightCm(f.number("heightCm"))
                    .weightKg(f.number("weightKg")).bmi(f.number("bmi"))
                    .calciumIntakeMgPerDay(f.number("calciumIntakeMgPerDay"))
                    .vitaminDIntakeIuPerDay(f.number("vitaminDIntakeIuPerDay"))
                    .serum25OHDNgPerMl(f.number("serum25OHDNgPerMl"))
                    .alcoholDrinksPerWeek(f.number("alcoholDrinksPerWeek")).smoking(f.smoking())
                    .moderateActivityMinutesPerWeek(f.number("moderateActivityMinutesPerWeek"))
                    .vigorousActivityMinutesPerWeek(f.number("vigorousActivityMinutesPerWeek"))
                    .activityMinutesPerDay(f.number("activityMinutesPerDay"))
                    .strengthDaysPerWeek(f.number("strengthDaysPerWeek"))
                    .balanceDaysPerWeek(f.number("balanceDaysPerWeek")).medications(f.medications())
                    .conditions(f.conditions()).deceased(f.bool("deceased")).deceasedDate(f.date("deceasedDate"))
                    .build();
            if (f.errors.isEmpty()) {
                return new ParsedRecord.Valid(r, source);
            }
        } catch (InvalidRecordException e) {
            f.errors.addAll(e.errors());
        }
        String pid = id == null || id.isBlank() ? source.fallbackId() : id;
        return new ParsedRecord.Invalid(pid, source, f.errors);
    }

    static String abbreviate(String s) {
        return RecordError.abbreviate(s);
    }

    static String suggestion(String name, List<String> known) {
        return RecordError.didYouMean(name, known);
    }
}
