package org.osteocds.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.osteocds.model.ParsedRecord;
import org.osteocds.io.PatientRecords;
import picocli.CommandLine;

/** Opens the command's inputs (files, folders, stdin) as one lazy stream of parsed records. */
final class Inputs {
    private Inputs() {
    }

    static Stream<ParsedRecord> open(List<String> inputs, CommandLine cl) {
        return open(inputs, cl, null);
    }

    /**
     * @param inputs files, folders or "-"
     * @param cl     the command line, for usage errors
     * @param fhir   reads a FHIR file or Bulk Data folder, or {@code null} to treat everything as native records
     * @return the records of every input, in order
     */
    static Stream<ParsedRecord> open(List<String> inputs, CommandLine cl,
                                     java.util.function.Function<Path, Stream<ParsedRecord>> fhir) {
        List<Path> files = new ArrayList<>();
        boolean stdin = false;
        for (String in : inputs) {
            if (in.equals("-")) {
                stdin = true;
                continue;
            }
            Path p = Path.of(in);
            if (fhir != null && Files.isDirectory(p) && org.osteocds.internal.fhir.FhirReader.isFhir(p)) {
                files.add(p);   // a Bulk Data export folder is one source
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new CommandLine.ParameterException(cl, "input not found: " + in);
            }
        }
        List<java.util.function.Supplier<Stream<ParsedRecord>>> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(() -> fhir != null && org.osteocds.internal.fhir.FhirReader.isFhir(f) ? fhir.apply(f) : read(f));
        }
        if (stdin) {
            sources.add(() -> stdin(fhir));
        }
        Concatenation c = new Concatenation(sources);
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(c,
                java.util.Spliterator.ORDERED), false).onClose(c::close);
    }

    /** Opens each source only when the previous one is used up, and closes it after; never buffers. */
    private static final class Concatenation implements java.util.Iterator<ParsedRecord> {
        private final java.util.Iterator<java.util.function.Supplier<Stream<ParsedRecord>>> sources;
        private Stream<ParsedRecord> current;
        private java.util.Iterator<ParsedRecord> it = java.util.Collections.emptyIterator();

        Concatenation(List<java.util.function.Supplier<Stream<ParsedRecord>>> sources) {
            this.sources = sources.iterator();
        }

        @Override
        public boolean hasNext() {
            while (!it.hasNext()) {
                close();
                if (!sources.hasNext()) {
                    return false;
                }
                current = sources.next().get();
                it = current.iterator();
            }
            return true;
        }

        @Override
        public ParsedRecord next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return it.next();
        }

        void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /** Standard input: native records are streamed; FHIR is copied to a temporary file first (it needs two passes). */
    private static Stream<ParsedRecord> stdin(java.util.function.Function<Path, Stream<ParsedRecord>> fhir) {
        try {
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(System.in, 1 << 16);
            in.mark(1 << 16);
            String head = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
            in.reset();
            if (fhir != null && org.osteocds.internal.fhir.FhirReader.looksLikeFhir(head)) {
                Path tmp = Files.createTempFile("osteo-cds-stdin", ".json");
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return fhir.apply(tmp);
            }
            return PatientRecords.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<ParsedRecord> read(Path f) {
        try {
            return PatientRecords.read(Files.newBufferedReader(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
