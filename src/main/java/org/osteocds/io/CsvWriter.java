package org.osteocds.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.Indicator;
import org.osteocds.model.RiskFactor;

/**
 * One CSV row per patient: id, date, status, age group, bone status, the advice codes by indicator, risk factors,
 * data-gap fields, and errors or the out-of-scope reason. Lists are {@code ;}-separated. Cells that come from the
 * input (the id, errors naming values) never start like a formula: a spreadsheet shows them as text.
 */
public final class CsvWriter implements AssessmentWriter {
    /** The header row. */
    public static final List<String> HEADER = List.of("patientId", "asOf", "status", "ageGroup", "boneStatus", "critical",
            "warning", "info", "riskFactors", "dataGaps", "errors", "reason", "rulesetSha256");

    private final CSVPrinter printer;

    /**
     * @param out where rows go (not closed by this sink)
     * @throws IOException when writing the header fails
     */
    public CsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new))
                .setRecordSeparator("\n").setAutoFlush(false).get());
    }

    @Override
    public void accept(Assessment a) throws IOException {
        printer.printRecord(SpreadsheetCells.safe(a.patientId()), a.asOf(), a.status().code(),
                a.findings() == null || a.findings().ageGroup() == null ? "" : a.findings().ageGroup().code(),
                a.findings() == null ? "" : a.findings().boneStatus().code(),
                codes(a, Indicator.CRITICAL), codes(a, Indicator.WARNING), codes(a, Indicator.INFO),
                a.findings() == null ? "" : a.findings().riskFactors().stream().map(RiskFactor::key)
                        .collect(Collectors.joining(";")),
                a.dataGaps().stream().map(DataGap::field).collect(Collectors.joining(";")),
                SpreadsheetCells.safe(a.errors().stream().map(Object::toString).collect(Collectors.joining("; "))),
                SpreadsheetCells.safe(a.reason()), a.ruleset().sha256());
    }

    private static String codes(Assessment a, Indicator i) {
        return a.advice().stream().filter(x -> x.indicator() == i).map(Advice::code).collect(Collectors.joining(";"));
    }

    @Override
    public void close() throws IOException {
        printer.flush();
    }
}
