package org.osteocds.population;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The tables a population programme reads, computed from the written assessments: the population summary (patients
 * per status, advice code, age group, sex and bone status) and one cohort table per action (who, and why: the
 * advice's rationale). Only the assessments table holds per-patient rows; the summary holds counts.
 */
final class PopulationTables {
    /** Folder of the assessments table. */
    static final String ASSESSMENTS = "assessments";
    /** Folder of the summary table. */
    static final String SUMMARY = "summary";
    /** Folder of the cohort tables, one subfolder each. */
    static final String COHORTS = "cohorts";

    /**
     * A cohort: the patients whose assessment gives an advice code (and, where said, has a bone status).
     *
     * @param name       its folder's name
     * @param title      what a clinical lead calls it
     * @param code       the advice code that puts a patient in it
     * @param boneStatus the bone status it also needs, or {@code null}
     * @param note       what it does not tell apart
     */
    record Cohort(String name, String title, String code, String boneStatus, String note) {
    }

    /** The cohorts, in report order (the advice codes are the catalogue's; docs/population.md). */
    static final List<Cohort> COHORT_LIST = List.of(
            new Cohort("dxa-due", "DXA due", "SCREENING-BONE-DENSITY-TEST", null, ""),
            new Cohort("untreated-osteoporosis", "Untreated osteoporosis", "REFERRAL-OSTEOPOROSIS-EVALUATION",
                    "osteoporosis", "osteoporosis (T-score, diagnosis or fractures) and no current bone treatment"),
            new Cohort("glucocorticoid-without-bone-protection", "Long-term glucocorticoid: assess bone protection",
                    "MEDICATION-GLUCOCORTICOID-ASSESSMENT", null, "every current long-term glucocorticoid user; the "
                    + "assessment does not say whether a bone treatment is already taken"),
            new Cohort("denosumab-delayed", "Denosumab dose delayed", "MEDICATION-DENOSUMAB-DELAYED", null, ""));

    /**
     * What was written, for the report and the command's summary.
     *
     * @param byStatus patients per status
     * @param cohorts  patients per cohort name
     * @param summary  the summary table's rows (status, advice_code, age_group, sex, bone_status, patients)
     */
    record Written(Map<String, Long> byStatus, Map<String, Long> cohorts, List<Row> summary) {
    }

    private PopulationTables() {
    }

    /**
     * @param spark the session
     * @param out   the output folder, which holds the assessments
     * @return what was written
     */
    static Written write(SparkSession spark, String out) {
        Dataset<Row> a = spark.read().parquet(PopulationJob.child(out, ASSESSMENTS));
        Dataset<Row> summary = a.withColumn("advice_code", explode_outer(col("advice_codes")))
                .groupBy("status", "advice_code", "age_group", "sex", "bone_status").count()
                .withColumnRenamed("count", "patients")
                .withColumn("schema_version", lit(AssessmentRows.SCHEMA_VERSION))
                .orderBy("status", "advice_code", "age_group", "sex", "bone_status").coalesce(1);
        summary.write().mode(SaveMode.ErrorIfExists).parquet(PopulationJob.child(out, SUMMARY));
        List<Row> rows = spark.read().parquet(PopulationJob.child(out, SUMMARY)).collectAsList();
        Map<String, Long> byStatus = new TreeMap<>();
        for (Row r : a.groupBy("status").count().collectAsList()) {
            byStatus.put(r.getString(0), r.getLong(1));
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Cohort c : COHORT_LIST) {
            Column in = expr("array_contains(advice_codes, '" + c.code() + "')");
            if (c.boneStatus() != null) {
                in = in.and(col("bone_status").equalTo(c.boneStatus()));
            }
            Dataset<Row> cohort = a.where(in).select(col("patient_id"), col("source_file"), col("source_line"),
                    col("source_row"), col("source_index"), col("source_patient"), col("age"), col("sex"),
                    col("age_group"), col("bone_status"),
                    expr("filter(advice, x -> x.code = '" + c.code() + "')[0].indicator").as("indicator"),
                    expr("filter(advice, x -> x.code = '" + c.code() + "')[0].rationale").as("rationale"),
                    col("ruleset_version"), lit(AssessmentRows.SCHEMA_VERSION).as("schema_version"));
            String dir = PopulationJob.child(PopulationJob.child(out, COHORTS), c.name());
            cohort.write().mode(SaveMode.ErrorIfExists).parquet(dir);
            sizes.put(c.name(), spark.read().parquet(dir).count());
        }
        return new Written(byStatus, sizes, rows);
    }
}
