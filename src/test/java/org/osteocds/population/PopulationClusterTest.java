package org.osteocds.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osteocds.population.PopulationRuns.assertSame;
import static org.osteocds.population.PopulationRuns.assessLines;
import static org.osteocds.population.PopulationRuns.job;
import static org.osteocds.population.PopulationRuns.jobLines;
import static org.osteocds.population.PopulationRuns.resource;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The population job in {@code local-cluster[2,1,1024]} mode: two executor JVMs besides the driver, so each builds
 * its own rules (from a rules folder shipped as a zip) and loads the job's classes from a jar this test builds from
 * {@code target/classes}, as on a real cluster. Spark launches the executors from {@code SPARK_HOME/jars}, which this
 * test fills with links to the test classpath's jars (the POM sets {@code SPARK_HOME} and
 * {@code SPARK_SCALA_VERSION} for the tests; ../shared/design/PITFALLS.md).
 */
class PopulationClusterTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        Path home = Path.of(System.getenv("SPARK_HOME"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : classpath()) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, p.toAbsolutePath());
            }
        }
        Path jobJar = Path.of("target", "population-job-test.jar").toAbsolutePath();
        jar(Path.of("target", "classes"), jobJar);
        spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("population-cluster-test")
                .config("spark.ui.enabled", "false").config("spark.jars", jobJar.toString())
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void twoExecutorJvmsBesidesTheDriver() {
        // (a lambda of this test class could not run there: only the job's jar reaches the executors)
        assertEquals(3, spark.sparkContext().getExecutorMemoryStatus().size(), "the driver and two executors");
    }

    @Test
    void aGeneratedPopulationWithShippedRulesEqualsTheCli() throws Exception {
        Path in = PopulationRuns.generate(tmp.resolve("gen"), 200, "bulk");
        Path out = tmp.resolve("gen-out");
        PopulationJob.Result r = job(spark, in, out, null, Path.of("rules"));
        assertEquals(200, assertSame(assessLines(in, "2026-06-01", tmp), jobLines(spark, out)));
        assertEquals(200, spark.read().parquet(out.resolve("assessments").toString())
                .where(org.apache.spark.sql.functions.col("ruleset_sha256").equalTo(r.ruleset().sha256())).count());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void bulkSamplesAndEdgeCasesWithTheBundledRulesEqualTheCli() throws Exception {
        Path smart = resource("fhir-samples/bulk-ndjson/smart-sample-bulk-10-patients");
        job(spark, smart, tmp.resolve("smart"), "2026-06-01", null);
        assertSame(assessLines(smart, "2026-06-01", tmp), jobLines(spark, tmp.resolve("smart")));
        Path edge = resource("population/edge-export");
        job(spark, edge, tmp.resolve("edge"), null, null);
        assertSame(assessLines(edge, "2026-06-01", tmp), jobLines(spark, tmp.resolve("edge")));
    }

    /** The test classpath: surefire's own, or the Class-Path of its manifest-only jar. */
    private static List<String> classpath() throws IOException {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("surefirebooter") && e.endsWith(".jar")) {
                try (JarFile j = new JarFile(e)) {
                    for (String u : j.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                        out.add(Path.of(java.net.URI.create(u)).toString());
                    }
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** Jars a classes folder: the job's classes reach the executors this way (spark.jars). */
    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                z.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }
}
