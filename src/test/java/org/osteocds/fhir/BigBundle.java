package org.osteocds.fhir;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes one large FHIR Bundle made of copies of the Synthea samples in the repository, each copy a new patient
 * (every UUID in it rewritten, so references stay inside the copy), written compactly as an EHR export would be.
 * For the memory measurement of docs/reliability.md: {@code bin/bench-fhir-memory}. Generated when needed, never
 * committed.
 */
public final class BigBundle {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BigBundle() {
    }

    /**
     * @param out      the file to write
     * @param patients how many patients
     * @return the file's size in bytes
     * @throws IOException when reading the samples or writing fails
     */
    public static long write(Path out, int patients) throws IOException {
        List<Path> samples;
        try (Stream<Path> s = Files.list(Path.of("src", "test", "resources", "fhir-samples", "synthea"))) {
            samples = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<String> texts = samples.stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeStringField("type", "collection");
            g.writeArrayFieldStart("entry");
            for (int k = 0; k < patients; k++) {
                String prefix = String.format(Locale.ROOT, "%08x", k);
                Matcher m = UUID.matcher(texts.get(k % texts.size()));
                String copy = m.replaceAll(r -> prefix + r.group(1));
                for (JsonNode entry : JSON.readTree(copy).path("entry")) {
                    g.writeTree(entry);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return Files.size(out);
    }

    /**
     * @param args the output file, and how many patients (default 120)
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        long size = write(Path.of(args[0]), n);
        System.out.printf(Locale.ROOT, "%s: %d patients, %.1f MB%n", args[0], n, size / 1e6);
    }
}
