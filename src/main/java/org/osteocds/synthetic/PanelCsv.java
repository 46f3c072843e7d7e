package org.osteocds.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;

/**
 * Writes records as the CSV of patient-record.md: a header of field names, one patient per row, lists
 * {@code ;}-separated, medicines as {@code name:dose:months} or {@code name:dose:start:end:route}.
 */
final class PanelCsv {
    /** The columns written. */
    static final List<String> COLUMNS = List.of("id", "birthDate", "age", "sex", "postmenopausal",
            "prematureMenopause", "tScoreLumbarSpine", "tScoreFemoralNeck", "zScore", "lastDxaDate", "fraxMajorPercent",
            "fraxHipPercent", "fragilityFracture", "fractureSites", "vertebralFracture", "hipFracture",
            "parentalHipFracture", "fallsLast12Months", "heightCm", "weightKg", "bmi",
            "calciumIntakeMgPerDay", "vitaminDIntakeIuPerDay", "serum25OHDNgPerMl", "alcoholDrinksPerWeek", "smoking",
            "moderateActivityMinutesPerWeek", "vigorousActivityMinutesPerWeek", "activityMinutesPerDay",
            "strengthDaysPerWeek", "balanceDaysPerWeek", "medications", "conditions");

    private final CSVPrinter printer;

    PanelCsv(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\n").get());
    }

    void write(PatientRecord r) throws IOException {
        List<Object> row = new ArrayList<>(COLUMNS.size());
        row.add(r.id());
        row.add(text(r.birthDate()));
        row.add(num(r.age()));
        row.add(r.sex() == null ? "" : r.sex().code());
        row.add(text(r.postmenopausal()));
        row.add(text(r.prematureMenopause()));
        row.add(num(r.tScoreLumbarSpine()));
        row.add(num(r.tScoreFemoralNeck()));
        row.add(num(r.zScore()));
        row.add(text(r.lastDxaDate()));
        row.add(num(r.fraxMajorPercent()));
        row.add(num(r.fraxHipPercent()));
        row.add(text(r.fragilityFracture()));
        row.add(r.fractureSites() == null ? "" : r.fractureSites().stream().map(FractureSite::code)
                .collect(Collectors.joining(";")));
        row.add(text(r.vertebralFracture()));
        row.add(text(r.hipFracture()));
        row.add(text(r.parentalHipFracture()));
        row.add(num(r.fallsLast12Months()));
        row.add(num(r.heightCm()));
        row.add(num(r.weightKg()));
        row.add(num(r.bmi()));
        row.add(num(r.calciumIntakeMgPerDay()));
        row.add(num(r.vitaminDIntakeIuPerDay()));
        row.add(num(r.serum25OHDNgPerMl()));
        row.add(num(r.alcoholDrinksPerWeek()));
        row.add(r.smoking() == null ? "" : r.smoking().code());
        row.add(num(r.moderateActivityMinutesPerWeek()));
        row.add(num(r.vigorousActivityMinutesPerWeek()));
        row.add(num(r.activityMinutesPerDay()));
        row.add(num(r.strengthDaysPerWeek()));
        row.add(num(r.balanceDaysPerWeek()));
        row.add(r.medications() == null ? "" : r.medications().stream().map(PanelCsv::medication)
                .collect(Collectors.joining(";")));
        row.add(r.conditions() == null ? "" : r.conditions().stream().map(ConditionEntry::key)
                .collect(Collectors.joining(";")));
        printer.printRecord(row);
    }

    void flush() throws IOException {
        printer.flush();
    }

    private static String medication(Medication m) {
        if (m.start() == null && m.end() == null) {
            return m.name() + ":" + num(m.doseMgPerDay()) + ":" + num(m.durationMonths());
        }
        return m.name() + ":" + num(m.doseMgPerDay()) + ":" + text(m.start()) + ":" + text(m.end()) + ":"
                + (m.route() == null ? "" : m.route());
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    /** A number as the CSV writes it: whole numbers without a decimal point. */
    static String num(Number v) {
        if (v == null) {
            return "";
        }
        double d = v.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
