package org.osteocds.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.osteocds.internal.fhir.FhirReader;
import org.osteocds.internal.parse.InputFormat;
import org.osteocds.internal.parse.RecordReader;
import org.osteocds.model.ParsedRecord;
import picocli.CommandLine;

/**
 * The command's inputs (files, folders read whole with their subfolders, {@code -} for stdin) as one lazy stream of
 * parsed records, and what became of each: what it was detected to be, how many records it gave, and any problem
 * (a file in no supported format, one that cannot be read). A problem with one input never stops the others; the
 * command reports them at the end and exits 4.
 */
final class Inputs {
    /**
     * What became of one input.
     *
     * @param name    its name as given or found in a folder
     * @param what    what it was read as (for example "CSV, windows-1252, ';' separator, decimal commas")
     * @param records how many records it gave
     * @param problem what went wrong with it, or {@code null}
     */
    record Report(String name, String what, long records, String problem) {
    }

    /** One input to read: its name, and how to open it. */
    private record Source(String name, Opener opener) {
    }

    @FunctionalInterface
    private interface Opener {
        Opened open() throws IOException;
    }

    /** An open input: its records and how to describe it once read. */
    private record Opened(Iterator<ParsedRecord> records, java.util.function.Supplier<String> what,
                          AutoCloseable closer, String problem) {
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<Report> reports = new ArrayList<>();
    private long read;

    private Inputs() {
    }

    /**
     * @param inputs files, folders or "-"
     * @param cl     the command line, for usage errors (an input that does not exist)
     * @param fhir   reads a FHIR file or Bulk Data folder, or {@code null} to treat everything as native records
     * @return the inputs, not yet read
     */
    static Inputs of(List<String> inputs, CommandLine cl, Function<Path, Stream<ParsedRecord>> fhir) {
        Inputs in = new Inputs();
        for (String name : inputs) {
            if (name.equals("-")) {
                in.sources.add(new Source("-", () -> in.stdin(fhir)));
                continue;
            }
            Path p = Path.of(name);
            if (Files.isDirectory(p)) {
                in.folder(p, fhir);
            } else if (Files.isRegularFile(p)) {
                in.file(p, fhir);
            } else {
                throw new CommandLine.ParameterException(cl, "input not found: " + name);
            }
        }
        return in;
    }

    /** A folder: a FHIR Bulk Data export (every file FHIR) is one source; otherwise each file, subfolders too. */
    private void folder(Path dir, Function<Path, Stream<ParsedRecord>> fhir) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            sources.add(new Source(dir.toString(), () -> failed("cannot list the folder: " + IoMessages.describe(e))));
            return;
        }
        if (fhir != null && allFhir(dir)) {
            sources.add(new Source(dir.toString(), () -> new Opened(fhir.apply(dir).iterator(), () -> "FHIR Bulk Data "
                    + "export", null, null)));
            return;
        }
        for (Path p : children) {
            if (Files.isDirectory(p)) {
                folder(p, fhir);
            } else if (Files.isRegularFile(p)) {
                file(p, fhir);
            }
        }
    }

    private static boolean allFhir(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            // an empty file (an export's resource type with no resources) holds nothing either way
            List<Path> fhir = files.stream().filter(p -> !FhirReader.isBulkManifest(p) && !blank(p)).toList();
            return !fhir.isEmpty() && fhir.stream().allMatch(FhirReader::isFhir);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** @return whether a file holds nothing but white space (read only when it is small) */
    private static boolean blank(Path f) {
        try {
            long size = Files.size(f);
            return size == 0 || size <= 4096 && Files.readString(f, StandardCharsets.ISO_8859_1).isBlank();
        } catch (IOException | UncheckedIOException e) {
            return false;   // unreadable: not blank; reading it will say why
        }
    }

    private void file(Path f, Function<Path, Stream<ParsedRecord>> fhir) {
        sources.add(new Source(f.toString(), () -> {
            if (FhirReader.isBulkManifest(f)) {
                // a Bulk Data manifest describes an export; it is no patient record, wherever it lies
                return new Opened(Collections.emptyIterator(), () -> "FHIR Bulk Data manifest, not a record", null,
                        null);
            }
            if (fhir != null && FhirReader.isFhir(f)) {
                Stream<ParsedRecord> s = fhir.apply(f);
                return new Opened(s.iterator(), () -> "FHIR", s, null);
            }
            return openNative(Files.newInputStream(f), f.toString());
        }));
    }

    private static Opened openNative(InputStream in, String name) throws IOException {
        RecordReader.Opened o = RecordReader.open(in, name);
        if (o.format().kind() == InputFormat.Kind.UNSUPPORTED) {
            in.close();
            return failed(o.format().reason());
        }
        String kind = o.format().kind() == InputFormat.Kind.CSV ? "CSV, " : "JSON, ";
        return new Opened(o.records(), () -> kind + o.encoding().describe(), o.input(), null);
    }

    private static Opened failed(String problem) {
        return new Opened(Collections.emptyIterator(), () -> "not read", null, problem);
    }

    /** Standard input: native records are streamed; FHIR is copied to a temporary file first (it needs two passes). */
    private Opened stdin(Function<Path, Stream<ParsedRecord>> fhir) throws IOException {
        BufferedInputStream in = new BufferedInputStream(System.in, 1 << 16);
        in.mark(1 << 16);
        String head = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
        in.reset();
        if (fhir != null && FhirReader.looksLikeFhir(head)) {
            Path tmp = Files.createTempFile("osteo-cds-stdin", ".json");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Stream<ParsedRecord> s = fhir.apply(tmp);
            return new Opened(s.iterator(), () -> "FHIR", s, null);
        }
        return openNative(in, "-");
    }

    /** @return the records of every input, in order; each input is opened only when the one before is used up */
    Stream<ParsedRecord> records() {
        Concatenation c = new Concatenation();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(c, Spliterator.ORDERED), false)
                .onClose(c::close);
    }

    /** @return what became of each input read so far */
    List<Report> reports() {
        return reports;
    }

    /** @return the records read, over every input */
    long read() {
        return read;
    }

    /** @return the inputs that could not be read (in part or whole) */
    List<Report> problems() {
        return reports.stream().filter(r -> r.problem() != null).toList();
    }

    /**
     * Says what each input was read as: one line per input when there are a few, else counts by kind.
     *
     * @param err where to write
     */
    void printSummary(java.io.PrintWriter err) {
        if (reports.size() <= 10) {
            for (Report r : reports) {
                err.println("  " + r.name() + ": " + r.what() + ", " + r.records() + (r.records() == 1 ? " record"
                        : " records"));
            }
            return;
        }
        java.util.Map<String, long[]> byKind = new java.util.TreeMap<>();
        for (Report r : reports) {
            long[] n = byKind.computeIfAbsent(r.what(), k -> new long[2]);
            n[0]++;
            n[1] += r.records();
        }
        byKind.forEach((what, n) -> err.println("  " + n[0] + " inputs read as " + what + ", " + n[1] + " records"));
    }

    /** Reads the sources one after another, recording a report for each; a failing source ends, the rest go on. */
    private final class Concatenation implements Iterator<ParsedRecord> {
        private final Iterator<Source> next = sources.iterator();
        private Source source;
        private Opened current;
        private long count;
        private String problem;

        @Override
        public boolean hasNext() {
            while (true) {
                if (current != null) {
                    try {
                        if (current.records().hasNext()) {
                            return true;
                        }
                    } catch (UncheckedIOException | IllegalStateException e) {
                        problem = "could not read it after " + count + " records: " + IoMessages.describe(e);
                    }
                    finish();
                }
                if (!next.hasNext()) {
                    return false;
                }
                source = next.next();
                count = 0;
                try {
                    current = source.opener().open();
                    problem = current.problem();
                } catch (IOException | UncheckedIOException e) {
                    current = failed("cannot read it: " + IoMessages.describe(e));
                    problem = current.problem();
                }
            }
        }

        @Override
        public ParsedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ParsedRecord r = current.records().next();
            count++;
            read++;
            return r;
        }

        private void finish() {
            String what;
            try {
                what = current.what().get();
            } catch (RuntimeException e) {
                what = "?";
            }
            reports.add(new Report(source.name(), what, count, problem));
            closeCurrent();
        }

        private void closeCurrent() {
            if (current != null && current.closer() != null) {
                try {
                    current.closer().close();
                } catch (Exception e) {
                    // closing an input that was read to its end cannot lose a record
                }
            }
            current = null;
        }

        void close() {
            closeCurrent();
        }
    }
}
