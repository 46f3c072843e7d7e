package org.osteocds.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.FilterWriter;
import java.io.Writer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.osteocds.Assessment;
import org.osteocds.OsteoCds;
import org.osteocds.ParsedRecord;
import org.osteocds.internal.JsonSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osteo-cds assess}: assess every record of the inputs and write the assessments. */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "Assess every record in the inputs (JSON object or array, NDJSON, CSV; '-' for stdin).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every record assessed (or out of scope)", "1:some records invalid or failed",
            "2:usage error", "3:the rules do not compile"})
final class AssessCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, ndjson }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "input files or folders of them, or '-' for stdin")
    List<String> inputs;

    @Option(names = "--as-of", paramLabel = "DATE", description = "assessment date YYYY-MM-DD (default: today)")
    LocalDate asOf;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules folder (default: the bundled rules)")
    Path rules;

    @Option(names = "--format", description = "json (default) or ndjson")
    Format format = Format.json;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
    Path out;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "no summary line")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        LocalDate date = asOf != null ? asOf : LocalDate.now();
        OsteoCds cds = rules == null ? OsteoCds.bundled() : OsteoCds.fromRules(rules);
        long start = System.nanoTime();
        Counts counts = new Counts();
        try (Stream<ParsedRecord> records = Inputs.open(inputs, spec.commandLine());
             Stream<Assessment> assessments = cds.assessAll(records, date, threads);
             Writer w = out == null ? new NonClosingWriter(spec.commandLine().getOut())
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            write(assessments.iterator(), w, counts);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!quiet) {
            spec.commandLine().getErr().println(counts.summary(seconds));
        }
        return counts.invalid + counts.failed > 0 ? Main.EXIT_ATTENTION : 0;
    }

    private void write(Iterator<Assessment> it, Writer out, Counts counts) throws IOException {
        ObjectWriter writer = format == Format.ndjson ? JsonSupport.MAPPER.writer().withRootValueSeparator("\n")
                : JsonSupport.MAPPER.writerWithDefaultPrettyPrinter();
        writer = writer.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (SequenceWriter w = format == Format.ndjson ? writer.writeValues(out) : writer.writeValuesAsArray(out)) {
            while (it.hasNext()) {
                Assessment a = it.next();
                counts.add(a);
                w.write(a);
            }
        }
        out.write('\n');
        out.flush();
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
            return String.format(java.util.Locale.ROOT,
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
