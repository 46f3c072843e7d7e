package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.model.PatientRecord;

/** The JSON Schemas as the jar ships them, loaded once, and what the schema tests share. */
final class Schemas {
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

    static final ObjectMapper M = new ObjectMapper();
    static final SchemaRegistry REGISTRY;
    static final Schema RECORD_SCHEMA;
    static final Schema ASSESSMENT_SCHEMA;
    static final OsteoCds CDS = OsteoCds.bundled();

    static {
        // format "date" is only an annotation in 2020-12 unless assertions are switched on
        REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try {
            RECORD_SCHEMA = REGISTRY.getSchema(M.readTree(resource(RECORD)));
            ASSESSMENT_SCHEMA = REGISTRY.getSchema(M.readTree(resource(ASSESSMENT)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Schemas() {
    }

    /** The schema as the jar ships it: from the class path, not from docs/. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream("osteocds-schemas/" + name)) {
            assertNotNull(in, "osteocds-schemas/" + name + " is not on the class path (pom.xml resources)");
            return in.readAllBytes();
        }
    }

    static List<String> errors(Schema schema, JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(doc)) {
            out.add(e.getInstanceLocation() + " " + e.getKeyword() + ": " + e.getMessage());
        }
        return out;
    }

    static void assertValid(Schema schema, JsonNode doc, String what) {
        List<String> e = errors(schema, doc);
        assertTrue(e.isEmpty(), () -> what + " breaks the schema:\n  " + String.join("\n  ", e) + "\n  " + doc);
    }

    /** Rejected, and (so that the test cannot pass by accident) for a reason that names {@code where}. */
    static void assertRejected(Schema schema, JsonNode doc, String where, String what) {
        List<String> e = errors(schema, doc);
        assertFalse(e.isEmpty(), what + ": the schema accepted " + doc);
        assertTrue(e.stream().anyMatch(m -> m.contains(where)), () -> what + ": no error names " + where + ":\n  "
                + String.join("\n  ", e));
    }

    static JsonNode tree(String json) {
        try {
            return M.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.walk(SCENARIOS)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The seeded random records of the safety-invariant tests. */
    static List<PatientRecord> randomRecords() {
        return org.osteocds.RandomRecords.generate(RANDOM_COUNT, RANDOM_SEED);
    }

    /** @return a copy of {@code base} with {@code change} applied */
    static ObjectNode with(ObjectNode base, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return copy;
    }
}
