package org.osteocds.population;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code osteo-cds population}: assess every patient of a population on Apache Spark (docs/population.md). A thin
 * adapter over {@link PopulationJob}; the command line adds it when Spark is on the classpath.
 */
@Command(name = "population",
        header = "Assess a whole population on Apache Spark (FHIR Bulk Data export or native records).",
        description = "Assess every patient of an input folder on Apache Spark: a FHIR Bulk Data export (NDJSON per "
            + "resource type, with its manifest), FHIR Bundles, or native records (JSON, NDJSON, CSV). Writes to "
            + "--out: assessments/ (Parquet, one row per patient), summary/, cohorts/ and report.html "
            + "(docs/population.md). Runs Spark in local mode unless --master or spark-submit says otherwise.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every patient assessed (or out of scope)", "1:some records invalid or failed (all written)",
            "2:usage error", "3:the rules do not compile", "4:an input or output could not be read or written",
            "70:internal error (a bug: please report it)"})
public final class PopulationCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "input folder: a Bulk Data export, Bundles or native records (local, hdfs://, s3a://...)")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder, created by the job")
    String out;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules folder, shipped with the job (default: the "
            + "bundled rules)")
    Path rules;

    @Option(names = "--as-of", paramLabel = "DATE", description = "assessment date YYYY-MM-DD (default: the export "
            + "manifest's transactionTime, else today)")
    LocalDate asOf;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else "
            + "local[*]): local[2], local-cluster[2,1,1024], spark://HOST:7077, yarn, k8s://...")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "partitions to group patients into (default: "
            + "one per 64 MB of Bulk NDJSON, at least the default parallelism)")
    int partitions;

    @Option(names = "--stages", description = "also print what each Spark stage did (time, shuffle, spill)")
    boolean stagesShown;

    /** For picocli. */
    public PopulationCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (partitions < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1");
        }
        if (rules != null && !Files.isDirectory(rules)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rules: no such folder: " + rules);
        }
        SparkSession.Builder b = SparkSession.builder().appName("osteo-cds population");
        String configured = System.getProperty("spark.master");
        b.master(master != null ? master : configured != null ? configured : "local[*]");
        // the job's own settings: Parquet as written by Spark, no UI on a laptop run
        b.config("spark.ui.enabled", System.getProperty("spark.ui.enabled", master == null && configured == null
                ? "false" : "true"));
        SparkSession spark = b.getOrCreate();
        PopulationJob.Result r;
        try {
            r = PopulationJob.run(spark, new PopulationJob.Settings(input, out, rules, asOf, partitions));
        } finally {
            spark.stop();
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "population: %,d patients as of %s, ruleset %s %s%n", r.patients(), r.asOf(),
                r.ruleset().id(), r.ruleset().version());
        for (Map.Entry<String, Long> e : r.byStatus().entrySet()) {
            w.printf(Locale.ROOT, "  %-13s %,d%n", e.getKey(), e.getValue());
        }
        if (r.unreadable() + r.unattached() > 0) {
            w.printf(Locale.ROOT, "  not patients: %,d unreadable lines, %,d clinical resources pointing to no "
                    + "patient%n", r.unreadable(), r.unattached());
        }
        double total = r.seconds().getOrDefault("total", 0.0);
        for (Map.Entry<String, Double> e : r.seconds().entrySet()) {
            w.printf(Locale.ROOT, "  %-32s %8.1f s%n", e.getKey(), e.getValue());
        }
        w.printf(Locale.ROOT, "  %,.0f patients/s; written to %s%n", total > 0 ? r.patients() / total : 0.0, out);
        if (stagesShown) {
            r.stages().forEach(w::println);
        }
        w.flush();
        for (String p : r.problems()) {
            spec.commandLine().getErr().println("osteo-cds: " + p);
        }
        if (!r.problems().isEmpty()) {
            return 4;
        }
        long bad = r.byStatus().getOrDefault("invalid", 0L) + r.byStatus().getOrDefault("failed", 0L);
        return bad > 0 ? 1 : 0;
    }
}
