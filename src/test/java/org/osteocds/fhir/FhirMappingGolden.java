package org.osteocds.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.io.FhirInput;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.ParsedRecord;

/**
 * The FHIR mapping of every shared sample, as JSON: each patient's record (or errors) and how it was mapped. The
 * golden files under {@code src/test/resources/golden/fhir-mapping/} were written by the HAPI-object-model mapper
 * before the streaming JSON mapper replaced it; {@code FhirMappingGoldenTest} proves the new one gives the same.
 * {@code main} rewrites them (run it only on purpose).
 */
public final class FhirMappingGolden {
    /** The dates each sample is mapped at: today's and one that cuts the records' histories in half. */
    public static final List<LocalDate> DATES = List.of(LocalDate.of(2026, 11, 29), LocalDate.of(2015, 1, 1));
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private FhirMappingGolden() {
    }

    /** @return the inputs: each Synthea and CMS249 file, each bulk folder, each CDS Hooks request */
    public static List<Path> inputs(Path samples) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String folder : List.of("synthea", "ecqm-cms249", "bulk-ndjson", "cds-hooks")) {
            try (Stream<Path> s = Files.list(samples.resolve(folder))) {
                s.sorted().filter(p -> !folder.equals("cds-hooks") || p.getFileName().toString().endsWith("request.json"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** @return the golden file of an input */
    public static Path goldenFile(Path samples, Path input) {
        return Path.of("src", "test", "resources", "golden", "fhir-mapping")
                .resolve(samples.relativize(input).toString().replace(".json", "") + ".json");
    }

    /** @return the mapping of one input at each date, as the golden files hold it */
    public static String mapped(OsteoCds cds, Path input) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        for (LocalDate asOf : DATES) {
            ArrayNode patients = root.putArray(asOf.toString());
            List<FhirMapping> mappings = new ArrayList<>();
            List<ParsedRecord> records;
            try (Stream<ParsedRecord> s = FhirInput.read(cds, input, asOf, mappings::add)) {
                records = s.toList();
            }
            for (int i = 0; i < records.size(); i++) {
                ObjectNode p = patients.addObject();
                if (records.get(i) instanceof ParsedRecord.Valid v) {
                    p.set("record", JSON.valueToTree(v.record()));
                } else {
                    ParsedRecord.Invalid inv = (ParsedRecord.Invalid) records.get(i);
                    p.put("invalid", inv.patientId());
                    p.set("errors", JSON.valueToTree(inv.errors()));
                }
                FhirMapping m = mappings.get(i);
                p.set("fields", JSON.valueToTree(new TreeMap<>(m.fields())));
                p.set("unrecognized", JSON.valueToTree(new TreeMap<>(m.unrecognized())));
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    /**
     * Rewrites the golden files.
     *
     * @param args the shared samples folder
     * @throws IOException when reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        Path samples = Path.of(args[0]);
        OsteoCds cds = OsteoCds.bundled();
        for (Path in : inputs(samples)) {
            Path out = goldenFile(samples, in);
            Files.createDirectories(out.getParent());
            Files.writeString(out, mapped(cds, in));
        }
    }
}
