package org.osteocds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.osteocds.internal.parse.InputFormat;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.internal.parse.RecordMapper;
import org.osteocds.internal.parse.RecordReader;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordSource;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.RulesCompilationException;

/**
 * The records a new ruleset must assess without {@code failed} before {@link HotReload} lets it serve: fixtures
 * (each record at its own {@code asOf}) or native records in any format. Invalid records are left out: they are
 * invalid whatever the rules.
 */
final class Canary {
    /**
     * One canary record.
     *
     * @param record the record
     * @param asOf   when to assess it
     * @param source where it came from, for messages
     */
    record Case(PatientRecord record, LocalDate asOf, String source) {
    }

    private Canary() {
    }

    /**
     * @param path a file or folder (read with its subfolders)
     * @param asOf the date for records that are not fixtures, or {@code null} to read fixtures only
     * @return the valid records found
     */
    static List<Case> read(Path path, LocalDate asOf) {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                if (!f.getFileName().toString().startsWith(".")) {
                    readFile(f, asOf, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the canary " + path, e);
        }
        return List.copyOf(out);
    }

    private static void readFile(Path f, LocalDate asOf, List<Case> out) throws IOException {
        if (f.toString().endsWith(".json")) {
            JsonNode fixture = fixture(f);
            if (fixture != null) {
                ParsedRecord p = new RecordMapper(false).map(fixture.get("record"),
                        new RecordSource(f.toString(), null, null, null, null));
                LocalDate date = date(fixture.path("asOf").asText(null));
                if (p instanceof ParsedRecord.Valid v && date != null) {
                    out.add(new Case(v.record(), date, f.toString()));
                }
                return;
            }
        }
        if (asOf == null) {
            return;
        }
        try (InputStream in = Files.newInputStream(f)) {
            RecordReader.Opened o = RecordReader.open(in, f.toString());
            if (o.format().kind() == InputFormat.Kind.UNSUPPORTED) {
                return;
            }
            for (Iterator<ParsedRecord> it = o.records(); it.hasNext(); ) {
                if (it.next() instanceof ParsedRecord.Valid v) {
                    out.add(new Case(v.record(), asOf, v.source().toString()));
                }
            }
        }
    }

    /** @return the fixture's JSON when the file is a fixture (an object with a record), else {@code null} */
    private static JsonNode fixture(Path f) {
        try {
            JsonNode n = JsonSupport.MAPPER.readTree(f.toFile());
            return n != null && n.isObject() && n.has("record") ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * @param cds    a new engine
     * @param canary the canary records
     * @throws RulesCompilationException naming each canary record that failed and its rule
     */
    static void check(OsteoCds cds, List<Case> canary) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Case c : canary) {
            Assessment a = cds.assess(c.record(), c.asOf());
            if (a.status() == AssessmentStatus.FAILED) {
                String why = a.errors().isEmpty() ? "failed" : "rule '" + a.errors().get(0).value() + "': "
                        + a.errors().get(0).message();
                problems.add(new RuleProblem("canary", 0, 0, "error", "record " + a.patientId() + " (" + c.source()
                        + ") failed with these rules, so they are not served: " + why));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesCompilationException(problems);
        }
    }
}
