package org.osteocds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The patients of a run: one FHIR Bundle (JSON text) each. Reading and grouping are never timed. */
public final class Patients {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Patients() {
    }

    /**
     * Regroups a FHIR Bulk Data export (one NDJSON file per resource type) into one collection Bundle per patient,
     * in the order of {@code Patient.ndjson}.
     *
     * @param dir   the export folder
     * @param limit at most this many patients (the first ones)
     * @return one Bundle per patient
     * @throws IOException when a file cannot be read
     */
    public static List<String> fromBulk(Path dir, int limit) throws IOException {
        Map<String, ArrayNode> entries = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("Patient.ndjson"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null && entries.size() < limit) {
                if (!line.isBlank()) {
                    JsonNode p = JSON.readTree(line);
                    ArrayNode e = JSON.createArrayNode();
                    e.addObject().set("resource", p);
                    entries.put(p.path("id").asText(), e);
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".ndjson")).sorted().toList()) {
                if (f.getFileName().toString().equals("Patient.ndjson")) {
                    continue;
                }
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode res = JSON.readTree(line);
                        String ref = res.path("subject").path("reference").asText("");
                        ArrayNode e = entries.get(ref.startsWith("Patient/") ? ref.substring(8) : ref);
                        if (e != null) {
                            e.addObject().set("resource", res);
                        }
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(entries.size());
        for (ArrayNode e : entries.values()) {
            ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
            b.set("entry", e);
            out.add(JSON.writeValueAsString(b));
        }
        return out;
    }

    /**
     * @param dir a folder of Bundle files (*.json), read in place
     * @return their texts, sorted by file name; empty when the folder is absent
     * @throws IOException when a file cannot be read
     */
    public static List<String> bundleFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
