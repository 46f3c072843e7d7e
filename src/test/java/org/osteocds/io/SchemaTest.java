package org.osteocds.io;

import static org.osteocds.io.Schemas.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.parse.RecordMapper;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.PatientRecord;

/**
 * The JSON Schemas of {@code docs/schemas/} (draft 2020-12), as shipped in the jar under {@code osteocds-schemas/}:
 * both are valid schemas and the jar's copies are the docs' copies; the patient-record schema accepts every sample
 * and fixture record and the records the library writes, and rejects the invalid fixtures where the contract's
 * reason can be said in a schema, and deliberately broken records. The assessment schema: AssessmentSchemaTest.
 */
class SchemaTest {
    // --- the schemas themselves --------------------------------------------------------------------------------

    @Test
    void theJarCopyIsTheDocsCopy() throws IOException {
        for (String name : List.of(RECORD, ASSESSMENT)) {
            assertArrayEquals(Files.readAllBytes(DOCS.resolve(name)), resource(name), name);
        }
        assertEquals("https://osteo-cds.org/schemas/" + RECORD, RECORD_SCHEMA.getSchemaNode().get("$id").asText());
        assertEquals("https://osteo-cds.org/schemas/" + ASSESSMENT,
                ASSESSMENT_SCHEMA.getSchemaNode().get("$id").asText());
    }

    @Test
    void bothAreValidDraft202012Schemas() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (Schema s : List.of(RECORD_SCHEMA, ASSESSMENT_SCHEMA)) {
            assertEquals("https://json-schema.org/draft/2020-12/schema", s.getSchemaNode().get("$schema").asText());
            assertValid(meta, s.getSchemaNode(), s.getSchemaNode().get("$id").asText());
            assertFalse(s.getSchemaNode().path("title").asText().isBlank());
        }
    }

    @Test
    void theRecordSchemaNamesWhatTheReaderReads() {
        JsonNode root = RECORD_SCHEMA.getSchemaNode();
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
        JsonNode status = ASSESSMENT_SCHEMA.getSchemaNode().at("/properties/status/enum");
        assertEquals(EnumSet.allOf(AssessmentStatus.class).stream().map(s -> PatientRecords.toJson(s).replace("\"", ""))
                .collect(Collectors.toCollection(TreeSet::new)), texts(status));
    }

    // --- records -----------------------------------------------------------------------------------------------

    @Test
    void everySampleRecordIsValid() throws IOException {
        JsonNode all = M.readTree(SAMPLES.toFile());
        assertTrue(all.isArray() && all.size() > 0);
        for (JsonNode r : all) {
            assertValid(RECORD_SCHEMA, r, SAMPLES + " " + r.path("id").asText());
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
                assertValid(RECORD_SCHEMA, record, f.toString());
            } else if (NOT_SCHEMA_EXPRESSIBLE.containsKey(name)) {
                notExpressibleSeen.add(name);
                assertValid(RECORD_SCHEMA, record, f + " (invalid only because of "
                        + NOT_SCHEMA_EXPRESSIBLE.get(name) + ")");
            } else {
                assertFalse(errors(RECORD_SCHEMA, record).isEmpty(), f + " is invalid but the schema accepts it");
                rejected++;
            }
        }
        assertTrue(rejected > 0, "no invalid fixture was checked for rejection");
        assertEquals(NOT_SCHEMA_EXPRESSIBLE.keySet(), notExpressibleSeen, "NOT_SCHEMA_EXPRESSIBLE names missing fixtures");
    }

    @Test
    void theRecordsTheLibraryWritesAreValid() {
        for (PatientRecord r : randomRecords()) {
            assertValid(RECORD_SCHEMA, tree(PatientRecords.toJson(r)), "written record " + r.id());
        }
    }

    @Test
    void brokenRecordsAreRejected() throws IOException {
        ObjectNode good = (ObjectNode) M.readTree(SAMPLES.toFile()).get(0);
        assertValid(RECORD_SCHEMA, good, "the base record");

        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("calciumIntake", 650)), "calciumIntake", "unknown field");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("age", 130)), "age", "age 130");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("age", 40.5)), "age", "fractional age");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.remove("id")), "id", "no id");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("id", " ")), "id", "blank id");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("tScoreLumbarSpine", -7.1)), "tScoreLumbarSpine",
                "T-score below -7");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("strengthDaysPerWeek", 8)), "strengthDaysPerWeek",
                "8 days a week");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("calciumIntakeMgPerDay", -1)), "calciumIntakeMgPerDay",
                "negative intake");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("calciumIntakeMgPerDay", "650")), "calciumIntakeMgPerDay",
                "a number as a string");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("sex", "f")), "sex", "unknown sex");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("birthDate", "1958-02-30")), "birthDate", "no such date");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("birthDate", "14/03/1958")), "birthDate", "not ISO");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("fractureSites").add("wrist")), "fractureSites",
                "unknown fracture site");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("conditions").add("lupuss")), "conditions",
                "unknown condition key");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("conditions").addObject().put("onset", "2020-01-01")),
                "conditions", "a condition without key or code");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("medications").addObject().put("doseMgPerDay", 5)),
                "medications", "a medication without name or code");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("medications").addObject().put("name", "prednisone")
                .put("dose", 5)), "medications", "an unknown medication field");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("medications").addObject().put("name", "prednisone")
                .put("doseMgPerDay", 5).put("prednisoneEquivalentMgPerDay", 5)), "medications",
                "both a dose and its prednisone equivalent");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.putArray("medications").addObject().putNull("name")
                .put("doseMgPerDay", 5)), "medications", "a medication whose name is null");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("sex", "male").put("postmenopausal", true)),
                "postmenopausal", "a postmenopausal man");
        assertRejected(RECORD_SCHEMA, with(good, r -> r.put("deceased", false).put("deceasedDate", "2020-01-01")),
                "", "deceasedDate with deceased false");

        // what the contract allows
        assertValid(RECORD_SCHEMA, with(good, r -> {
            r.putArray("medications").add("alendronate").addObject().put("system", "http://www.whocc.no/atc")
                    .put("code", "H02AB07").put("start", "2025-01-10").put("end", "2025-09-30");
            r.putArray("conditions").add("lupus").addObject().put("key", "copd").put("onset", "2024-03-01");
            ((ArrayNode) r.get("conditions")).addObject().put("system", "http://snomed.info/sct").put("code", "69896004");
            r.putArray("fractureSites").add("hip").add("distal-forearm");
            r.put("deceased", true).put("deceasedDate", "2026-01-01");
        }), "a record using every list form");
        // the reader takes null as unknown, as if the field were absent
        assertValid(RECORD_SCHEMA, with(good, r -> {
            r.putNull("postmenopausal").putNull("age").putNull("sex").putNull("birthDate").putNull("medications");
            r.put("deceased", false).putNull("deceasedDate");
        }), "a record with nulls");
        assertValid(RECORD_SCHEMA, with(good, r -> r.putArray("medications").addObject().put("name", "prednisone")
                .put("doseMgPerDay", 5).putNull("prednisoneEquivalentMgPerDay").putNull("end")),
                "a medication with nulls");
    }
}
