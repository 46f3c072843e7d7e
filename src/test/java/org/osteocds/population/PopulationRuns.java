package org.osteocds.population;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.osteocds.cli.Main;
import picocli.CommandLine;

/** What the population tests share: the CLI's output and the job's on the same input, and test inputs. */
final class PopulationRuns {
    private PopulationRuns() {
    }

    /** @return a folder of the test resources */
    static Path resource(String name) {
        try {
            return Path.of(PopulationRuns.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command line in-process and fails on an exit code other than those allowed. */
    static String cli(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        if (exit > 1 && exit != 4) {   // 4: a part of the input could not be read (named), the rest written
            throw new AssertionError("osteo-cds " + String.join(" ", args) + " exited " + exit + ": " + err);
        }
        return out.toString();
    }

    /** @return {@code assess --format ndjson} on the input, one line per assessment, sorted */
    static List<String> assessLines(Path input, String asOf, Path tmp) throws IOException {
        Path out = Files.createTempFile(tmp, "cli", ".ndjson");
        Files.delete(out);
        cli("assess", "--quiet", "--as-of", asOf, "--format", "ndjson", "--out", out.toString(), input.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(out));
        lines.removeIf(String::isBlank);
        Collections.sort(lines);
        return lines;
    }

    /** Writes a generated population (FHIR Bulk export or CSV panel). */
    static Path generate(Path dir, int count, String format) {
        cli("generate", "--count", String.valueOf(count), "--seed", "17", "--as-of", "2026-06-01", "--format", format,
                "--out", dir.toString());
        return dir;
    }

    /** Runs the job and returns its result. */
    static PopulationJob.Result job(SparkSession spark, Path input, Path out, String asOf, Path rules)
            throws IOException {
        return PopulationJob.run(spark, new PopulationJob.Settings(input.toString(), out.toString(), rules,
                asOf == null ? null : LocalDate.parse(asOf), 3));
    }

    /** @return the job's {@code assessment_json} column, sorted */
    static List<String> jobLines(SparkSession spark, Path out) {
        List<String> lines = new ArrayList<>();
        for (Row r : spark.read().parquet(out.resolve("assessments").toString()).select("assessment_json")
                .collectAsList()) {
            lines.add(r.getString(0));
        }
        Collections.sort(lines);
        return lines;
    }

    /** Asserts the job's assessments are the CLI's, line for line, and says how many. */
    static int assertSame(List<String> cli, List<String> job) {
        assertEquals(cli.size(), job.size(), "as many assessments from the job as from the CLI");
        for (int i = 0; i < cli.size(); i++) {
            assertEquals(where(cli.get(i)), where(job.get(i)), "assessment " + i + " (sorted)");
        }
        return cli.size();
    }

    /** A broken line is named by its line in the CLI and by its byte offset in the job (docs/population.md). */
    private static String where(String assessment) {
        return assessment.replaceAll("(\\w+\\.ndjson) (line \\d+|at byte \\d+): ", "$1 (where): ");
    }
}
