package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osteocds.model.Assessment;
import org.osteocds.model.Indicator;

/** Worklists as a spreadsheet reads them: parsed back with commons-csv. */
class WorklistWriterTest {
    static List<Assessment> panel;
    static String csv;
    static List<CSVRecord> rows;

    @BeforeAll
    static void worklists() throws IOException {
        panel = new ArrayList<>(ReportPanel.assessments());
        // hand-made, for what the writer must survive: a critical DXA, both referral codes, a delayed denosumab dose
        panel.add(ReportPanel.withAdvice("Z-9", "Zoe Last", ReportPanel.advice("SCREENING-BONE-DENSITY-TEST",
                Indicator.CRITICAL, "fragility fracture at age 68; no DXA recorded")));
        panel.add(ReportPanel.withAdvice("R-1", "Rita Low",
                ReportPanel.advice("REFERRAL-LOW-BONE-DENSITY-FOR-AGE", Indicator.CRITICAL, "Z-score -2.3\nbelow -2.0"),
                ReportPanel.advice("REFERRAL-OSTEOPOROSIS-EVALUATION", Indicator.WARNING, "lowest T-score -2.6")));
        panel.add(ReportPanel.withAdvice("N-1", "@Nan Oak", ReportPanel.advice("MEDICATION-DENOSUMAB-DELAYED",
                Indicator.CRITICAL, "-last dose 8 months ago\r\ndue at 6 months")));
        csv = write(panel);
        rows = parse(csv);
    }

    static String write(List<Assessment> assessments) throws IOException {
        StringWriter w = new StringWriter();
        try (WorklistWriter lists = new WorklistWriter(w)) {
            for (Assessment a : assessments) {
                lists.accept(a);
            }
        }
        return w.toString();
    }

    static List<CSVRecord> parse(String text) throws IOException {
        assertTrue(text.startsWith("\uFEFF"), "UTF-8 byte-order mark first");
        try (CSVParser p = CSVParser.parse(text.substring(1), CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            assertEquals(WorklistWriter.HEADER, p.getHeaderNames());
            return p.getRecords();
        }
    }

    static List<String> column(String action, String name) {
        return rows.stream().filter(r -> r.get("action").equals(action)).map(r -> r.get(name)).toList();
    }

    static CSVRecord row(String action, String patientId) {
        return rows.stream().filter(r -> r.get("action").equals(action) && r.get("patientId").equals(patientId))
                .findFirst().orElseThrow(() -> new AssertionError(action + " has no " + patientId));
    }

    @Test
    void aSpreadsheetOpensIt() {
        assertTrue(csv.startsWith("\uFEFFaction,patientId,name,age,sex,reason,indicator,rulesetVersion\r\n"));
        String withoutCrlf = csv.replace("\r\n", "");
        assertFalse(withoutCrlf.contains("\n") || withoutCrlf.contains("\r"), "CRLF line ends only, none in a cell");
        assertEquals(rows.size() + 1, csv.split("\r\n", -1).length - 1, "one line per row, plus the header");
    }

    @Test
    void eachActionListsThePatientsGivenItsCodes() {
        assertEquals(List.of("Z-9", "'-M1", "P-003", "W-1", "W-2"), column("DXA due", "patientId"));
        assertEquals(List.of("P-001", "R-1", "W-2"), column("Referral", "patientId"));
        assertEquals(List.of("P-003", "W-1"), column("Glucocorticoid assessment", "patientId"));
        assertEquals(List.of("P-001", "P-003", "W-1"), column("Medication review", "patientId"));
        assertEquals(List.of("N-1"), column("Denosumab delayed", "patientId"));
        for (Map.Entry<String, List<String>> e : WorklistWriter.ACTIONS.entrySet()) {
            for (CSVRecord r : rows) {
                if (r.get("action").equals(e.getKey())) {
                    String id = r.get("patientId").replaceFirst("^'", "");
                    Assessment a = panel.stream().filter(x -> x.patientId().equals(id)).findFirst().orElseThrow();
                    assertTrue(e.getValue().stream().anyMatch(a::hasAdvice), r.toString());
                }
            }
        }
        assertEquals(14, rows.size());
    }

    @Test
    void rowsAreGroupedByActionThenCriticalFirstThenById() {
        List<String> order = new ArrayList<>(WorklistWriter.ACTIONS.keySet());
        assertEquals(List.of("DXA due", "Referral", "Glucocorticoid assessment", "Medication review",
                "Denosumab delayed"), order);
        int last = -1;
        for (CSVRecord r : rows) {
            int i = order.indexOf(r.get("action"));
            assertTrue(i >= last, "grouped by action in order: " + r);
            last = i;
        }
        assertEquals(List.of("critical", "warning", "warning", "warning", "warning"), column("DXA due", "indicator"));
        assertEquals(List.of("critical", "critical", "critical"), column("Referral", "indicator"),
                "critical first: P-001 and W-2 are critical, R-1 too (its most urgent code)");
    }

    @Test
    void aRowSaysWhoAndWhyOnOneLine() {
        CSVRecord w1 = row("Glucocorticoid assessment", "W-1");
        assertEquals("Ada <b>Lovelace</b>", w1.get("name"));
        assertEquals("70", w1.get("age"));
        assertEquals("female", w1.get("sex"));
        assertEquals("critical", w1.get("indicator"));
        assertEquals("prednisone 7.5 mg/day (prednisone-equivalent 7.5 mg/day) taken now, for 180 days so far: at "
                + "least 2.5 mg/day prednisone-equivalent for at least 3 months (ACR 2022)", w1.get("reason"));
        assertEquals(ReportPanel.CDS.ruleset().version(), w1.get("rulesetVersion"));
        assertEquals("man aged 58 with risk factors: alcohol-over-2-per-day; glucocorticoid-exposure; low-bmi; "
                + "no DXA recorded", row("DXA due", "P-003").get("reason"));
        assertEquals("", row("DXA due", "P-003").get("name"), "no name recorded");
        assertEquals("Z-score -2.3 below -2.0; lowest T-score -2.6", row("Referral", "R-1").get("reason"),
                "both referral codes on one line, most urgent first");
    }

    @Test
    void recordsWithoutAdviceAreOnNoList() {
        for (String id : List.of("K-1", "U-1", "D-1", "D-2", "BAD-1", "F-1", "A-1", "P-002")) {
            assertTrue(rows.stream().noneMatch(r -> r.get("patientId").equals(id)), id);
        }
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreText() {
        assertEquals("'=HYPERLINK(\"http://example.invalid\")", row("DXA due", "W-2").get("name"));
        assertEquals("'+Bob Stone", row("DXA due", "'-M1").get("name"));
        assertEquals("'@Nan Oak", row("Denosumab delayed", "N-1").get("name"));
        assertEquals("'-last dose 8 months ago due at 6 months", row("Denosumab delayed", "N-1").get("reason"));
        assertEquals("'\tx", SpreadsheetCells.safe("\tx"));
        assertEquals("' =1+1", SpreadsheetCells.safe("\r=1+1"));
        assertEquals("'-2", SpreadsheetCells.safe("-2"));
        assertEquals("a-b = c", SpreadsheetCells.safe("a-b = c"));
        assertEquals("", SpreadsheetCells.safe(null));
        for (CSVRecord r : rows) {
            for (String cell : r.values()) {
                assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "unguarded cell: " + r);
            }
        }
    }

    @Test
    void noAssessmentsGiveTheHeaderOnly() throws IOException {
        String empty = write(List.of());
        assertEquals("\uFEFFaction,patientId,name,age,sex,reason,indicator,rulesetVersion\r\n", empty);
        assertEquals(0, parse(empty).size());
    }
}
