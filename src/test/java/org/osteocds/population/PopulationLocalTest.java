package org.osteocds.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osteocds.population.PopulationRuns.assertSame;
import static org.osteocds.population.PopulationRuns.assessLines;
import static org.osteocds.population.PopulationRuns.job;
import static org.osteocds.population.PopulationRuns.jobLines;
import static org.osteocds.population.PopulationRuns.resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;
import org.osteocds.model.Ruleset;

/**
 * The population job in Spark local mode (two threads): its assessments equal the CLI's on the same input (Bulk
 * samples, Synthea Bundles, a generated population, native records, an export full of edge cases), and its tables
 * and report are there.
 */
class PopulationLocalTest {
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("population-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void bulkSamplesEqualTheCli() throws Exception {
        Path in = resource("fhir-samples/bulk-ndjson/smart-sample-bulk-10-patients");
        Path out = tmp.resolve("smart");
        job(spark, in, out, "2026-06-01", null);
        assertEquals(13, assertSame(assessLines(in, "2026-06-01", tmp), jobLines(spark, out)));
    }

    @Test
    void syntheaBundlesEqualTheCli() throws Exception {
        Path in = resource("fhir-samples/synthea");
        Path out = tmp.resolve("synthea");
        job(spark, in, out, "2026-11-29", null);
        assertEquals(8, assertSame(assessLines(in, "2026-11-29", tmp), jobLines(spark, out)));
    }

    @Test
    void aGeneratedPopulationEqualsTheCliAndTakesTheManifestDate() throws Exception {
        Path in = PopulationRuns.generate(tmp.resolve("gen-bulk"), 400, "bulk");
        Path out = tmp.resolve("gen-out");
        PopulationJob.Result r = job(spark, in, out, null, null);
        assertEquals("2026-06-01", r.asOf().toString(), "asOf is the manifest's transactionTime");
        assertEquals(400, assertSame(assessLines(in, "2026-06-01", tmp), jobLines(spark, out)));
        assertEquals(400, r.patients());

        Dataset<Row> a = spark.read().parquet(out.resolve("assessments").toString());
        Ruleset bundled = OsteoCds.bundled().ruleset();
        assertEquals(400, a.where(a.col("ruleset_sha256").equalTo(bundled.sha256())).count(),
                "every row names the ruleset that assessed it");
        long dxa = a.where("array_contains(advice_codes, 'SCREENING-BONE-DENSITY-TEST')").count();
        assertTrue(dxa > 0, "a generated population has patients due a DXA");
        assertEquals(dxa, spark.read().parquet(out.resolve("cohorts/dxa-due").toString()).count());
        for (PopulationTables.Cohort c : PopulationTables.COHORT_LIST) {
            assertTrue(Files.isDirectory(out.resolve("cohorts").resolve(c.name())), c.name());
        }
        long summed = spark.read().parquet(out.resolve("summary").toString())
                .where("advice_code = 'SCREENING-BONE-DENSITY-TEST'").selectExpr("sum(patients)").first().getLong(0);
        assertEquals(dxa, summed, "the summary counts each patient once per advice code");
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("DXA due") && report.contains("SCREENING-BONE-DENSITY-TEST"), report);
        assertFalse(report.contains("G-0000"), "the report names no patient");
    }

    @Test
    void invalidRecordsAreKeptAndEdgeCasesMatchTheCli() throws Exception {
        Path in = resource("population/edge-export");
        Path out = tmp.resolve("edge");
        PopulationJob.Result r = job(spark, in, out, null, null);
        List<String> cli = assessLines(in, "2026-06-01", tmp);
        assertTrue(cli.stream().anyMatch(l -> l.contains("Patient.ndjson line 5: ")), cli.toString());
        assertEquals(7, assertSame(cli, jobLines(spark, out)));
        assertEquals(1, r.unreadable(), "the line that is not JSON");
        assertEquals(2, r.unattached(), "the observations of no patient of the export");
        Dataset<Row> a = spark.read().parquet(out.resolve("assessments").toString());
        List<Row> invalid = a.where("status = 'invalid'").orderBy("source_index")
                .select("patient_id", "errors", "source_index").collectAsList();
        assertEquals(4, invalid.size(), "the bad birth date, both duplicates, the broken Patient line: " + invalid);
        assertEquals("E-2", invalid.get(0).getString(0));
        assertTrue(invalid.get(0).getList(1).get(0).toString().contains("birthDate"), invalid.get(0).toString());
        assertTrue(invalid.get(3).getList(1).get(0).toString().contains("Patient.ndjson at byte "),
                invalid.get(3).toString());
        assertEquals(4L, r.byStatus().get("invalid"));
        assertEquals(0, a.where("patient_id = 'GHOST'").count(), "resources of no Patient give no row");
    }

    @Test
    void nativeRecordsEqualTheCli() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("native"));
        PopulationRuns.generate(in.resolve("panel.csv"), 250, "csv");
        Files.copy(Path.of("test-fixtures/samples/patients.json"), in.resolve("samples.json"));
        Path out = tmp.resolve("native-out");
        job(spark, in, out, "2026-06-01", null);
        assertEquals(253, assertSame(assessLines(in, "2026-06-01", tmp), jobLines(spark, out)));
    }

    @Test
    void aRulesFolderIsShippedWithTheJob() throws Exception {
        Path in = resource("fhir-samples/bulk-ndjson/smart-sample-bulk-10-patients");
        Path out = tmp.resolve("rules-shipped");
        PopulationJob.Result r = job(spark, in, out, "2026-06-01", Path.of("rules"));
        assertEquals(OsteoCds.fromRules(Path.of("rules")).ruleset(), r.ruleset());
        assertEquals(13, spark.read().parquet(out.resolve("assessments").toString())
                .where(org.apache.spark.sql.functions.col("ruleset_sha256").equalTo(r.ruleset().sha256())).count());
    }

    @Test
    void anExecutorWithOtherRulesRefusesToAssess() {
        Ruleset real = OsteoCds.bundled().ruleset();
        ExecutorRules.Ref wrong = new ExecutorRules.Ref(null, real.id(), real.version(), "0".repeat(64));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ExecutorRules.get(wrong));
        assertTrue(e.getMessage().contains("never mixes rulesets"), e.getMessage());
    }

    @Test
    void anExistingOutputFolderIsRefused() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("exists"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job(spark, resource("population/edge-export"), out, null, null));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }
}
