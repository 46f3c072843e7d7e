package org.osteocds.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.authoring.Impact;
import org.osteocds.io.FhirInput;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osteo-cds impact}: what a rule change does to a panel, per advice code, with examples. */
@Command(name = "impact",
        header = "Compare two rulesets on one panel: per advice code, who gains or loses it.",
        description = "Assess the inputs with the rules (--rules, default the bundled rules) and compare with the "
            + "earlier rules (--before-rules DIR), or with the assessments an earlier release wrote for the same "
            + "inputs (--before FILE: its JSON or NDJSON output, for a change the current engine cannot compile). "
            + "Writes a Markdown report: status, advice per code (before, after, gained, lost) with example "
            + "patients and their rationales, bone status changes, risk factors and data gaps.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:usage error (including a --before file of other records)",
            "3:the rules do not compile", "4:an input or output could not be read or written",
            "70:internal error (a bug: please report it)"})
final class ImpactCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "the panel: input files or folders, as for assess")
    List<String> inputs;

    @ArgGroup(multiplicity = "1")
    Before before;

    /** Where the earlier results come from. */
    static final class Before {
        @Option(names = "--before-rules", paramLabel = "DIR", description = "the earlier rules folder")
        Path rules;

        @Option(names = "--before", paramLabel = "FILE",
                description = "assessments of the same inputs by an earlier release (assess --format json or ndjson)")
        Path assessments;
    }

    @Option(names = "--rules", paramLabel = "DIR", description = "the later rules folder (default: the bundled rules)")
    Path rules;

    @Option(names = "--as-of", paramLabel = "DATE", description = "assessment date YYYY-MM-DD (default: today; with "
            + "--before, the date that file was assessed at)")
    LocalDate asOf;

    @Option(names = "--examples", paramLabel = "N", description = "example patients per change (default: 3)")
    int examples = 3;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "FILE", description = "write the report here instead of stdout")
    Path out;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (examples < 0 || threads < 1) {
            throw new CommandLine.ParameterException(cl, "--examples must be 0 or more and --threads 1 or more");
        }
        OsteoCds after = rules == null ? BundledRules.get() : OsteoCds.fromRules(rules);
        OsteoCds earlier = before.rules == null ? null : OsteoCds.fromRules(before.rules);
        LocalDate date = asOf;
        Iterator<Impact.Outcome> old = null;
        Reader oldText = null;
        if (before.assessments != null) {
            if (date == null) {
                date = firstDate(before.assessments);
            }
            oldText = Files.newBufferedReader(before.assessments, StandardCharsets.UTF_8);
            try {
                old = Impact.read(oldText);
            } catch (JsonProcessingException e) {
                oldText.close();
                throw new CommandLine.ParameterException(cl, before.assessments + " is not assessment JSON: "
                        + e.getOriginalMessage());
            }
        }
        date = date == null ? LocalDate.now() : date;
        Impact impact = new Impact(examples);
        LocalDate day = date;
        try (Reader closeOld = oldText;
             Stream<Assessment> later = assess(after, day);
             Stream<Assessment> earlierStream = earlier == null ? Stream.empty() : assess(earlier, day)) {
            Iterator<Assessment> a = later.iterator();
            Iterator<Assessment> b = earlierStream.iterator();
            Iterator<Impact.Outcome> o = old;
            while (a.hasNext()) {
                Impact.Outcome next = Impact.Outcome.of(a.next());
                Impact.Outcome prior = o != null ? (o.hasNext() ? o.next() : null)
                        : Impact.Outcome.of(b.next());
                if (prior == null) {
                    throw new CommandLine.ParameterException(cl, before.assessments + " has " + impact.records()
                            + " assessments but the inputs have more records: was it written from the same inputs?");
                }
                try {
                    impact.add(prior, next);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cl, e.getMessage());
                }
            }
            if (o != null && o.hasNext()) {
                throw new CommandLine.ParameterException(cl, before.assessments + " has more assessments than the "
                        + "inputs have records (" + impact.records() + "): was it written from the same inputs?");
            }
        } catch (UncheckedIOException e) {
            String why = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getCause().getMessage();
            throw new CommandLine.ParameterException(cl, "cannot read " + before.assessments + ": " + why);
        }
        List<String> about = new ArrayList<>();
        about.add("panel: " + String.join(" ", inputs) + ", assessed as of " + day);
        about.add(before.assessments != null ? "earlier results: " + before.assessments
                + " (written by an earlier release)" : "earlier rules: " + before.rules);
        try (OutputFile file = out == null ? null : OutputFile.open(out, inputs, cl)) {
            Writer w = file == null ? cl.getOut() : file.writer();
            impact.writeMarkdown(w, about);
            if (file != null) {
                file.commit();
            }
        }
        return 0;
    }

    private Stream<Assessment> assess(OsteoCds cds, LocalDate day) {
        Stream<ParsedRecord> records = Inputs.of(inputs, spec.commandLine(),
                path -> FhirInput.read(cds, path, day, m -> { })).records();
        return cds.assessAll(records, day, threads).onClose(records::close);
    }

    /** @return the asOf of the first assessment of the file, or {@code null} */
    private static LocalDate firstDate(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = new JsonFactory().createParser(r)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && "asOf".equals(p.currentName())) {
                    p.nextToken();
                    return LocalDate.parse(p.getText());
                }
            }
        } catch (JsonProcessingException | DateTimeParseException e) {
            return null;   // reading the file for the comparison says what is wrong with it
        }
        return null;
    }
}
