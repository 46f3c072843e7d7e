package org.osteocds.internal.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.ParsedRecord;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.internal.knowledge.Terminology;

/** Detects FHIR input by content and reads it as parsed records; {@code org.osteocds.io.FhirInput} is its facade. */
public final class FhirReader {
    private static final int PEEK = 1 << 16;

    private FhirReader() {
    }

    /**
     * @param path a file or folder
     * @return whether it is FHIR input (a resource or CDS Hooks request, NDJSON of resources, or a folder of them)
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
     * @param terminology the tables that map the codes
     * @param path        a file or folder (a folder, or an NDJSON file, is read as a Bulk Data export)
     * @param asOf        the assessment date
     * @param mappings    receives how each patient was mapped (may be {@code null})
     * @return one parsed record per patient
     */
    public static Stream<ParsedRecord> read(Terminology terminology, Path path, LocalDate asOf,
                                            Consumer<FhirMapping> mappings) {
        FhirMapper mapper = new FhirMapper(terminology, asOf);
        Consumer<FhirMapping> sink = mappings == null ? m -> { } : mappings;
        try {
            if (Files.isDirectory(path) || isNdjson(head(path))) {
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
     * @param terminology the tables that map the codes
     * @param json        one Bundle, resource or CDS Hooks request
     * @param name        its name, for messages
     * @param asOf        the assessment date
     * @param mappings    receives how each patient was mapped (may be {@code null})
     * @return one parsed record per patient
     */
    public static Stream<ParsedRecord> read(Terminology terminology, String json, String name, LocalDate asOf,
                                            Consumer<FhirMapping> mappings) {
        FhirMapper mapper = new FhirMapper(terminology, asOf);
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
            return JsonSupport.MAPPER.readTree(text.substring(0, nl)).isObject();
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
