package org.osteocds.population;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.osteocds.internal.fhir.FhirLines;

/**
 * The Bulk Data export on Spark: every NDJSON line is keyed by the patient it is about (parsed with the CLI's own
 * index code), repartitioned by patient, sorted within partitions (patient, Patient first, then export order), and
 * each partition is read as runs of one patient ({@link PatientRuns}), mapped and assessed. Resource types the
 * mapping never reads (Encounter, Claim...) are dropped before the shuffle; the mapping ignores them anyway.
 *
 * <p>A patient's number in the export ({@code source.index}, as the CLI numbers the Patient resources in file and
 * line order) needs the count of Patients before each input split: a first, light pass counts them per split.
 */
final class BulkGrouping {
    /** Kind of a keyed line: a Patient resource (sorted first in its run). */
    static final int PATIENT = 0;
    /** Kind of a keyed line: a resource about a patient. */
    static final int RESOURCE = 1;

    /** The keyed lines that are shuffled: column order matches {@link PatientRuns}' column numbers. */
    static final StructType LINES = new StructType()
            .add("patient_key", DataTypes.StringType, false)
            .add("kind", DataTypes.IntegerType, false)
            .add("file", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false)
            .add("ordinal", DataTypes.IntegerType, true)
            .add("id", DataTypes.StringType, true)
            .add("json", DataTypes.StringType, false);

    /** One line of an NDJSON file: the file's number in the export, the line's byte offset, its text. */
    record RawLine(int file, long offset, String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The export's assessments and how many Patient resources it holds.
     *
     * @param rows     the assessments, one row per Patient resource (not yet computed)
     * @param patients the Patient resources counted by the first pass
     */
    record Grouped(Dataset<Row> rows, long patients) {
    }

    /** What the job counts besides patients. */
    record Counters(LongAccumulator unreadable, LongAccumulator unattached) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private BulkGrouping() {
    }

    /**
     * @param spark      the session
     * @param files      the export's NDJSON files, in name order
     * @param partitions how many partitions to group patients into
     * @param job        the job's date and rules
     * @param counters   where to count unreadable lines and unattached resources
     * @return the assessments and the number of Patients
     */
    static Grouped assess(SparkSession spark, List<InputPlan.InputFile> files, int partitions, JobContext job,
                               Counters counters) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> names = new ArrayList<>();
        List<JavaRDD<RawLine>> parts = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            final int file = f;
            names.add(files.get(f).display());
            parts.add(jsc.newAPIHadoopFile(files.get(f).uri(), TextInputFormat.class, LongWritable.class, Text.class,
                    jsc.hadoopConfiguration()).map(t -> new RawLine(file, t._1().get(), t._2().toString())));
        }
        @SuppressWarnings("unchecked")
        JavaRDD<RawLine> lines = jsc.union(parts.toArray(new JavaRDD[0]));
        int[] lastCount = new int[1];
        int[] base = patientsBefore(lines, lastCount);
        JavaRDD<Row> keyed = lines.mapPartitionsWithIndex((idx, it) -> new Keying(it, base[idx], counters), true);
        Dataset<Row> grouped = spark.createDataFrame(keyed, LINES)
                .repartition(partitions, col("patient_key"))
                .sortWithinPartitions("patient_key", "kind", "file", "offset");
        LongAccumulator unattached = counters.unattached();
        Dataset<Row> rows = grouped.mapPartitions((MapPartitionsFunction<Row, Row>) it -> job.assess(
                new PatientRuns(it, job.mapper(), names, unattached)), Encoders.row(AssessmentRows.SCHEMA));
        long patients = base.length == 0 ? 0 : base[base.length - 1] + lastCount[0];
        return new Grouped(rows, patients);
    }

    /** The first pass: how many Patient resources come before each split, in export order. */
    private static int[] patientsBefore(JavaRDD<RawLine> lines, int[] lastCount) {
        List<Integer> counts = lines.mapPartitions(it -> {
            int n = 0;
            while (it.hasNext()) {
                if (isPatient(it.next().text())) {
                    n++;
                }
            }
            return List.of(n).iterator();
        }).collect();
        int[] base = new int[counts.size()];
        for (int i = 1; i < base.length; i++) {
            base[i] = base[i - 1] + counts.get(i - 1);
        }
        lastCount[0] = counts.isEmpty() ? 0 : counts.get(counts.size() - 1);
        return base;
    }

    /** A Patient resource: only lines holding the string {@code "Patient"} are parsed to find out. */
    private static boolean isPatient(String line) {
        if (!line.contains("\"Patient\"")) {
            return false;
        }
        try {
            return FhirLines.key(line).isPatient();
        } catch (IOException e) {
            FhirLines.Key broken = FhirLines.brokenKey(line);   // counted as the Keying pass counts it
            return broken != null && broken.isPatient();
        }
    }

    /** Keys the lines of one split; numbers its Patients from {@code base}. */
    private static final class Keying implements Iterator<Row> {
        private final Iterator<RawLine> in;
        private final Counters counters;
        private int ordinal;
        private Row next;

        Keying(Iterator<RawLine> in, int base, Counters counters) {
            this.in = in;
            this.ordinal = base;
            this.counters = counters;
        }

        @Override
        public boolean hasNext() {
            while (next == null && in.hasNext()) {
                next = key(in.next());
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }

        private Row key(RawLine l) {
            if (l.text().isBlank()) {
                return null;
            }
            FhirLines.Key k;
            try {
                k = FhirLines.key(l.text());
            } catch (IOException e) {
                counters.unreadable().add(1);
                k = FhirLines.brokenKey(l.text());   // the patient it names is invalid, not assessed without it
                if (k == null) {
                    return null;
                }
            }
            if (k.isPatient()) {
                // (the first pass finds Patients by the string "Patient"; one spelled with unicode escapes is still
                // assessed here, only the numbers of later Patients in its split would be one off)
                ordinal++;
                return RowFactory.create(k.patientKey(), PATIENT, l.file(), l.offset(), ordinal, k.id(), l.text());
            }
            if (!k.clinical()) {
                return null;   // never read by the mapping
            }
            if (k.patientKey() == null) {
                counters.unattached().add(1);
                return null;
            }
            return RowFactory.create(k.patientKey(), RESOURCE, l.file(), l.offset(), null, null, l.text());
        }
    }
}
