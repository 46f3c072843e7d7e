package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.osteocds.OsteoCds;
import org.osteocds.model.Assessment;

/** The CSV of assessments: a value from the input never reaches a spreadsheet as a formula. */
class CsvWriterTest {
    @Test
    void idsAndErrorsThatStartLikeFormulasAreText() throws IOException {
        String input = "{\"id\":\"=HYPERLINK(\\\"http://example.invalid\\\")\",\"age\":40}\n"
                + "{\"id\":\"@SUM(A1)\",\"age\":\"=1+1\"}\n";
        List<Assessment> out;
        try (var records = PatientRecords.read(new StringReader(input));
             var assessed = OsteoCds.bundled().assessAll(records, LocalDate.of(2026, 6, 1), 1)) {
            out = assessed.toList();
        }
        StringWriter w = new StringWriter();
        try (CsvWriter csv = new CsvWriter(w)) {
            for (Assessment a : out) {
                csv.accept(a);
            }
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(w.toString())).getRecords();
        assertEquals("'=HYPERLINK(\"http://example.invalid\")", rows.get(0).get("patientId"));
        assertEquals("'@SUM(A1)", rows.get(1).get("patientId"));
        assertEquals("invalid", rows.get(1).get("status"));
        assertEquals("age = =1+1: age must be a number", rows.get(1).get("errors"));
    }
}
