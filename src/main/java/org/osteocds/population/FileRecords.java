package org.osteocds.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.osteocds.io.FhirInput;
import org.osteocds.internal.parse.InputFormat;
import org.osteocds.internal.parse.RecordReader;
import org.osteocds.model.ParsedRecord;

/**
 * Inputs read one whole file per task, with the CLI's own readers: native record files (JSON, NDJSON, CSV: a CSV
 * file's rows need its header, and each record is a whole patient, so no grouping is needed) and FHIR JSON
 * documents (Bundles, usually one patient each). Their records and sources are the CLI's by construction. A file in
 * no supported format gives no record and is reported, as the CLI reports it.
 */
final class FileRecords implements Iterator<ParsedRecord> {
    private final Iterator<InputPlan.InputFile> files;
    private final JobContext job;
    private final boolean fhir;
    private final CollectionAccumulator<String> problems;
    private final Configuration conf;
    private Iterator<ParsedRecord> current = Collections.emptyIterator();
    private AutoCloseable open;

    private FileRecords(Iterator<InputPlan.InputFile> files, JobContext job, boolean fhir,
                        CollectionAccumulator<String> problems, Configuration conf) {
        this.files = files;
        this.job = job;
        this.fhir = fhir;
        this.problems = problems;
        this.conf = conf;
    }

    /**
     * @param spark    the session
     * @param files    the files
     * @param fhir     whether they are FHIR documents (else native records)
     * @param job      the job's date and rules
     * @param problems receives {@code file: problem} for files that could not be read
     * @return the assessments of their records (not yet computed)
     */
    static Dataset<Row> assess(SparkSession spark, List<InputPlan.InputFile> files, boolean fhir, JobContext job,
                               CollectionAccumulator<String> problems) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
        org.apache.spark.util.SerializableConfiguration conf =
                new org.apache.spark.util.SerializableConfiguration(jsc.hadoopConfiguration());
        JavaRDD<Row> rows = jsc.parallelize(files, slices).mapPartitions(it -> job.assess(
                new FileRecords(it, job, fhir, problems, conf.value())));
        return spark.createDataFrame(rows, AssessmentRows.SCHEMA);
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            close();
            if (!files.hasNext()) {
                return false;
            }
            try {
                openNext(files.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    @Override
    public ParsedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private void openNext(InputPlan.InputFile f) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f.uri());
        FileSystem fs = p.getFileSystem(conf);
        if (fhir) {
            Stream<ParsedRecord> s = FhirInput.read(job.cds(), local(fs, p), job.asOf(), null);
            current = s.iterator();
            open = s;
            return;
        }
        InputStream in = fs.open(p);
        RecordReader.Opened o = RecordReader.open(in, f.display());
        if (o.format().kind() == InputFormat.Kind.UNSUPPORTED) {
            in.close();
            problems.add(f.display() + ": " + o.format().reason());
            return;
        }
        current = o.records();
        open = o.input();
    }

    /** The file as a local path: itself on a local file system, else a copy under its own name. */
    private static Path local(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        if ("file".equals(fs.getScheme())) {
            return Path.of(p.toUri().getPath());
        }
        Path dir = Files.createTempDirectory("osteocds-input");
        Path copy = dir.resolve(p.getName());
        try (InputStream in = fs.open(p)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        copy.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return copy;
    }

    private void close() {
        if (open != null) {
            try {
                open.close();
            } catch (Exception e) {
                // a reader that cannot close has nothing more to give
            }
            open = null;
        }
        current = Collections.emptyIterator();
    }
}
