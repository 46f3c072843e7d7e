package org.osteocds.io;

import static org.osteocds.io.Schemas.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.osteocds.model.Assessment;
import org.osteocds.model.PatientRecord;

/**
 * The assessment schema accepts the golden assessments and what the bundled engine writes for the fixtures and for
 * 2,000 random records, and rejects deliberately broken assessments.
 */
class AssessmentSchemaTest {
    // --- assessments -------------------------------------------------------------------------------------------

    @Test
    void everyGoldenAssessmentIsValid() throws IOException {
        // the golden file writes the ruleset's hash as <sha256> (ContractJsonTest): put the real one back
        String text = Files.readString(GOLDEN).replace("<sha256>", CDS.ruleset().sha256());
        JsonNode all = M.readTree(text);
        assertTrue(all.isArray() && all.size() > 0);
        for (JsonNode a : all) {
            assertValid(ASSESSMENT_SCHEMA, a, GOLDEN + " " + a.path("patientId").asText());
        }
    }

    @Test
    void theAssessmentsOfEveryFixtureAreValid() throws IOException {
        Set<String> statuses = new TreeSet<>();
        for (Path f : fixtures()) {
            JsonNode fixture = M.readTree(f.toFile());
            LocalDate asOf = LocalDate.parse(fixture.get("asOf").asText());
            try (var records = PatientRecords.read(new StringReader(fixture.get("record").toString()));
                 var out = CDS.assessAll(records, asOf, 1)) {
                for (Assessment a : out.toList()) {
                    statuses.add(a.status().toString());
                    assertValid(ASSESSMENT_SCHEMA, tree(PatientRecords.toJson(a)), "the assessment of " + f);
                }
            }
        }
        assertTrue(statuses.size() >= 3, "the fixtures cover assessed, invalid and out-of-scope: " + statuses);
    }

    @Test
    void theAssessmentsOfRandomRecordsAreValid() {
        List<PatientRecord> records = randomRecords();
        List<Assessment> assessments = CDS.assessAll(records, AS_OF);
        assertEquals(records.size(), assessments.size());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < assessments.size() && failures.size() < 5; i++) {
            List<String> e = errors(ASSESSMENT_SCHEMA, tree(PatientRecords.toJson(assessments.get(i))));
            if (!e.isEmpty()) {
                failures.add("record " + i + " " + PatientRecords.toJson(records.get(i)) + "\n    "
                        + String.join("\n    ", e));
            }
        }
        assertTrue(failures.isEmpty(), () -> "seed " + RANDOM_SEED + ":\n  " + String.join("\n  ", failures));
    }

    @Test
    void brokenAssessmentsAreRejected() throws IOException {
        String text = Files.readString(GOLDEN).replace("<sha256>", CDS.ruleset().sha256());
        ObjectNode good = (ObjectNode) M.readTree(text).get(0);
        assertValid(ASSESSMENT_SCHEMA, good, "the base assessment");
        assertTrue(good.get("advice").size() > 0, "the base assessment needs advice");

        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> a.put("score", 3)), "score", "unknown field");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> ((ObjectNode) a.get("findings")).put("boneStatus", "bad")),
                "boneStatus", "boneStatus bad");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> ((ObjectNode) a.get("findings")).put("ageGroup", "teen")),
                "ageGroup", "unknown age group");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> ((ObjectNode) a.get("findings").get("riskFactors").get(0))
                .put("key", "smoking")), "riskFactors", "unknown risk-factor key");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> advice(a).put("summary", "x".repeat(141))), "summary",
                "a summary of 141 characters");
        assertValid(ASSESSMENT_SCHEMA, with(good, a -> advice(a).put("summary", "x".repeat(140))),
                "a summary of 140 characters");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> advice(a).put("clinicianSummary", "x".repeat(141))),
                "clinicianSummary", "a clinician summary of 141 characters");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> advice(a).put("code", "referral-evaluation")), "code",
                "a lower-case code");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> advice(a).put("category", "DIET")), "category",
                "unknown category");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> advice(a).put("indicator", "urgent")), "indicator",
                "unknown indicator");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> advice(a).putArray("evidence")), "evidence",
                "advice without evidence");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> ((ObjectNode) a.get("ruleset")).put("sha256", "abc")),
                "sha256", "a short hash");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> a.put("asOf", "2026-13-01")), "asOf", "no such date");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> a.putObject("source").put("line", 0)), "line",
                "a line number 0");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> a.remove("findings")), "findings",
                "assessed without findings");

        // the status rules
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> {
            a.put("status", "invalid");
            a.putArray("advice");
        }), "errors", "invalid without errors");
        assertRejected(ASSESSMENT_SCHEMA, with(good, a -> {
            a.put("status", "failed");
            a.putArray("advice");
        }), "errors", "failed without errors");
        ObjectNode invalid = with(good, a -> {
            a.put("status", "invalid");
            a.remove("findings");
            a.putArray("advice");
            a.putArray("dataGaps");
            a.putArray("errors").addObject().put("field", "age").put("value", "130")
                    .put("message", "age must be between 0 and 120");
        });
        assertValid(ASSESSMENT_SCHEMA, invalid, "an invalid assessment");
        assertValid(ASSESSMENT_SCHEMA, with(invalid, a -> ((ObjectNode) a.get("errors").get(0)).putNull("value")),
                "an error without a value");
        assertRejected(ASSESSMENT_SCHEMA, with(invalid, a -> a.set("advice", good.get("advice"))), "advice",
                "invalid with advice");
        ObjectNode outOfScope = with(good, a -> {
            a.put("status", "out-of-scope");
            a.put("reason", "under 6 years");
            a.putArray("advice");
        });
        assertValid(ASSESSMENT_SCHEMA, outOfScope, "an out-of-scope assessment");
        assertRejected(ASSESSMENT_SCHEMA, with(outOfScope, a -> a.remove("reason")), "reason",
                "out-of-scope without a reason");
        assertRejected(ASSESSMENT_SCHEMA, with(outOfScope, a -> a.set("advice", good.get("advice"))), "advice",
                "out-of-scope with advice");
    }

    private static ObjectNode advice(ObjectNode assessment) {
        return (ObjectNode) assessment.get("advice").get(0);
    }

}
