package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's share of "nothing lost, ever" (issue 14): each input below lost records, or whole files, before the
 * readers resynchronised. Now every record comes out once, the bad ones invalid and named by file and line, and a
 * file in no supported format is reported by name (exit 4) while the others are read.
 */
class HostileInputsTest {

    @TempDir
    Path dir;


    private Path file(String name, byte[] bytes) throws IOException {
        return AssessRun.write(dir, name, bytes);
    }

    private Path file(String name, String text) throws IOException {
        return AssessRun.write(dir, name, text);
    }

    private static AssessRun assess(Path... inputs) throws IOException {
        return AssessRun.of(inputs);
    }

    @Test
    void everyTopLevelJsonValueIsRead() throws IOException {
        assertEquals(List.of("A", "B"), assess(file("two-arrays.json", "[{\"id\":\"A\",\"age\":40}][{\"id\":\"B\",\"age\":41}]")).ids());
        assertEquals(List.of("A", "B"), assess(file("array-then-object.json", "[{\"id\":\"A\",\"age\":40}]{\"id\":\"B\",\"age\":41}")).ids());
        assertEquals(List.of("A", "B", "C"), assess(file("two-on-a-line.ndjson",
                "{\"id\":\"A\",\"age\":40}{\"id\":\"B\",\"age\":41}\n{\"id\":\"C\",\"age\":42}\n")).ids());
        assertEquals(List.of("A", "B"), assess(file("pretty.ndjson",
                "{\n  \"id\": \"A\",\n  \"age\": 40\n}\n{\n  \"id\": \"B\",\n  \"age\": 41\n}\n")).ids(),
                "a pretty-printed object is one record, not many");
    }

    @Test
    void oneBadArrayElementCostsOnlyItself() throws IOException {
        AssessRun r = assess(file("bad-elements.json", "[{\"id\":\"A\",\"age\":40},{\"id\":\"B\",\"age\":NaN},"
                + "{\"id\":\"C\",\"age\":4 2},{\"id\":\"D\u0000\",\"age\":43},{\"id\":\"E\",\"age\":44}]"));
        assertEquals(List.of("A", "#2", "#3", "#4", "E"), r.ids());
        assertEquals(List.of("assessed", "invalid", "invalid", "invalid", "assessed"), r.statuses());
        assertEquals(1, r.exit(), "some records invalid");
        JsonNode source = r.out().get(1).get("source");
        assertEquals(dir.resolve("bad-elements.json").toString(), source.get("file").asText());
        assertEquals(2, source.get("index").asInt());
    }

    @Test
    void aByteOrderMarkAndABrokenFirstLineLoseNothing() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = "[{\"id\":\"A\",\"age\":40}]".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(json, 0, both, 3, json.length);
        assertEquals(List.of("assessed"), assess(file("bom.json", both)).statuses());
        AssessRun r = assess(file("broken-first.ndjson", "{\"id\":\"A\",\"age\":40\n{\"id\":\"B\",\"age\":41}\n{\"id\":\"C\",\"age\":42}\n"));
        assertEquals(List.of("line 1", "B", "C"), r.ids());
        assertTrue(r.error(0).contains("not closed before line 2"), r.error(0));
    }

    @Test
    void invalidUtf8CostsOnlyItsRecordAndNamesTheLine() throws IOException {
        byte[] bytes = "{\"id\":\"A\",\"age\":40}\n{\"id\":\"B\",\"name\":\"XX\",\"age\":41}\n{\"id\":\"C\",\"age\":42}\n"
                .getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("XX");
        bytes[at] = (byte) 0xFF;
        bytes[at + 1] = (byte) 0xFE;
        AssessRun r = assess(file("bad-utf8.ndjson", bytes));
        assertEquals(List.of("A", "line 2", "C"), r.ids());
        assertEquals("line 2 holds bytes that are not valid UTF-8", r.error(1));
    }

    @Test
    void aFileInNoSupportedFormatIsNamedAndTheOthersAreRead() throws IOException {
        Path folder = dir.resolve("panel");
        file("panel/a.json", "[{\"id\":\"A\",\"age\":40}]");
        file("panel/bundle.xml", "<?xml version=\"1.0\"?><Bundle xmlns=\"http://hl7.org/fhir\"/>");
        file("panel/photo.bin", new byte[] {0, 1, 2, 3, 0, 0, 0, 7, 8, 0, 0, 0, 0, 0, 9});
        file("panel/more/b.csv", "id,age\nB,41\n");
        AssessRun r = assess(folder);
        assertEquals(List.of("A", "B"), r.ids(), "the subfolder is read too");
        assertEquals(4, r.exit(), "an input could not be read");
        assertTrue(r.err().contains("bundle.xml: FHIR XML is not supported: export FHIR JSON"), r.err());
        assertTrue(r.err().contains("photo.bin: not a text file"), r.err());
    }

    @Test
    void standardInputReportsBadBytesInsteadOfReplacingThem() throws IOException {
        byte[] bytes = "{\"id\":\"A\",\"age\":40}\n{\"id\":\"B\",\"name\":\"\u00ff\",\"age\":41}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(bytes));
            CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "-");
            List<String> lines = r.out.lines().toList();
            assertEquals(2, lines.size());
            assertTrue(lines.get(1).contains("\"status\":\"invalid\"") && lines.get(1).contains("not valid UTF-8"),
                    lines.get(1));
            assertTrue(lines.get(1).contains("\"file\":\"-\""), lines.get(1));
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void aLongFirstLineAndDeepNestingAreRecordsNotCrashes() throws IOException {
        String longName = "x".repeat(70_000);
        AssessRun r = assess(file("long.ndjson", "{\"id\":\"A\",\"name\":\"" + longName + "\",\"age\":40}\n{\"id\":\"B\",\"age\":41}\n"));
        assertEquals(List.of("A", "B"), r.ids(), "a first line over 64 KiB");
        AssessRun deep = assess(file("deep.json", "[" + "[".repeat(100_000) + "]".repeat(100_000) + ",{\"id\":\"B\",\"age\":41}]"));
        assertEquals(List.of("#1", "B"), deep.ids());
        assertTrue(deep.error(0).contains("nested more than 64 levels deep"), deep.error(0));
    }

    @Test
    void aQuotedCsvCellOverManyLinesIsOneRecord() throws IOException {
        String note = String.join("\n", java.util.Collections.nCopies(30, "a line of the name"));
        AssessRun r = assess(file("multiline.csv", "id,age,name\nA,40,\"" + note + "\"\nB,41,x\n"));
        assertEquals(List.of("A", "B"), r.ids());
        assertEquals(2, r.out().get(1).get("source").get("row").asInt());
    }

    @Test
    void spreadsheetCsvIsReadAsWritten() throws IOException {
        Charset cp1252 = Charset.forName("windows-1252");
        AssessRun r = assess(file("excel.csv", "id;age;bmi;name\nA;70;22,5;José\nB;71;19,5;Müller\n".getBytes(cp1252)));
        assertEquals(List.of("assessed", "assessed"), r.statuses());
        assertTrue(r.err().contains("excel.csv: CSV, windows-1252, ';' separator, decimal commas, 2 records"), r.err());
        assertTrue(r.out().get(1).toString().contains("BMI 19.5"), "the decimal comma is read: " + r.out().get(1));
        byte[] bytes = "id,age,name\nA,40,\u00e9\nB,41,x?\n".getBytes(cp1252);
        bytes[bytes.length - 2] = (byte) 0x81;   // a byte Windows-1252 does not define
        AssessRun undefined = assess(file("undefined.csv", bytes));
        assertEquals(List.of("A", "row 2"), undefined.ids(), "only a byte Windows-1252 does not define is bad");
    }

    @Test
    void aFieldGivenTwiceIsAnErrorNamingIt() throws IOException {
        AssessRun json = assess(file("twice.ndjson", "{\"id\":\"A\",\"age\":40,\"age\":41}\n"));
        assertEquals("A", json.ids().get(0));
        assertEquals("age", json.out().get(0).get("errors").get(0).get("field").asText());
        assertEquals("age is given twice in this record", json.error(0));
        AssessRun csv = assess(file("twice.csv", "id,age,age\nA,40,41\n"));
        assertEquals("the column age is given twice in the header", csv.error(0));
    }

    @Test
    void numbersInTextAreDigitsOnly() throws IOException {
        AssessRun r = assess(file("numbers.csv", "id,age,bmi\nA,40,7d\nB,41,-1.5f\nC,42,0x10\nD,43,Infinity\nE,44,22\n"));
        assertEquals(List.of("invalid", "invalid", "invalid", "invalid", "assessed"), r.statuses());
        assertEquals("bmi must be a number", r.error(0));
    }

    @Test
    void aTenMegabyteValueCostsItsRecordAndIsNotEchoed() throws IOException {
        AssessRun r = assess(file("huge.ndjson", "{\"id\":\"A\",\"name\":\"" + "x".repeat(10_000_000) + "\"}\n"
                + "{\"id\":\"B\",\"age\":41,\"bmi\":1e999}\n{\"id\":\"C\",\"age\":42}\n"));
        assertEquals(List.of("invalid", "invalid", "assessed"), r.statuses());
        assertTrue(r.out().get(0).toString().length() < 1_000, "the value is cut in the error");
        assertTrue(r.error(0).contains("a record longer than 1048576 characters"), r.error(0));
        assertEquals("bmi must be a finite number", r.error(1));
    }
}
