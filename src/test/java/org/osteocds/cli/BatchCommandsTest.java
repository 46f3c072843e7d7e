package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** assess as a batch tool: nothing lost, every format, several inputs, threads, and generate. */
class BatchCommandsTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static List<JsonNode> ndjson(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(M.readTree(l));
            }
        }
        return out;
    }

    @Test
    void nothingIsLostFromABadCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, String.join("\n",
                "id,age,sex,calciumIntakeMgPerDay,smoking,medications",
                "A,70,female,900,never,omeprazole:20:12",
                "",
                "B,forty,male,900,never,",
                "C,55,female,\"900,never,",
                "D,130,male,-5,sometimes,",
                "   ",
                "E,60,male,800,current,prednisone:seven:6",
                ",45,female,1000,never,",
                "F,30,female,1000,never,,extra-cell",
                "G,\"6\"\"5\",male,1000,never,",
                "H,8,male,1000,,",
                "I,3,female,,,",
                "") + "\n");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", csv.toString());
        assertEquals(1, r.exit, r.err);
        List<JsonNode> out = ndjson(r.out);
        List<String> ids = out.stream().map(n -> n.get("patientId").asText()).toList();
        List<String> statuses = out.stream().map(n -> n.get("status").asText()).toList();
        assertEquals(List.of("A", "B", "row 3", "D", "E", "row 6", "row 7", "G", "H", "I"), ids);
        assertEquals(List.of("assessed", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid",
                "assessed", "out-of-scope"), statuses);
        assertEquals("age", out.get(1).get("errors").get(0).get("field").asText());
        assertEquals("forty", out.get(1).get("errors").get(0).get("value").asText());
        assertTrue(out.get(2).get("errors").get(0).get("message").asText().contains("line 5: a quote is not closed"),
                out.get(2).toString());
        assertEquals(csv.toString(), out.get(2).get("source").get("file").asText());
        assertEquals(3, out.get(2).get("source").get("row").asInt());
        assertEquals(3, out.get(3).get("errors").size(), "age, calcium and smoking are all reported");
        assertEquals("medications[0].doseMgPerDay", out.get(4).get("errors").get(0).get("field").asText());
        assertEquals("id", out.get(5).get("errors").get(0).get("field").asText());
        assertTrue(out.get(6).get("errors").get(0).get("message").asText().contains("cells"));
        assertTrue(r.err.contains("read 10, assessed 2, out-of-scope 1, invalid 7, failed 0"), r.err);
    }

    @Test
    void csvOutputHasOneRowPerPatient(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.csv");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "csv", "--out", out.toString(),
                "test-fixtures/samples/patients.json");
        assertEquals(0, r.exit, r.err);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(out))).getRecords();
        assertEquals(3, rows.size());
        CSVRecord p1 = rows.get(0);
        assertEquals("P-001", p1.get("patientId"));
        assertEquals("osteoporosis", p1.get("boneStatus"));
        assertEquals("REFERRAL-OSTEOPOROSIS-EVALUATION", p1.get("critical"));
        assertTrue(p1.get("warning").contains("EXERCISE-SPINE-SAFETY"));
        assertTrue(p1.get("riskFactors").contains("current-smoking"));
        assertEquals("serum25OHDNgPerMl;tScore", rows.get(2).get("dataGaps"));
    }

    @Test
    void htmlReportIsSelfContainedAndStructured(@TempDir Path dir) throws IOException {
        Path panel = dir.resolve("panel.csv");
        assertEquals(0, CliRunner.run("generate", "--count", "300", "--seed", "5", "--as-of", "2026-06-01",
                "--out", panel.toString()).exit);
        Path html = dir.resolve("report.html");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "html", "--out", html.toString(),
                panel.toString());
        assertEquals(0, r.exit, r.err);
        String h = Files.readString(html);
        assertTrue(h.startsWith("<!DOCTYPE html>"));
        assertFalse(h.matches("(?s).*<(script|link|img)[^>]+(src|href)=\"https?:.*"), "no network resources");
        assertTrue(h.contains("<section id=\"summary\">") && h.contains("<section id=\"list\">")
                && h.contains("<section id=\"patients\">") && h.contains("<section id=\"reference\">"));
        assertFalse(h.contains("<svg"), "charts are HTML bars with real text");
        assertEquals(5, h.split("<figure class=\"chart\">").length - 1, "five charts");
        for (String chart : List.of("Patients given each advice", "Most urgent advice per patient", "Age groups",
                "Bone status", "Fracture risk factors")) {
            assertTrue(h.contains("<figcaption>" + chart), chart);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<p class=\"meta\">300 records: (\\d+) assessed, "
                + "(\\d+) out of scope, (\\d+) invalid, (\\d+) failed").matcher(h);
        assertTrue(m.find(), "the header counts the records by status");
        int listed = 300 - Integer.parseInt(m.group(2));
        assertTrue(Integer.parseInt(m.group(2)) > 0, "the panel has out-of-scope records");
        assertEquals(listed, h.split("<article class=\"patient\"").length - 1, "out-of-scope records have no section");
        assertEquals(listed, h.split("<td><a href=\"#p-").length - 1, "nor a row");
        assertTrue(h.contains("<figcaption>Share of each group given each advice"));
        assertTrue(h.contains("<th>older adults (65+)<br><small>n="), "the matrix has the age groups");
        assertTrue(h.contains("@media print"));
        assertTrue(h.contains("table.sortable"));
        assertTrue(h.contains("<th data-type=\"text\">Most urgent advice, or the problem</th>"));
        assertTrue(h.matches("(?s).*<tr><td>under 6 years old</td><td class=\"n\">\\d+</td>.*"),
                "out-of-scope records are counted by kind");
        assertTrue(h.contains("title=\"SCREENING-BONE-DENSITY-TEST\">Bone density (DXA) scan due"), "labels, codes in tooltips");
        int firstInfoOnly = h.indexOf("<td class=\"n\">0</td><td class=\"n\">0</td>");
        int lastCritical = h.lastIndexOf("<td class=\"n critical\">");
        assertTrue(lastCritical < firstInfoOnly || firstInfoOnly < 0, "most urgent first");
    }

    @Test
    void severalInputsFoldersAndContentDetection(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        Files.writeString(folder.resolve("a.data"), "{\"id\":\"N1\",\"age\":40}\n{\"id\":\"N2\",\"age\":41}\n");
        Files.writeString(folder.resolve("b.txt"), "id,age\nC1,50\n");
        Path json = dir.resolve("c.json");
        Files.writeString(json, "[\n  {\"id\":\"J1\",\"age\":60},\n  {\"id\":\"J2\",\"age\":61}\n]\n");
        Path pretty = dir.resolve("d.json");
        Files.writeString(pretty, "{\n  \"id\": \"S1\",\n  \"age\": 70\n}\n");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", folder.toString(),
                json.toString(), pretty.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(List.of("N1", "N2", "C1", "J1", "J2", "S1"),
                ndjson(r.out).stream().map(n -> n.get("patientId").asText()).toList());
    }

    @Test
    void threadsDoNotChangeTheResultOrOrder(@TempDir Path dir) throws IOException {
        Path panel = dir.resolve("panel.csv");
        CliRunner.run("generate", "--count", "1500", "--seed", "9", "--as-of", "2026-06-01", "--out", panel.toString());
        CliRunner one = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--threads", "1", "--quiet",
                panel.toString());
        CliRunner four = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--threads", "4", "--quiet",
                panel.toString());
        assertEquals(0, one.exit);
        assertEquals(1500, ndjson(one.out).size());
        assertEquals(one.out, four.out);
    }

    @Test
    void generateIsDeterministicValidAndRealistic(@TempDir Path dir) throws IOException {
        CliRunner a = CliRunner.run("generate", "--count", "5000", "--seed", "3", "--as-of", "2026-06-01");
        CliRunner b = CliRunner.run("generate", "--count", "5000", "--seed", "3", "--as-of", "2026-06-01");
        assertEquals(a.out, b.out);
        assertTrue(!a.out.equals(CliRunner.run("generate", "--count", "5000", "--seed", "4", "--as-of", "2026-06-01").out));
        Path panel = dir.resolve("p.csv");
        Files.writeString(panel, a.out);
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "csv", "--quiet", panel.toString());
        assertEquals(0, r.exit, "every generated record is valid");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(r.out)).getRecords();
        assertEquals(5000, rows.size());
        double older = rows.stream().filter(x -> x.get("ageGroup").equals("older-adult")).count() / 5000.0;
        double smokers = rows.stream().filter(x -> x.get("riskFactors").contains("current-smoking")).count() / 5000.0;
        double osteoporosis = rows.stream().filter(x -> x.get("boneStatus").equals("osteoporosis")).count() / 5000.0;
        assertTrue(older > 0.14 && older < 0.26, "older adults " + older);
        assertTrue(smokers > 0.05 && smokers < 0.15, "current smokers " + smokers);
        assertTrue(osteoporosis > 0.005 && osteoporosis < 0.08, "osteoporosis " + osteoporosis);
    }

    @Test
    void memoryStaysBoundedOnALargeInput(@TempDir Path dir) throws Exception {
        Path panel = dir.resolve("big.csv");
        CliRunner.run("generate", "--count", "40000", "--seed", "2", "--as-of", "2026-06-01", "--out", panel.toString());
        Path out = dir.resolve("big.ndjson");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", cp, "org.osteocds.cli.Main", "assess", "--as-of", "2026-06-01", "--format", "ndjson", "--quiet",
                "--out", out.toString(), panel.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        try (var lines = Files.lines(out)) {
            assertEquals(40000, lines.filter(l -> !l.isBlank()).count(), "40,000 assessments in a 64 MB heap");
        }
        assertTrue(new File(out.toString()).length() > 64L * 1024 * 1024, "the output is larger than the heap");
    }

    @Test
    void generateWritesABulkExportThatAssessReadsWhole(@TempDir Path dir) throws IOException {
        CliRunner usage = CliRunner.run("generate", "--count", "10", "--format", "bulk");
        assertEquals(2, usage.exit);
        assertTrue(usage.err.contains("--format bulk writes a folder: give it with --out DIR"), usage.err);
        Path bulk = dir.resolve("export");
        assertEquals(0, CliRunner.run("generate", "--count", "300", "--seed", "2", "--as-of", "2026-06-01",
                "--format", "bulk", "--out", bulk.toString()).exit);
        assertTrue(Files.exists(bulk.resolve("manifest.json")) && Files.exists(bulk.resolve("Patient.ndjson")));
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", bulk.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(300, ndjson(r.out).size());
        assertTrue(r.err.contains(bulk + ": FHIR Bulk Data export, 300 records"), r.err);
        // a resource type with nothing to export: an empty file is still part of the export (it was read alone,
        // so each patient lost its other resources, and the manifest was read as an invalid record)
        Files.writeString(bulk.resolve("Immunization.ndjson"), "");
        CliRunner again = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", bulk.toString());
        assertEquals(r.out, again.out);
        assertTrue(again.err.contains(bulk + ": FHIR Bulk Data export, 300 records"), again.err);
    }

    @Test
    void aBulkManifestBesideNativeRecordsIsNoRecord(@TempDir Path dir) throws IOException {
        Path bulk = dir.resolve("export");
        assertEquals(0, CliRunner.run("generate", "--count", "3", "--format", "bulk", "--out", bulk.toString()).exit);
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(bulk.resolve("manifest.json"), mixed.resolve("manifest.json"));
        Files.writeString(mixed.resolve("panel.csv"), "id,age\nP-1,40\n");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", mixed.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals(1, ndjson(r.out).size(), r.out);
        assertTrue(r.err.contains("manifest.json: FHIR Bulk Data manifest, not a record"), r.err);
    }
}
