package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osteocds.OsteoCds;
import org.osteocds.internal.parse.RecordMapper;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.PatientRecord;

/**
 * The JSON Schemas of {@code docs/schemas/} (draft 2020-12), as shipped in the jar under {@code osteocds-schemas/}:
 * the patient-record schema accepts every sample and fixture record and the records the library writes, and rejects
 * the invalid fixtures where the contract's reason can be said in a schema; the assessment schema accepts the golden
 * assessments and what the bundled engine writes for the fixtures and for 2,000 random records; and both reject
 * deliberately broken documents.
 */
class SchemaTest {
    static final String RECORD = "patient-record.schema.json";
    static final String ASSESSMENT = "assessment.schema.json";
    static final Path DOCS = Path.of("docs", "schemas");
    static final Path SAMPLES = Path.of("test-fixtures", "samples", "patients.json");
    static final Path SCENARIOS = Path.of("test-fixtures", "scenarios");
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "sample-assessments.json");
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final int RANDOM_COUNT = 2_000;
    static final long RANDOM_SEED = 20260601L;

    /**
     * Invalid fixtures whose fault no schema can see: it depends on the assessment date, which is not part of the
     * record. The schema must accept these (so that this list stays honest); every other invalid fixture it must
     * reject.
     */
    static final Map<String, String> NOT_SCHEMA_EXPRESSIBLE = Map.of(
            "invalid-birthdate-after-as-of", "a birth date after asOf",
            "invalid-dxa-after-as-of", "a DXA date after asOf");

    private static final ObjectMapper M = new ObjectMapper();
    private static SchemaRegistry registry;
    private static Schema recordSchema;
    private static Schema assessmentSchema;
    private static OsteoCds cds;

    @BeforeAll
    static void loadSchemasFromTheClasspath() throws IOException {
        // format "date" is only an annotation in 2020-12 unless assertions are switched on
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        recordSchema = registry.getSchema(M.readTree(resource(RECORD)));
        assessmentSchema = registry.getSchema(M.readTree(resource(ASSESSMENT)));
        cds = OsteoCds.bundled();
    }

    /** The schema as the jar ships it: from the class path, not from docs/. */
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SchemaTest.class.getClassLoader().getResourceAsStream("osteocds-schemas/" + name)) {
            assertNotNull(in, "osteocds-schemas/" + name + " is not on the class path (pom.xml resources)");
            return in.readAllBytes();
        }
    }

    private static List<String> errors(Schema schema, JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(doc)) {
            out.add(e.getInstanceLocation() + " " + e.getKeyword() + ": " + e.getMessage());
        }
        return out;
    }

    private static void assertValid(Schema schema, JsonNode doc, String what) {
        List<String> e = errors(schema, doc);
        assertTrue(e.isEmpty(), () -> what + " breaks the schema:\n  " + String.join("\n  ", e) + "\n  " + doc);
    }

    /** Rejected, and (so that the test cannot pass by accident) for a reason that names {@code where}. */
    private static void assertRejected(Schema schema, JsonNode doc, String where, String what) {
        List<String> e = errors(schema, doc);
        assertFalse(e.isEmpty(), what + ": the schema accepted " + doc);
        assertTrue(e.stream().anyMatch(m -> m.contains(where)), () -> what + ": no error names " + where + ":\n  "
                + String.join("\n  ", e));
    }

    // --- the schemas themselves --------------------------------------------------------------------------------

    @Test
    void theJarCopyIsTheDocsCopy() throws IOException {
        for (String name : List.of(RECORD, ASSESSMENT)) {
            assertArrayEquals(Files.readAllBytes(DOCS.resolve(name)), resource(name), name);
        }
        assertEquals("https://osteo-cds.org/schemas/" + RECORD, recordSchema.getSchemaNode().get("$id").asText());
        assertEquals("https://osteo-cds.org/schemas/" + ASSESSMENT,
                assessmentSchema.getSchemaNode().get("$id").asText());
    }

    @Test
    void bothAreValidDraft202012Schemas() {
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (Schema s : List.of(recordSchema, assessmentSchema)) {
            assertEquals("https://json-schema.org/draft/2020-12/schema", s.getSchemaNode().get("$schema").asText());
            assertValid(meta, s.getSchemaNode(), s.getSchemaNode().get("$id").asText());
            assertFalse(s.getSchemaNode().path("title").asText().isBlank());
        }
    }

    @Test
    void theRecordSchemaNamesWhatTheReaderReads() {
        JsonNode root = recordSchema.getSchemaNode();
        assertEquals(new TreeSet<>(RecordMapper.FIELDS), names(root.get("properties")),
                "the record schema's fields are the reader's (RecordMapper.FIELDS)");
        for (Map.Entry<String, JsonNode> f : root.get("properties").properties()) {
            assertFalse(f.getValue().path("description").asText().isBlank(), f.getKey() + " has no description");
        }
        assertEquals(new TreeSet<>(ConditionEntry.KEYS), texts(root.at("/$defs/conditionKey/enum")));
        assertEquals(EnumSet.allOf(FractureSite.class).stream().map(FractureSite::code)
                .collect(Collectors.toCollection(TreeSet::new)), texts(root.at("/properties/fractureSites/items/enum")));
        assertEquals(Set.of("name", "doseMgPerDay", "doseMg", "prednisoneEquivalentMgPerDay", "durationMonths",
                "route", "system", "code", "start", "end"),
                names(root.at("/$defs/medication/anyOf/1/properties")));
        JsonNode status = assessmentSchema.getSchemaNode().at("/properties/status/enum");
        assertEquals(EnumSet.allOf(AssessmentStatus.class).stream().map(s -> PatientRecords.toJson(s).replace("\"", ""))
                .collect(Collectors.toCollection(TreeSet::new)), texts(status));
    }

    // --- records -----------------------------------------------------------------------------------------------

    @Test
    void everySampleRecordIsValid() throws IOException {
        JsonNode all = M.readTree(SAMPLES.toFile());
        assertTrue(all.isArray() && all.size() > 0);
        for (JsonNode r : all) {
            assertValid(recordSchema, r, SAMPLES + " " + r.path("id").asText());
        }
    }

    @Test
    void everyFixtureRecordIsValidAndTheInvalidOnesAreRejected() throws IOException {
        List<Path> files = fixtures();
        assertTrue(files.size() > 100, "fixtures found: " + files.size());
        int rejected = 0;
        Set<String> notExpressibleSeen = new TreeSet<>();
        for (Path f : files) {
            JsonNode fixture = M.readTree(f.toFile());
            String name = f.getFileName().toString().replace(".json", "");
            JsonNode record = fixture.get("record");
            assertNotNull(record, f + " has no record");
            if (!"invalid".equals(fixture.path("expect").path("status").asText())) {
                assertValid(recordSchema, record, f.toString());
            } else if (NOT_SCHEMA_EXPRESSIBLE.containsKey(name)) {
                notExpressibleSeen.add(name);
                assertValid(recordSchema, record, f + " (invalid only because of "
                        + NOT_SCHEMA_EXPRESSIBLE.get(name) + ")");
            } else {
                assertFalse(errors(recordSchema, record).isEmpty(), f + " is invalid but the schema accepts it");
                rejected++;
            }
        }
        assertTrue(rejected > 0, "no invalid fixture was checked for rejection");
        assertEquals(NOT_SCHEMA_EXPRESSIBLE.keySet(), notExpressibleSeen, "NOT_SCHEMA_EXPRESSIBLE names missing fixtures");
    }

    @Test
    void theRecordsTheLibraryWritesAreValid() {
        for (PatientRecord r : randomRecords()) {
            assertValid(recordSchema, tree(PatientRecords.toJson(r)), "written record " + r.id());
        }
    }

    @Test
    void brokenRecordsAreRejected() throws IOException {
        ObjectNode good = (ObjectNode) M.readTree(SAMPLES.toFile()).get(0);
        assertValid(recordSchema, good, "the base record");

        assertRejected(recordSchema, with(good, r -> r.put("calciumIntake", 650)), "calciumIntake", "unknown field");
        assertRejected(recordSchema, with(good, r -> r.put("age", 130)), "age", "age 130");
        assertRejected(recordSchema, with(good, r -> r.put("age", 40.5)), "age", "fractional age");
        assertRejected(recordSchema, with(good, r -> r.remove("id")), "id", "no id");
        assertRejected(recordSchema, with(good, r -> r.put("id", " ")), "id", "blank id");
        assertRejected(recordSchema, with(good, r -> r.put("tScoreLumbarSpine", -7.1)), "tScoreLumbarSpine",
                "T-score below -7");
        assertRejected(recordSchema, with(good, r -> r.put("strengthDaysPerWeek", 8)), "strengthDaysPerWeek",
                "8 days a week");
        assertRejected(recordSchema, with(good, r -> r.put("calciumIntakeMgPerDay", -1)), "calciumIntakeMgPerDay",
                "negative intake");
        assertRejected(recordSchema, with(good, r -> r.put("calciumIntakeMgPerDay", "650")), "calciumIntakeMgPerDay",
                "a number as a string");
        assertRejected(recordSchema, with(good, r -> r.put("sex", "f")), "sex", "unknown sex");
        assertRejected(recordSchema, with(good, r -> r.put("birthDate", "1958-02-30")), "birthDate", "no such date");
        assertRejected(recordSchema, with(good, r -> r.put("birthDate", "14/03/1958")), "birthDate", "not ISO");
        assertRejected(recordSchema, with(good, r -> r.putArray("fractureSites").add("wrist")), "fractureSites",
                "unknown fracture site");
        assertRejected(recordSchema, with(good, r -> r.putArray("conditions").add("lupuss")), "conditions",
                "unknown condition key");
        assertRejected(recordSchema, with(good, r -> r.putArray("conditions").addObject().put("onset", "2020-01-01")),
                "conditions", "a condition without key or code");
        assertRejected(recordSchema, with(good, r -> r.putArray("medications").addObject().put("doseMgPerDay", 5)),
                "medications", "a medication without name or code");
        assertRejected(recordSchema, with(good, r -> r.putArray("medications").addObject().put("name", "prednisone")
                .put("dose", 5)), "medications", "an unknown medication field");
        assertRejected(recordSchema, with(good, r -> r.putArray("medications").addObject().put("name", "prednisone")
                .put("doseMgPerDay", 5).put("prednisoneEquivalentMgPerDay", 5)), "medications",
                "both a dose and its prednisone equivalent");
        assertRejected(recordSchema, with(good, r -> r.putArray("medications").addObject().putNull("name")
                .put("doseMgPerDay", 5)), "medications", "a medication whose name is null");
        assertRejected(recordSchema, with(good, r -> r.put("sex", "male").put("postmenopausal", true)),
                "postmenopausal", "a postmenopausal man");
        assertRejected(recordSchema, with(good, r -> r.put("deceased", false).put("deceasedDate", "2020-01-01")),
                "", "deceasedDate with deceased false");

        // what the contract allows
        assertValid(recordSchema, with(good, r -> {
            r.putArray("medications").add("alendronate").addObject().put("system", "http://www.whocc.no/atc")
                    .put("code", "H02AB07").put("start", "2025-01-10").put("end", "2025-09-30");
            r.putArray("conditions").add("lupus").addObject().put("key", "copd").put("onset", "2024-03-01");
            ((ArrayNode) r.get("conditions")).addObject().put("system", "http://snomed.info/sct").put("code", "69896004");
            r.putArray("fractureSites").add("hip").add("distal-forearm");
            r.put("deceased", true).put("deceasedDate", "2026-01-01");
        }), "a record using every list form");
        // the reader takes null as unknown, as if the field were absent
        assertValid(recordSchema, with(good, r -> {
            r.putNull("postmenopausal").putNull("age").putNull("sex").putNull("birthDate").putNull("medications");
            r.put("deceased", false).putNull("deceasedDate");
        }), "a record with nulls");
        assertValid(recordSchema, with(good, r -> r.putArray("medications").addObject().put("name", "prednisone")
                .put("doseMgPerDay", 5).putNull("prednisoneEquivalentMgPerDay").putNull("end")),
                "a medication with nulls");
    }

    // --- assessments -------------------------------------------------------------------------------------------

    @Test
    void everyGoldenAssessmentIsValid() throws IOException {
        // the golden file writes the ruleset's hash as <sha256> (ContractJsonTest): put the real one back
        String text = Files.readString(GOLDEN).replace("<sha256>", cds.ruleset().sha256());
        JsonNode all = M.readTree(text);
        assertTrue(all.isArray() && all.size() > 0);
        for (JsonNode a : all) {
            assertValid(assessmentSchema, a, GOLDEN + " " + a.path("patientId").asText());
        }
    }

    @Test
    void theAssessmentsOfEveryFixtureAreValid() throws IOException {
        Set<String> statuses = new TreeSet<>();
        for (Path f : fixtures()) {
            JsonNode fixture = M.readTree(f.toFile());
            LocalDate asOf = LocalDate.parse(fixture.get("asOf").asText());
            try (var records = PatientRecords.read(new StringReader(fixture.get("record").toString()));
                 var out = cds.assessAll(records, asOf, 1)) {
                for (Assessment a : out.toList()) {
                    statuses.add(a.status().toString());
                    assertValid(assessmentSchema, tree(PatientRecords.toJson(a)), "the assessment of " + f);
                }
            }
        }
        assertTrue(statuses.size() >= 3, "the fixtures cover assessed, invalid and out-of-scope: " + statuses);
    }

    @Test
    void theAssessmentsOfRandomRecordsAreValid() {
        List<PatientRecord> records = randomRecords();
        List<Assessment> assessments = cds.assessAll(records, AS_OF);
        assertEquals(records.size(), assessments.size());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < assessments.size() && failures.size() < 5; i++) {
            List<String> e = errors(assessmentSchema, tree(PatientRecords.toJson(assessments.get(i))));
            if (!e.isEmpty()) {
                failures.add("record " + i + " " + PatientRecords.toJson(records.get(i)) + "\n    "
                        + String.join("\n    ", e));
            }
        }
        assertTrue(failures.isEmpty(), () -> "seed " + RANDOM_SEED + ":\n  " + String.join("\n  ", failures));
    }

    @Test
    void brokenAssessmentsAreRejected() throws IOException {
        String text = Files.readString(GOLDEN).replace("<sha256>", cds.ruleset().sha256());
        ObjectNode good = (ObjectNode) M.readTree(text).get(0);
        assertValid(assessmentSchema, good, "the base assessment");
        assertTrue(good.get("advice").size() > 0, "the base assessment needs advice");

        assertRejected(assessmentSchema, with(good, a -> a.put("score", 3)), "score", "unknown field");
        assertRejected(assessmentSchema, with(good, a -> ((ObjectNode) a.get("findings")).put("boneStatus", "bad")),
                "boneStatus", "boneStatus bad");
        assertRejected(assessmentSchema, with(good, a -> ((ObjectNode) a.get("findings")).put("ageGroup", "teen")),
                "ageGroup", "unknown age group");
        assertRejected(assessmentSchema, with(good, a -> ((ObjectNode) a.get("findings").get("riskFactors").get(0))
                .put("key", "smoking")), "riskFactors", "unknown risk-factor key");
        assertRejected(assessmentSchema, with(good, a -> advice(a).put("summary", "x".repeat(141))), "summary",
                "a summary of 141 characters");
        assertValid(assessmentSchema, with(good, a -> advice(a).put("summary", "x".repeat(140))),
                "a summary of 140 characters");
        assertRejected(assessmentSchema, with(good, a -> advice(a).put("clinicianSummary", "x".repeat(141))),
                "clinicianSummary", "a clinician summary of 141 characters");
        assertRejected(assessmentSchema, with(good, a -> advice(a).put("code", "referral-evaluation")), "code",
                "a lower-case code");
        assertRejected(assessmentSchema, with(good, a -> advice(a).put("category", "DIET")), "category",
                "unknown category");
        assertRejected(assessmentSchema, with(good, a -> advice(a).put("indicator", "urgent")), "indicator",
                "unknown indicator");
        assertRejected(assessmentSchema, with(good, a -> advice(a).putArray("evidence")), "evidence",
                "advice without evidence");
        assertRejected(assessmentSchema, with(good, a -> ((ObjectNode) a.get("ruleset")).put("sha256", "abc")),
                "sha256", "a short hash");
        assertRejected(assessmentSchema, with(good, a -> a.put("asOf", "2026-13-01")), "asOf", "no such date");
        assertRejected(assessmentSchema, with(good, a -> a.putObject("source").put("line", 0)), "line",
                "a line number 0");
        assertRejected(assessmentSchema, with(good, a -> a.remove("findings")), "findings",
                "assessed without findings");

        // the status rules
        assertRejected(assessmentSchema, with(good, a -> {
            a.put("status", "invalid");
            a.putArray("advice");
        }), "errors", "invalid without errors");
        assertRejected(assessmentSchema, with(good, a -> {
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
        assertValid(assessmentSchema, invalid, "an invalid assessment");
        assertValid(assessmentSchema, with(invalid, a -> ((ObjectNode) a.get("errors").get(0)).putNull("value")),
                "an error without a value");
        assertRejected(assessmentSchema, with(invalid, a -> a.set("advice", good.get("advice"))), "advice",
                "invalid with advice");
        ObjectNode outOfScope = with(good, a -> {
            a.put("status", "out-of-scope");
            a.put("reason", "under 6 years");
            a.putArray("advice");
        });
        assertValid(assessmentSchema, outOfScope, "an out-of-scope assessment");
        assertRejected(assessmentSchema, with(outOfScope, a -> a.remove("reason")), "reason",
                "out-of-scope without a reason");
        assertRejected(assessmentSchema, with(outOfScope, a -> a.set("advice", good.get("advice"))), "advice",
                "out-of-scope with advice");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static ObjectNode advice(ObjectNode assessment) {
        return (ObjectNode) assessment.get("advice").get(0);
    }

    private static ObjectNode with(ObjectNode base, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static JsonNode tree(String json) {
        try {
            return M.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.walk(SCENARIOS)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The seeded random records of the safety-invariant tests. */
    private static List<PatientRecord> randomRecords() {
        return org.osteocds.RandomRecords.generate(RANDOM_COUNT, RANDOM_SEED);
    }
}
