package org.osteocds.internal.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.osteocds.internal.knowledge.Terminology;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.FhirSourceReport;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;

/**
 * Detects FHIR input by content and reads it as parsed records, one per Patient resource;
 * {@code org.osteocds.io.FhirInput} is its public entry point. A folder is read whole, subfolders too: its
 * {@code .ndjson} files as one Bulk Data export, each {@code .json} file as a Bundle, resource or CDS Hooks request.
 */
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
                try (Stream<Path> s = Files.walk(path)) {
                    return s.filter(Files::isRegularFile).anyMatch(FhirReader::isFhirFile);
                }
            }
            return isFhirFile(path);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * @param file a file
     * @return whether it is a FHIR Bulk Data manifest (the {@code $export} result: its transaction time and output
     *         files), which travels with an export's NDJSON files
     */
    public static boolean isBulkManifest(Path file) {
        try {
            return isBulkManifestText(head(file));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param head the start of a file (its first 64 KiB)
     * @return whether it is a FHIR Bulk Data manifest
     */
    public static boolean isBulkManifestText(String head) {
        return head.contains("\"transactionTime\"") && head.contains("\"output\"") && !head.contains("\"resourceType\"");
    }

    private static boolean isFhirFile(Path file) {
        try {
            return FhirSources.looksLikeFhir(head(file));
        } catch (IOException e) {
            return false;
        }
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(PEEK), StandardCharsets.UTF_8);
        }
    }

    /**
     * @param head the first characters of a JSON text
     * @return whether it looks like FHIR
     */
    public static boolean looksLikeFhir(String head) {
        return FhirSources.looksLikeFhir(head);
    }

    /**
     * @param terminology the tables that map the codes
     * @param path        a file or folder
     * @param asOf        the assessment date
     * @param mappings    receives how each patient was mapped (may be {@code null})
     * @param reports     receives what each source held besides patients (may be {@code null})
     * @return one parsed record per Patient resource
     */
    public static Stream<ParsedRecord> read(Terminology terminology, Path path, LocalDate asOf,
                                            Consumer<FhirMapping> mappings, Consumer<FhirSourceReport> reports) {
        FhirMapper mapper = new FhirMapper(terminology, asOf);
        List<Source> sources = new ArrayList<>();
        try {
            plan(path, sources);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return stream(new Chain(sources, mapper), mappings, reports);
    }

    /**
     * @param terminology the tables that map the codes
     * @param json        one Bundle, resource or CDS Hooks request, as a tree
     * @param name        its name, for messages
     * @param asOf        the assessment date
     * @param mappings    receives how each patient was mapped (may be {@code null})
     * @param reports     receives what the document held besides patients (may be {@code null})
     * @return one parsed record per Patient resource
     */
    public static Stream<ParsedRecord> read(Terminology terminology, JsonNode json, String name, LocalDate asOf,
                                            Consumer<FhirMapping> mappings, Consumer<FhirSourceReport> reports) {
        FhirMapper mapper = new FhirMapper(terminology, asOf);
        return stream(new Chain(List.of(new Source(name, List.of(), json)), mapper), mappings, reports);
    }

    /**
     * @param text FHIR JSON text
     * @return its tree, decimals kept exactly as written
     * @throws JsonProcessingException when it is not JSON, or an object gives a key twice (never resolved silently
     *                                 to its last value)
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return ResourceText.STRICT.readTree(text);
    }

    /** One input to index: a Bulk export (NDJSON files), one JSON file, or a tree in memory. */
    private record Source(String name, List<Path> files, JsonNode tree) {
    }

    /** Lists the sources of a path: a folder's NDJSON files as one export, each JSON file alone, subfolders after. */
    private static void plan(Path path, List<Source> out) throws IOException {
        if (!Files.isDirectory(path)) {
            out.add(new Source(path.getFileName().toString(), List.of(path), null));
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(path)) {
            entries = s.sorted().toList();
        }
        List<Path> ndjson = new ArrayList<>();
        for (Path p : entries) {
            if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".") && isFhirFile(p)
                    && (p.getFileName().toString().endsWith(".ndjson") || isNdjson(head(p)))) {
                ndjson.add(p);
            }
        }
        if (!ndjson.isEmpty()) {
            out.add(new Source(path.getFileName().toString(), ndjson, null));
        }
        for (Path p : entries) {
            if (Files.isRegularFile(p) && !ndjson.contains(p) && !p.getFileName().toString().startsWith(".")
                    && isFhirFile(p)) {
                out.add(new Source(p.getFileName().toString(), List.of(p), null));
            }
        }
        for (Path p : entries) {
            if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                plan(p, out);
            }
        }
    }

    /**
     * @param head the start of a file
     * @return whether it is NDJSON: more than one line, and the first line alone is a complete JSON object
     */
    public static boolean isNdjson(String head) {
        String text = head.strip();
        int nl = text.indexOf('\n');
        if (!text.startsWith("{") || nl < 0) {
            return false;
        }
        try {
            return FhirJson.MAPPER.readTree(text.substring(0, nl)).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** Indexes one source at a time and yields its patients, then the next source's. */
    private static final class Chain implements Iterator<FhirMapper.Result>, AutoCloseable {
        private final Iterator<Source> sources;
        private final FhirMapper mapper;
        private PatientGroups current;
        private Source currentSource;
        private Iterator<FhirMapper.Result> extra = Collections.emptyIterator();
        private final List<FhirSourceReport> finished = new ArrayList<>();
        private int patients;

        Chain(List<Source> sources, FhirMapper mapper) {
            this.sources = sources.iterator();
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            while (!extra.hasNext() && (current == null || !current.hasNext())) {
                finish();
                if (!sources.hasNext()) {
                    return false;
                }
                open(sources.next());
            }
            return true;
        }

        private void open(Source s) {
            currentSource = s;
            patients = 0;
            try {
                if (s.tree() != null) {
                    current = FhirSources.document(s.tree(), s.name(), mapper);
                } else if (s.files().size() > 1 || s.files().get(0).getFileName().toString().endsWith(".ndjson")
                        || isNdjson(head(s.files().get(0)))) {
                    current = FhirSources.bulk(s.files(), mapper, s.name());
                } else {
                    current = FhirSources.file(s.files().get(0), mapper);
                }
            } catch (JsonProcessingException e) {
                current = null;
                String key = ResourceText.duplicate(e, false);
                extra = List.of(FhirSources.unreadable(s.name(), key != null ? key + " is given twice (line "
                        + e.getLocation().getLineNr() + ")" : "not valid JSON at line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage())).iterator();
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + s.name(), e);
            }
            RecordError why = current.noPatientError();
            if (why != null) {
                extra = List.of(FhirSources.invalid(s.name(), why)).iterator();
            }
        }

        private void finish() {
            if (current != null) {
                current.close();
                finished.add(new FhirSourceReport(currentSource.name(), patients, current.unattached(),
                        current.unreadableParts()));
                current = null;
            }
        }

        @Override
        public FhirMapper.Result next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            patients++;
            return extra.hasNext() ? extra.next() : current.next();
        }

        List<FhirSourceReport> drainReports() {
            List<FhirSourceReport> out = List.copyOf(finished);
            finished.clear();
            return out;
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
            }
        }
    }

    private static Stream<ParsedRecord> stream(Chain chain, Consumer<FhirMapping> mappings,
                                               Consumer<FhirSourceReport> reports) {
        Iterator<ParsedRecord> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = chain.hasNext();
                if (reports != null) {
                    chain.drainReports().forEach(reports);
                }
                return more;
            }

            @Override
            public ParsedRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FhirMapper.Result r = chain.next();
                if (mappings != null) {
                    mappings.accept(r.mapping());
                }
                return r.record();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(chain::close);
    }
}
