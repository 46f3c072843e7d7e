package org.osteocds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.osteocds.internal.fhir.FhirMapper;
import org.osteocds.internal.fhir.FhirSources;

/**
 * FHIR R4 input: Bundles (any type, one patient or many), single resources, CDS Hooks requests (their prefetch),
 * NDJSON files and Bulk Data export folders, mapped to {@link PatientRecord}s through the terminology tables of the
 * engine's rules. Mapping depends on the assessment date: only data dated on or before it counts, and for each field
 * the latest value as of that date wins (docs/fhir.md lists every policy).
 *
 * <p>This class needs HAPI FHIR ({@code ca.uhn.hapi.fhir:hapi-fhir-structures-r4}), an <em>optional</em> dependency
 * of this library: add it to your build to use FHIR input; embedders who pass native records do not carry it.
 * The command line bundles it.
 */
public final class FhirInput {
    private static final int PEEK = 1 << 16;

    private FhirInput() {
    }

    /**
     * Tells FHIR input from native records by content: a JSON file whose first object has {@code resourceType} (or
     * is a CDS Hooks request), an NDJSON file whose first line does, or a folder holding such NDJSON files.
     *
     * @param path a file or folder
     * @return whether it is FHIR input
     */
    public static boolean isFhir(Path path) {
        try {
            if (Files.isDirectory(path)) {
                return !ndjsonFiles(path).isEmpty();
            }
            return FhirSources.looksLikeFhir(head(path));
        } catch (IOException e) {
            return false;
        }
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(PEEK), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> ndjsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ndjson")).filter(Files::isRegularFile)
                    .filter(p -> {
                        try {
                            return FhirSources.looksLikeFhir(head(p));
                        } catch (IOException e) {
                            return false;
                        }
                    }).sorted().toList();
        }
    }

    /**
     * Reads FHIR input lazily. A folder is read as a Bulk Data export (its {@code *.ndjson} files); an NDJSON file the
     * same way; a JSON file as one Bundle, resource or CDS Hooks request.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param path     a file or folder
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per patient
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, Path path, LocalDate asOf, Consumer<FhirMapping> mappings) {
        Objects.requireNonNull(asOf, "asOf");
        FhirMapper mapper = new FhirMapper(cds.engine().rules().terminology(), asOf);
        Consumer<FhirMapping> sink = mappings == null ? m -> { } : mappings;
        try {
            boolean ndjson = Files.isDirectory(path) || isNdjson(head(path));
            if (ndjson) {
                List<Path> files = Files.isDirectory(path) ? ndjsonFiles(path) : List.of(path);
                FhirSources.Bulk bulk = FhirSources.bulk(files, mapper);
                return stream(bulk, sink).onClose(bulk::close);
            }
            String json = Files.readString(path, StandardCharsets.UTF_8);
            return stream(FhirSources.document(json, path.getFileName().toString(), mapper).iterator(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Reads one FHIR JSON document (Bundle, resource or CDS Hooks request) given as text.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param json     the document
     * @param name     its name, for messages
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per patient
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, String json, String name, LocalDate asOf,
                                            Consumer<FhirMapping> mappings) {
        FhirMapper mapper = new FhirMapper(cds.engine().rules().terminology(), asOf);
        return stream(FhirSources.document(json, name, mapper).iterator(), mappings == null ? m -> { } : mappings);
    }

    /** NDJSON: more than one line, and the first line alone is a complete JSON object. */
    private static boolean isNdjson(String head) {
        String text = head.strip();
        int nl = text.indexOf('\n');
        if (!text.startsWith("{") || nl < 0) {
            return false;
        }
        try {
            return org.osteocds.internal.JsonSupport.MAPPER.readTree(text.substring(0, nl)).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static Stream<ParsedRecord> stream(Iterator<FhirMapper.Result> results, Consumer<FhirMapping> sink) {
        Iterator<ParsedRecord> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public ParsedRecord next() {
                FhirMapper.Result r = results.next();
                sink.accept(r.mapping());
                return r.record();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }
}
