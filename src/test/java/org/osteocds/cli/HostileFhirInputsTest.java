package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHIR reader's share of "nothing lost, ever": a key given twice, a syntax error or a bad byte in one entry of a
 * Bundle or one line of an export, and a value of the wrong type each cost only the patient they belong to (invalid,
 * naming resource, element and place) or, when they name no patient, are reported as parts not read (exit 4). Before,
 * the last key won, the whole Bundle was one invalid record, and a bad value became a silent data gap.
 */
class HostileFhirInputsTest {

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

    static String patient(String id) {
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\",\"birthDate\":\"1950-01-01\"}";
    }

    static String tScore(String id, String patient, String value) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"subject\":{\"reference\":"
                + "\"Patient/" + patient + "\"},\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"38265-5\"}]},"
                + "\"effectiveDateTime\":\"2025-03-01\",\"valueQuantity\":{\"value\":" + value + "}}";
    }

    /** A Bundle with one entry a line (entry n is on line n + 1). */
    static String bundle(String... resources) {
        StringBuilder sb = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n");
        for (int i = 0; i < resources.length; i++) {
            sb.append("{\"resource\":").append(resources[i]).append('}').append(i + 1 < resources.length ? ",\n" : "\n");
        }
        return sb.append("]}\n").toString();
    }

    /** Three patients, each with a T-score; {@code damaged} replaces the resource of one entry (1-based). */
    static String threePatients(int damaged, String replacement) {
        List<String> rs = new ArrayList<>(List.of(patient("A"), tScore("a1", "A", "-2.7"), patient("B"),
                tScore("b1", "B", "-1.0"), patient("C"), tScore("c1", "C", "-2.6")));
        if (damaged > 0) {
            rs.set(damaged - 1, replacement);
        }
        return bundle(rs.toArray(String[]::new));
    }

    @Test
    void aKeyGivenTwiceMakesItsPatientInvalidNamingItAndTheOthersAreAssessed() throws IOException {
        AssessRun r = assess(file("twice.json", threePatients(3,
                "{\"resourceType\":\"Patient\",\"id\":\"B\",\"gender\":\"female\",\"birthDate\":\"1950-01-01\","
                        + "\"birthDate\":\"2020-01-01\"}")));
        assertEquals(List.of("A", "B", "C"), r.ids());
        assertEquals(List.of("assessed", "invalid", "assessed"), r.statuses());
        assertEquals("Patient/B.birthDate", r.firstError(1).get("field").asText());
        assertEquals("birthDate is given twice in Patient/B: twice.json entry 3 (line 4)",
                r.firstError(1).get("message").asText());
        assertEquals(1, r.exit());
        AssessRun nested = assess(file("twice-nested.ndjson", patient("A") + "\n"
                + tScore("a1", "A", "-1.0").replace("{\"value\":-1.0}", "{\"value\":-1.0,\"value\":-2.9}") + "\n"
                + patient("B") + "\n"));
        assertEquals(List.of("invalid", "assessed"), nested.statuses());
        assertEquals("valueQuantity.value is given twice in Observation/a1: twice-nested.ndjson line 2",
                nested.firstError(0).get("message").asText());
        AssessRun single = assess(file("twice-single.json", patient("S").replace("}", ",\"birthDate\":\"2020-01-01\"}")));
        assertEquals("birthDate is given twice (line 1)", single.firstError(0).get("message").asText());
    }

    @Test
    void aSyntaxErrorInOneEntryCostsOnlyItsPatient() throws IOException {
        AssessRun r = assess(file("syntax.json", threePatients(4, tScore("b1", "B", "-1 0"))));
        assertEquals(List.of("A", "B", "C"), r.ids(), "the other patients of the Bundle are read");
        assertEquals(List.of("assessed", "invalid", "assessed"), r.statuses());
        String message = r.firstError(1).get("message").asText();
        assertTrue(message.contains("could not be read, so the patient is not assessed on part of its data: "
                + "syntax.json entry 4 (line 5): not valid JSON"), message);
        assertTrue(r.err().contains("syntax.json entry 4 (line 5): not valid JSON"), r.err());
        assertEquals(4, r.exit(), "a part was not read");
    }

    @Test
    void anEntryLeftOpenEndsWhereTheNextEntryStarts() throws IOException {
        AssessRun r = assess(file("open.json", threePatients(4, tScore("b1", "B", "-1.0").replace("}]}", "]}"))));
        assertEquals(List.of("assessed", "invalid", "assessed"), r.statuses(), "C's entries are not swallowed");
        assertTrue(r.err().contains("open.json entry 4 (line 5): not closed before the next entry starts"), r.err());
        byte[] quote = threePatients(0, null).replaceFirst("\"b1\",\"status", "\"b1\",status")
                .replace(",\n", ",").getBytes(StandardCharsets.UTF_8);   // one line: no line break ends the string
        AssessRun q = assess(file("quote.json", quote));
        assertEquals(List.of("assessed", "invalid", "assessed"), q.statuses(), "a lost quote costs its entry only");
    }

    @Test
    void aBadByteInAPatientEntryCostsOnlyThatPatient() throws IOException {
        byte[] bytes = threePatients(5, patient("C").replace("}", ",\"name\":[{\"text\":\"Ren\u00e9e\"}]}"))
                .getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Ren") + 3;
        bytes[at] = (byte) 0xFF;   // é was two bytes: now an invalid one and a stray continuation byte
        AssessRun r = assess(file("bad-byte.json", bytes));
        assertEquals(List.of("A", "B", "C"), r.ids());
        assertEquals(List.of("assessed", "assessed", "invalid"), r.statuses());
        assertTrue(r.firstError(2).get("message").asText().contains("not valid UTF-8"), r.firstError(2).toString());
        assertTrue(r.err().contains("bad-byte.json entry 5 (line 6)"), r.err());
    }

    @Test
    void aBrokenEntryThatNamesNoPatientIsReportedAndTheOthersAreAssessed() throws IOException {
        AssessRun r = assess(file("stray.json", threePatients(0, null).replace("{\"resource\":" + tScore("b1", "B", "-1.0"),
                "{\"resource\":{\"resourceType\":\"Basic\",\"id\":\"x\",\"note\":tru}")));
        assertEquals(List.of("assessed", "assessed", "assessed"), r.statuses());
        assertTrue(r.err().contains("stray.json entry 4 (line 5): not valid JSON"), r.err());
        assertEquals(4, r.exit());
    }

    @Test
    void aBrokenExportLineCostsThePatientItNames() throws IOException {
        Path export = file("export.ndjson", patient("A") + "\n" + tScore("a1", "A", "-2.7").replace("-2.7", "-2 7")
                + "\n" + patient("B") + "\n{\"resourceType\":\"Basic\",\"id\":\"x\",\"note\":tru}\n");
        AssessRun r = assess(export);
        assertEquals(List.of("A", "B"), r.ids());
        assertEquals(List.of("invalid", "assessed"), r.statuses());
        assertTrue(r.firstError(0).get("message").asText().contains("export.ndjson line 2"), r.firstError(0).toString());
        assertTrue(r.err().contains("export.ndjson line 4: not valid JSON"), r.err());
        assertEquals(4, r.exit());
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorNamingIt() throws IOException {
        AssessRun r = assess(file("values.json", bundle(patient("A"), tScore("a1", "A", "\"abc\""), patient("B"),
                tScore("b1", "B", "true"), patient("C"), tScore("c1", "C", "-2.6"))));
        assertEquals(List.of("invalid", "invalid", "assessed"), r.statuses());
        assertEquals("Observation/a1.valueQuantity.value", r.firstError(0).get("field").asText());
        assertEquals("abc", r.firstError(0).get("value").asText());
        assertEquals("not a number", r.firstError(0).get("message").asText());
        assertEquals("true", r.firstError(1).get("value").asText());
        assertEquals(1, r.exit());
    }

    @Test
    void otherValuesTheMappingCannotReadAreErrorsNamingThem() throws IOException {
        String height = tScore("h1", "A", "5.9").replace("38265-5", "8302-2").replace("5.9}", "5.9,\"code\":\"ft\"}");
        AssessRun r = assess(file("more-values.json", bundle(patient("A"), height,
                patient("B").replace("\"female\"", "\"F\""),
                patient("C").replace("\"1950-01-01\"", "19500101"),
                patient("D").replace("}", ",\"deceasedBoolean\":\"false\"}"),
                patient("E"), tScore("e1", "E", "-2.6").replace("\"effectiveDateTime\":\"2025-03-01\"",
                        "\"effectivePeriod\":\"2025\""))));
        assertEquals(List.of("invalid", "invalid", "invalid", "invalid", "invalid"), r.statuses(),
                "a height in feet crashed the run (exit 70) before");
        assertEquals(List.of("Observation/h1.valueQuantity.code = ft: not a unit the mapping converts to heightCm",
                "Patient/B.gender = F: not a FHIR gender (male, female, other, unknown)",
                "Patient/C.birthDate = 19500101: not a FHIR date",
                "Patient/D.deceasedBoolean = false: not a boolean (true or false)",
                "Observation/e1.effectivePeriod = 2025: not a Period"),
                r.out().stream().map(n -> n.get("errors").get(0)).map(e -> e.get("field").asText() + " = "
                        + e.get("value").asText() + ": " + e.get("message").asText()).toList());
    }
}
