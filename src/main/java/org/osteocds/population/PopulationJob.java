package org.osteocds.population;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.osteocds.OsteoCds;
import org.osteocds.internal.fhir.FhirLines;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.Ruleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The population job: reads an input folder (a FHIR Bulk Data export, FHIR documents, native records), assesses
 * every patient with the same mapping and rules as {@code osteo-cds assess}, and writes under the output folder the
 * assessments table, the population summary, the cohort tables and a summary-level HTML report
 * (docs/population.md). The driver builds the rules first (so a rules folder that does not compile stops the job
 * before any data is read) and ships only their location and identity to the executors.
 */
public final class PopulationJob {
    private static final Logger LOG = LoggerFactory.getLogger(PopulationJob.class);

    /**
     * What to run.
     *
     * @param input      the input folder (any Hadoop file system)
     * @param out        the output folder; must not exist yet
     * @param rules      a rules folder on the driver's machine, or {@code null} for the bundled rules
     * @param asOf       the assessment date, or {@code null} for the export's transactionTime (else today)
     * @param partitions partitions to group patients into, or 0 to size them from the input (about 64 MB each)
     */
    public record Settings(String input, String out, Path rules, LocalDate asOf, int partitions) {
    }

    /**
     * What the job did.
     *
     * @param asOf          the assessment date used
     * @param ruleset       the ruleset every row was assessed with
     * @param byStatus      patients per status
     * @param unreadable    NDJSON lines that were not JSON
     * @param unattached    clinical resources that point to no Patient of the export
     * @param problems      input files that could not be read, with why
     * @param seconds       wall time of each step, in order
     * @param stages        what each Spark stage did (time, tasks, input, shuffle, spill, output)
     */
    public record Result(LocalDate asOf, Ruleset ruleset, Map<String, Long> byStatus, long unreadable,
                         long unattached, List<String> problems, Map<String, Double> seconds, List<String> stages) {
        /** @return all patients written */
        public long patients() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private PopulationJob() {
    }

    /**
     * Runs the job.
     *
     * @param spark    the session (local or on a cluster)
     * @param settings what to run
     * @return what it did
     * @throws IOException when the input cannot be listed or an output written
     */
    public static Result run(SparkSession spark, Settings settings) throws IOException {
        StageLog stages = new StageLog();
        spark.sparkContext().addSparkListener(stages);
        try {
            return run(spark, settings, stages);
        } finally {
            spark.sparkContext().removeSparkListener(stages);
        }
    }

    private static Result run(SparkSession spark, Settings settings, StageLog stages) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(settings.out());
        FileSystem outFs = out.getFileSystem(conf);
        if (outFs.exists(out)) {
            throw new IllegalArgumentException("--out: " + settings.out() + " already exists; give a new folder");
        }
        InputPlan plan = InputPlan.of(settings.input(), conf);
        if (plan.bulk().isEmpty() && plan.documents().isEmpty() && plan.natives().isEmpty()) {
            throw new IllegalArgumentException("--input: " + settings.input() + " holds no input file");
        }
        LocalDate asOf = settings.asOf() != null ? settings.asOf()
                : plan.transactionTime() != null ? plan.transactionTime() : LocalDate.now();
        OsteoCds cds = settings.rules() == null ? OsteoCds.bundled() : OsteoCds.fromRules(settings.rules());
        String zip = null;
        if (settings.rules() != null) {
            Path z = Files.createTempFile("osteocds-rules", ".zip");
            z.toFile().deleteOnExit();
            ExecutorRules.zip(settings.rules(), z);
            spark.sparkContext().addFile(z.toString());
            zip = z.getFileName().toString();
        }
        JobContext job = new JobContext(asOf, ExecutorRules.Ref.of(zip, cds.ruleset()));
        ExecutorRules.offer(job.rules(), cds);
        LOG.info("population: {} ({} bulk files, {} documents, {} native files), asOf {}, ruleset {}",
                settings.input(), plan.bulk().size(), plan.documents().size(), plan.natives().size(), asOf,
                job.rules().describe());
        seconds.put("plan and rules", since(t0));

        long t1 = System.nanoTime();
        BulkGrouping.Counters counters = new BulkGrouping.Counters(
                spark.sparkContext().longAccumulator("unreadable lines"),
                spark.sparkContext().longAccumulator("unattached resources"));
        CollectionAccumulator<String> problems = spark.sparkContext().collectionAccumulator("input problems");
        List<Dataset<Row>> parts = new ArrayList<>();
        long bulkPatients = -1;
        if (!plan.bulk().isEmpty()) {
            int partitions = settings.partitions() > 0 ? settings.partitions()
                    : (int) Math.max(spark.sparkContext().defaultParallelism(), plan.bulkBytes() / (64L << 20) + 1);
            spark.sparkContext().setCallSite("count Patients");
            BulkGrouping.Grouped g = BulkGrouping.assess(spark, plan.bulk(), partitions, job, counters);
            parts.add(g.rows());
            bulkPatients = g.patients();
        }
        seconds.put("count Patients (first pass)", since(t1));
        if (!plan.documents().isEmpty()) {
            parts.add(FileRecords.assess(spark, plan.documents(), true, job, problems));
        }
        if (!plan.natives().isEmpty()) {
            parts.add(FileRecords.assess(spark, plan.natives(), false, job, problems));
        }
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.union(parts.get(i));
        }
        long t2 = System.nanoTime();
        String assessments = child(settings.out(), PopulationTables.ASSESSMENTS);
        spark.sparkContext().setCallSite("key+shuffle / assess+write");
        all.write().mode(SaveMode.ErrorIfExists).parquet(assessments);
        if (bulkPatients == 0 && counters.unattached().value() > 0) {
            // an export of clinical resources without any Patient is one invalid record, as in the CLI
            ParsedRecord none = FhirLines.noPatient(plan.name()).record();
            try (Stream<Row> row = cds.assessAll(Stream.of(none), asOf, 1, AssessmentRows::toRow)) {
                spark.createDataFrame(row.toList(), AssessmentRows.SCHEMA).write().mode(SaveMode.Append)
                        .parquet(assessments);
            }
        }
        seconds.put("map, assess, write assessments", since(t2));

        long t3 = System.nanoTime();
        spark.sparkContext().setCallSite("tables");
        PopulationTables.Written tables = PopulationTables.write(spark, settings.out());
        spark.sparkContext().clearCallSite();
        seconds.put("summary and cohort tables", since(t3));
        long t4 = System.nanoTime();
        Result result = new Result(asOf, cds.ruleset(), tables.byStatus(), counters.unreadable().value(),
                counters.unattached().value(), List.copyOf(problems.value()), seconds, List.of());
        PopulationReport.write(spark, settings.out(), cds, tables, result);
        seconds.put("report", since(t4));
        seconds.put("total", since(t0));
        return new Result(result.asOf(), result.ruleset(), result.byStatus(), result.unreadable(),
                result.unattached(), result.problems(), seconds, stages.lines());
    }

    /**
     * @param dir  a folder (a Hadoop path or a local one)
     * @param name a child's name
     * @return the child's path
     */
    static String child(String dir, String name) {
        return new org.apache.hadoop.fs.Path(dir, name).toString();
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
