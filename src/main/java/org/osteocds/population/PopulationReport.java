package org.osteocds.population;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.knowledge.Catalogue;

/**
 * The summary-level HTML report for a clinical lead ({@code report.html}): how many patients were assessed, the
 * cohorts to act on, and for each advice code how many patients get it, by age group, sex and bone status. Counts
 * only: no patient is named or listed (the cohort tables hold who). Self-contained, no script.
 */
final class PopulationReport {
    /** The report's file name in the output folder. */
    static final String FILE = "report.html";

    private static final List<String> AGE_GROUPS = List.of("under-6", "child", "adult", "older-adult");
    private static final List<String> SEXES = List.of("female", "male");
    private static final List<String> BONE = List.of("normal", "osteopenia", "osteoporosis", "below-expected-for-age",
            "within-expected-for-age", "unknown");

    private PopulationReport() {
    }

    /**
     * @param spark  the session (for the output file system)
     * @param out    the output folder
     * @param cds    the engine, for the catalogue's labels
     * @param tables what was written
     * @param result the job's result
     * @throws IOException when the report cannot be written
     */
    static void write(SparkSession spark, String out, OsteoCds cds, PopulationTables.Written tables,
                      PopulationJob.Result result) throws IOException {
        Catalogue catalogue = Engines.of(cds).rules().catalogue();
        StringBuilder h = new StringBuilder(16_384);
        long assessed = tables.byStatus().getOrDefault("assessed", 0L);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bone health: population "
                + "summary</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:72em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em}"
                + "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3;text-align:left}"
                + "small{color:#666}</style></head><body>\n");
        h.append("<h1>Bone health: population summary</h1>\n<p>Assessed as of <b>").append(result.asOf())
                .append("</b> with ruleset <b>").append(esc(result.ruleset().id())).append(' ')
                .append(esc(result.ruleset().version())).append("</b> <small>(sha256 ")
                .append(esc(result.ruleset().sha256())).append(")</small>. Counts only: the cohort tables list the "
                        + "patients.</p>\n");
        h.append("<h2>Patients</h2>\n<table><tr><th>status</th><th>patients</th></tr>\n");
        for (Map.Entry<String, Long> e : tables.byStatus().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(n(e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("<tr><th>all</th><th class=\"n\">").append(n(result.patients())).append("</th></tr></table>\n");
        if (result.unreadable() + result.unattached() + result.problems().size() > 0) {
            h.append("<p><small>Not patients: ").append(n(result.unreadable())).append(" unreadable lines, ")
                    .append(n(result.unattached())).append(" clinical resources that point to no patient of the "
                            + "export, ").append(result.problems().size()).append(" files that could not be read."
                            + "</small></p>\n");
        }
        h.append("<h2>Cohorts to act on</h2>\n<table><tr><th>cohort</th><th>patients</th><th>% of assessed</th>"
                + "<th>advice code</th><th>note</th></tr>\n");
        for (PopulationTables.Cohort c : PopulationTables.COHORT_LIST) {
            long k = tables.cohorts().getOrDefault(c.name(), 0L);
            h.append("<tr><td>").append(esc(c.title())).append("</td><td class=\"n\">").append(n(k))
                    .append("</td><td class=\"n\">").append(pct(k, assessed)).append("</td><td><code>")
                    .append(esc(c.code())).append("</code></td><td><small>").append(esc(c.note()))
                    .append("</small></td></tr>\n");
        }
        h.append("</table>\n");
        adviceTable(h, tables.summary(), catalogue, assessed);
        h.append("<p><small>Age groups and bone status are the engine's findings (advice catalogue). Made by "
                + "osteo-cds population; the assessments table has schema version ").append(AssessmentRows.SCHEMA_VERSION)
                .append(".</small></p>\n</body></html>\n");
        Path file = new Path(out, FILE);
        FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream o = fs.create(file, false)) {
            o.write(h.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Per advice code: patients, share of the assessed, and the split by age group, sex and bone status. */
    private static void adviceTable(StringBuilder h, List<Row> summary, Catalogue catalogue, long assessed) {
        Map<String, Map<String, Long>> byCode = new TreeMap<>();
        for (Row r : summary) {
            if (r.isNullAt(1)) {
                continue;
            }
            long k = r.getLong(5);
            Map<String, Long> m = byCode.computeIfAbsent(r.getString(1), x -> new TreeMap<>());
            m.merge("", k, Long::sum);
            m.merge("age:" + r.getString(2), k, Long::sum);
            m.merge("sex:" + r.getString(3), k, Long::sum);
            m.merge("bone:" + r.getString(4), k, Long::sum);
        }
        h.append("<h2>Advice across the population</h2>\n<table><tr><th>advice</th><th>patients</th><th>% of "
                + "assessed</th>");
        for (String a : AGE_GROUPS) {
            h.append("<th>").append(esc(a)).append("</th>");
        }
        for (String s : SEXES) {
            h.append("<th>").append(esc(s)).append("</th>");
        }
        for (String b : BONE) {
            h.append("<th>").append(esc(b)).append("</th>");
        }
        h.append("</tr>\n");
        for (Map.Entry<String, Map<String, Long>> e : byCode.entrySet()) {
            Catalogue.Entry c = catalogue.entry(e.getKey());
            String label = c == null || c.label() == null ? e.getKey() : c.label();
            Map<String, Long> m = e.getValue();
            h.append("<tr><td>").append(esc(label)).append("<br><small><code>").append(esc(e.getKey()))
                    .append("</code></small></td><td class=\"n\">").append(n(m.get(""))).append("</td><td class=\"n\">")
                    .append(pct(m.get(""), assessed)).append("</td>");
            for (String a : AGE_GROUPS) {
                h.append("<td class=\"n\">").append(n(m.getOrDefault("age:" + a, 0L))).append("</td>");
            }
            for (String s : SEXES) {
                h.append("<td class=\"n\">").append(n(m.getOrDefault("sex:" + s, 0L))).append("</td>");
            }
            for (String b : BONE) {
                h.append("<td class=\"n\">").append(n(m.getOrDefault("bone:" + b, 0L))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p><small>Sex not recorded is counted in the total but in neither sex column.</small></p>\n");
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String pct(long k, long of) {
        return of == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * k / of);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
