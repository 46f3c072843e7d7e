package org.osteocds.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.osteocds.model.Assessment;
import org.osteocds.OsteoCds;
import org.osteocds.model.ParsedRecord;
import org.osteocds.io.AssessmentWriter;
import org.osteocds.io.FhirInput;
import org.osteocds.io.CardsWriter;
import org.osteocds.io.CsvWriter;
import org.osteocds.io.HtmlReportWriter;
import org.osteocds.io.JsonWriter;
import org.osteocds.io.WorklistWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osteo-cds assess}: assess every record of the inputs and write the assessments. */
@Command(name = "assess",
        header = "Assess every record of the inputs and write the assessments.",
        description = "Assess every record in the inputs: native records (JSON, NDJSON, CSV) or FHIR R4 (Bundles, "
            + "resources, CDS Hooks requests, bulk exports), detected from the content; files, folders or "
            + "'-' for stdin. Invalid records are reported, never dropped.",
        exitCodeListHeading = "%nExit codes (when several apply: 70, then 3, 4, 2, 1):%n",
        exitCodeList = {"0:every record assessed (or out of scope)", "1:some records invalid or failed (the rest written)",
            "2:usage error (including an output that is also an input)", "3:the rules do not compile",
            "4:an input or output could not be read or written", "70:internal error (a bug: please report it)"})
final class AssessCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, ndjson, csv, html, cards, worklist }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "input files or folders of them, or '-' for stdin")
    List<String> inputs;

    @Option(names = "--as-of", paramLabel = "DATE", description = "assessment date YYYY-MM-DD (default: today)")
    LocalDate asOf;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules folder (default: the bundled rules)")
    Path rules;

    @Option(names = "--format", description = "json (default), ndjson, csv (one row per patient), html (a report), "
            + "cards (CDS Hooks responses) or worklist (CSV: per action, the patients and why)")
    Format format = Format.json;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
    Path out;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "no progress bar and no summary line")
    boolean quiet;

    @Option(names = "--mapping-report", paramLabel = "FILE",
            description = "FHIR input: write which resources filled which field, and the codes not recognised")
    Path mappingReport;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        LocalDate date = asOf != null ? asOf : LocalDate.now();
        OsteoCds cds = rules == null ? BundledRules.get() : OsteoCds.fromRules(rules);
        long start = System.nanoTime();
        Counts counts = new Counts();
        boolean json = format == Format.json || format == Format.ndjson;
        boolean ndjson = format == Format.ndjson;
        MappingReport report = new MappingReport();
        Inputs in = Inputs.of(inputs, spec.commandLine(), path -> FhirInput.read(cds, path, date, report::add,
                report::addSource));
        try (OutputFile file = out == null ? null : OutputFile.open(out, inputs, spec.commandLine())) {
            try (Stream<ParsedRecord> records = in.records();
                 // JSON is rendered on the worker threads; the other formats need the assessment itself
                 Stream<Rendered> results = cds.assessAll(records, date, threads,
                         a -> new Rendered(a, json ? JsonWriter.render(a, ndjson) : null));
                 Writer w = file == null ? new NonClosingWriter(spec.commandLine().getOut()) : file.writer();
                 AssessmentWriter sink = sink(w, cds);
                 ProgressBar bar = progressBar()) {
                Iterator<Rendered> it = results.iterator();
                while (it.hasNext()) {
                    Rendered r = it.next();
                    counts.add(r.assessment());
                    if (r.text() != null) {
                        ((JsonWriter) sink).write(r.text());
                    } else {
                        sink.accept(r.assessment());
                    }
                    if (bar != null && (counts.read & 1023) == 0) {
                        bar.stepTo(counts.read);
                    }
                }
                if (bar != null) {
                    bar.stepTo(counts.read);
                }
            }
            if (counts.read != in.read()) {
                // the count invariant: every record read comes out exactly once; else the previous output stays
                spec.commandLine().getErr().println("osteo-cds: internal error (a bug; please report it): "
                        + in.read() + " records read but " + counts.read + " assessments written"
                        + (file == null ? "" : "; " + out + " was left as it was"));
                return Main.EXIT_INTERNAL;
            }
            if (file != null) {
                file.commit();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (mappingReport != null) {
            report.write(mappingReport);
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (!quiet) {
            err.println(counts.summary(seconds));
            in.printSummary(err);
            if (report.patients() > 0 || report.unattachedCount() > 0 || report.unreadableCount() > 0) {
                err.println(report.summary() + (mappingReport == null ? " (details: --mapping-report FILE)" : ""));
            }
        }
        for (Inputs.Report r : in.problems()) {
            err.println("osteo-cds: " + r.name() + ": " + r.problem());
        }
        for (String part : report.unreadable()) {   // a FHIR line or file that could not be read may have held a patient
            err.println("osteo-cds: " + part + " (not read)");
        }
        if (report.unreadableCount() > report.unreadable().size()) {
            err.println("osteo-cds: and " + (report.unreadableCount() - report.unreadable().size())
                    + " more FHIR parts not read (--mapping-report lists the first " + MappingReport.MAX_LISTED + ")");
        }
        boolean unread = !in.problems().isEmpty() || report.unreadableCount() > 0;
        return unread ? Main.EXIT_IO : counts.invalid + counts.failed > 0 ? Main.EXIT_ATTENTION : 0;
    }

    /** An assessment and, for JSON formats, its rendered text. */
    record Rendered(Assessment assessment, String text) {
    }

    private AssessmentWriter sink(Writer w, OsteoCds cds) throws IOException {
        return switch (format) {
            case json -> new JsonWriter(w, false);
            case ndjson -> new JsonWriter(w, true);
            case csv -> new CsvWriter(w);
            case html -> new HtmlReportWriter(w, cds, Main.toolVersion());
            case cards -> new CardsWriter(w, cds);
            case worklist -> new WorklistWriter(w);
        };
    }

    /** A progress bar on stderr, only when stderr is a terminal and not --quiet. */
    private ProgressBar progressBar() {
        if (quiet || System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("assess").setInitialMax(-1).setUnit(" patients", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
    }

    /** Tallies for the summary line. */
    static final class Counts {
        int read;
        int assessed;
        int invalid;
        int failed;
        int outOfScope;

        void add(Assessment a) {
            read++;
            switch (a.status()) {
                case ASSESSED -> assessed++;
                case INVALID -> invalid++;
                case FAILED -> failed++;
                case OUT_OF_SCOPE -> outOfScope++;
                default -> throw new IllegalStateException(String.valueOf(a.status()));
            }
        }

        String summary(double seconds) {
            return String.format(Locale.ROOT,
                    "read %d, assessed %d, out-of-scope %d, invalid %d, failed %d, %.2f s, %.0f patients/s",
                    read, assessed, outOfScope, invalid, failed, seconds, seconds > 0 ? read / seconds : 0.0);
        }
    }

    /** The command's standard output must stay open after the command. */
    static final class NonClosingWriter extends FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
