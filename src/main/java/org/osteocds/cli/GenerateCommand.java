package org.osteocds.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.osteocds.synthetic.PanelGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osteo-cds generate}: a synthetic patient panel as CSV, or a synthetic FHIR Bulk Data export. */
@Command(name = "generate",
        header = "Write a synthetic patient panel (CSV) or FHIR Bulk Data export.",
        description = "Write synthetic patients with realistic age, sex and risk-factor prevalences and realistic "
            + "gaps (docs/generate.md), for demos, benchmarks and population runs: a CSV panel (the patient-record "
            + "columns), or with --format bulk a FHIR R4 Bulk Data export, a folder of NDJSON per resource type and "
            + "a manifest. The same seed gives the same patients.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "2:usage error",
            "4:the output could not be written", "70:internal error (a bug: please report it)"})
final class GenerateCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { csv, bulk }

    @Option(names = "--format", description = "csv (default: a panel) or bulk (a FHIR Bulk Data export folder; "
            + "needs --out)")
    Format format = Format.csv;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "number of patients")
    long count;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: 1)")
    long seed = 1;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout (with --format bulk: "
            + "the folder)")
    Path out;

    @Option(names = "--as-of", paramLabel = "DATE", description = "dates are drawn relative to this day (default: today)")
    LocalDate asOf;

    @Override
    public Integer call() throws IOException {
        if (count < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must not be negative");
        }
        PanelGenerator g = new PanelGenerator(seed, asOf == null ? LocalDate.now() : asOf);
        if (format == Format.bulk) {
            if (out == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format bulk writes a folder: give it "
                        + "with --out DIR");
            }
            g.writeBulk(count, out);
            return 0;
        }
        if (out == null) {
            Writer w = spec.commandLine().getOut();
            g.write(count, w);
            w.flush();
        } else {
            try (OutputFile file = OutputFile.open(out, java.util.List.of(), spec.commandLine())) {
                try (Writer w = file.writer()) {   // a temporary file beside it: a killed run leaves the old one
                    g.write(count, w);
                }
                file.commit();
            }
        }
        return 0;
    }
}
