package org.osteocds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code assess --format ndjson} run of the hostile-input tests, in process: the assessments, the exit code and
 * stderr.
 */
record AssessRun(List<JsonNode> out, int exit, String err) {
    private static final ObjectMapper M = new ObjectMapper();

    /** Assesses the inputs as of 2026-06-01. */
    static AssessRun of(Path... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("assess", "--as-of", "2026-06-01", "--format", "ndjson"));
        for (Path p : inputs) {
            args.add(p.toString());
        }
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (!line.isBlank()) {
                out.add(M.readTree(line));
            }
        }
        return new AssessRun(out, r.exit, r.err);
    }

    /** Writes a test input (folders made as needed) and returns its path. */
    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        java.nio.file.Files.createDirectories(p.getParent());
        java.nio.file.Files.write(p, bytes);
        return p;
    }

    /** Writes a test input as UTF-8. */
    static Path write(Path dir, String name, String text) throws IOException {
        return write(dir, name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> ids() {
        return out.stream().map(n -> n.get("patientId").asText()).toList();
    }

    List<String> statuses() {
        return out.stream().map(n -> n.get("status").asText()).toList();
    }

    /** @return the first error of assessment {@code i} */
    JsonNode firstError(int i) {
        return out.get(i).get("errors").get(0);
    }

    /** @return the message of the first error of assessment {@code i} */
    String error(int i) {
        return firstError(i).get("message").asText();
    }
}
