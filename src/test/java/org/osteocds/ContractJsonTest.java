package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.Indicator;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * The JSON the library writes is exactly the output contract: a golden file holds the assessments of the sample
 * patients. Run with {@code -Dgolden.update=true} to rewrite it after an intended change, then review the diff.
 */
class ContractJsonTest {
    static final Path SAMPLE = Path.of("test-fixtures", "samples", "patients.json");
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "sample-assessments.json");
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    private static final ObjectMapper M = new ObjectMapper();

    private String actualJson() throws IOException {
        try (var records = PatientRecords.read(SAMPLE);
             var out = TestRules.bundled().assessAll(records, AS_OF, 1)) {
            List<Assessment> all = out.toList();
            String sha = TestRules.bundled().ruleset().sha256();
            return PatientRecords.toPrettyJson(all).replace(sha, "<sha256>") + "\n";
        }
    }

    @Test
    void sampleAssessmentsMatchTheGoldenFile() throws IOException {
        String actual = actualJson();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertEquals(M.readTree(Files.readString(GOLDEN)), M.readTree(actual),
                "assessment JSON differs from " + GOLDEN + " (rerun with -Dgolden.update=true if intended)");
    }

    @Test
    void fieldNamesAreExactlyTheContract() throws IOException {
        JsonNode first = M.readTree(actualJson()).get(0);
        assertEquals(Set.of("patientId", "source", "asOf", "status", "ruleset", "findings", "advice", "dataGaps",
                "errors"), names(first));
        assertEquals(Set.of("file", "line", "index"), names(first.get("source")));
        assertEquals(Set.of("id", "version", "sha256"), names(first.get("ruleset")));
        assertEquals(Set.of("ageGroup", "boneStatus", "riskFactors"), names(first.get("findings")));
        JsonNode advice = first.get("advice").get(0);
        assertEquals(Set.of("code", "category", "indicator", "summary", "clinicianSummary", "detail", "rationale", "evidence",
                "rule"),
                names(advice));
        assertEquals(Set.of("citation", "url", "certainty"), names(advice.get("evidence").get(0)));
        assertEquals("2026-06-01", first.get("asOf").asText());
        assertEquals("assessed", first.get("status").asText());
        assertEquals("critical", advice.get("indicator").asText());
        assertEquals("REFERRAL", advice.get("category").asText());
    }

    @Test
    void invalidAndOutOfScopeCarryErrorsOrReason() throws IOException {
        Assessment young = TestRules.bundled().assess(PatientRecord.builder("Y").age(4).build(), AS_OF);
        JsonNode j = M.readTree(PatientRecords.toJson(young));
        assertEquals("out-of-scope", j.get("status").asText());
        assertTrue(j.get("reason").asText().contains("6"));
        assertTrue(j.get("advice").isEmpty());
        assertTrue(j.get("errors").isEmpty());
        try (var records = PatientRecords.read(new java.io.StringReader("{\"id\":\"Z\",\"age\":130}"))) {
            Assessment bad = TestRules.bundled().assessAll(records, AS_OF, 1).toList().get(0);
            JsonNode b = M.readTree(PatientRecords.toJson(bad));
            assertEquals("invalid", b.get("status").asText());
            assertEquals("age", b.get("errors").get(0).get("field").asText());
            assertEquals("130", b.get("errors").get(0).get("value").asText());
            assertFalse(b.has("findings"));
        }
    }

    @Test
    void adviceIsOrderedCriticalWarningInfoThenCode() {
        for (Assessment a : TestRules.bundled().assessAll(List.of(PatientRecord.builder("O").age(70)
                .sex(Sex.FEMALE).tScore(-3.0).smoking(Smoking.CURRENT).calciumIntakeMgPerDay(500.0)
                .serum25OHDNgPerMl(10.0).build()), AS_OF)) {
            List<Advice> sorted = a.advice().stream().sorted(Assessment.ADVICE_ORDER).toList();
            assertEquals(sorted, a.advice());
            assertEquals(Indicator.CRITICAL, a.advice().get(0).indicator());
        }
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s.stream().collect(Collectors.toSet());
    }
}
