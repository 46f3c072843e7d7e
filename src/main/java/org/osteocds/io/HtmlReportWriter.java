package org.osteocds.io;

import static org.osteocds.io.ReportHtml.anchor;
import static org.osteocds.io.ReportHtml.esc;
import static org.osteocds.io.ReportHtml.refAnchor;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.Evidence;
import org.osteocds.model.Indicator;
import org.osteocds.model.Ruleset;

/**
 * A self-contained HTML panel report for clinicians (inline CSS and a few lines of script; no network): a summary
 * with tiles and bar charts (shares of the assessed patients), the out-of-scope records counted by reason (under 6,
 * age unknown, deceased; not listed as patients), a sortable list of patients most urgent first with name, age and
 * sex, each assessed patient's advice with its rationale, every invalid or failed record with its errors, and a
 * reference section with each advice's summaries (for the clinician, for the patient), detail and evidence. Advice
 * is named by its plain-language label from the advice catalogue; the code is in the tooltip ({@code title}).
 * Patient sections are spooled to temporary files while the summary is counted, so memory holds only one short row
 * per listed patient.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("report.html"));
 *      HtmlReportWriter report = new HtmlReportWriter(out, cds, "1.0")) {
 *     report.writeAll(cds.assessAll(records, asOf, 2));
 * }
 * }</pre>
 */
public final class HtmlReportWriter implements AssessmentWriter {
    private final Writer out;
    private final String toolVersion;
    private final Catalogue catalogue;
    private final PanelSummary summary;
    private final Path spool;
    private final BufferedWriter details;
    private final Path problemSpool;
    private final BufferedWriter problems;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Advice> reference = new TreeMap<>();
    private Ruleset ruleset;
    private LocalDate asOf;

    /** One listed patient: assessed, invalid or failed. {@code note} is the first error of a record not assessed. */
    private record Row(String id, String name, Integer age, String sex, AssessmentStatus status, String boneStatus,
                       int critical, int warning, int info, String top, String note) {
    }

    /**
     * @param out         where the report goes (not closed by this sink)
     * @param cds         the engine whose advice catalogue names the codes (labels)
     * @param toolVersion shown in the footer
     * @throws IOException when the spool files cannot be made
     */
    public HtmlReportWriter(Writer out, OsteoCds cds, String toolVersion) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.catalogue = Engines.of(cds).rules().catalogue();
        this.toolVersion = toolVersion;
        this.summary = new PanelSummary(this::label);
        this.spool = Files.createTempFile("osteo-cds-report", ".html");
        this.details = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
        this.problemSpool = Files.createTempFile("osteo-cds-report-problems", ".html");
        this.problems = Files.newBufferedWriter(problemSpool, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(Assessment a) throws IOException {
        ruleset = a.ruleset();
        asOf = a.asOf();
        summary.add(a);
        String name = a.patient().name();
        Integer age = a.patient().age();
        String sex = a.patient().sex() == null ? "" : a.patient().sex().code();
        switch (a.status()) {
            case ASSESSED -> {
                for (Advice ad : a.advice()) {
                    reference.putIfAbsent(ad.code(), ad);
                }
                rows.add(new Row(a.patientId(), name, age, sex, a.status(), PanelSummary.boneStatus(a).code(),
                        count(a, Indicator.CRITICAL), count(a, Indicator.WARNING), count(a, Indicator.INFO),
                        a.advice().isEmpty() ? "" : a.advice().get(0).code(), ""));
                ReportHtml.patient(details, a, this::label);
            }
            case INVALID, FAILED -> {
                String note = a.errors().get(0).toString()
                        + (a.errors().size() > 1 ? " (and " + (a.errors().size() - 1) + " more)" : "");
                rows.add(new Row(a.patientId(), name, age, sex, a.status(), "", 0, 0, 0, "", note));
                ReportHtml.patient(problems, a, this::label);
            }
            case OUT_OF_SCOPE -> {
                // counted by the summary, not listed
            }
        }
    }

    private static int count(Assessment a, Indicator ind) {
        return (int) a.advice().stream().filter(x -> x.indicator() == ind).count();
    }

    /** @return the code's plain-language label from the catalogue, or the code when the catalogue lacks it */
    private String label(String code) {
        Catalogue.Entry e = catalogue.entry(code);
        return e == null || e.label() == null ? code : e.label();
    }

    @Override
    public void close() throws IOException {
        try {
            details.close();
            problems.close();
            writeReport();
        } finally {
            Files.deleteIfExists(spool);
            Files.deleteIfExists(problemSpool);
        }
    }

    private void writeReport() throws IOException {
        int bad = summary.status(AssessmentStatus.INVALID) + summary.status(AssessmentStatus.FAILED);
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Bone-health panel report" + (asOf == null ? "" : " " + asOf) + "</title>\n<style>\n"
                + ReportStyle.CSS + "</style>\n</head>\n<body>\n");
        out.write("<header><h1>Bone-health panel report</h1><p class=\"meta\">" + summary.total() + " records: "
                + summary.status(AssessmentStatus.ASSESSED) + " assessed, "
                + summary.status(AssessmentStatus.OUT_OF_SCOPE) + " out of scope, "
                + summary.status(AssessmentStatus.INVALID) + " invalid, " + summary.status(AssessmentStatus.FAILED)
                + " failed" + (asOf == null ? "" : " &middot; assessed as of <b>" + asOf + "</b>"));
        if (ruleset != null) {
            String sha = ruleset.sha256() == null ? "" : ruleset.sha256();
            out.write(" &middot; ruleset " + esc(ruleset.id()) + " " + esc(ruleset.version()) + " <span title=\""
                    + esc(sha) + "\">sha256 " + esc(sha.substring(0, Math.min(12, sha.length()))) + "</span>");
        }
        out.write("</p></header>\n<main>\n<section id=\"summary\"><h2>Summary</h2>\n");
        summary.write(out);
        out.write("</section>\n");
        list();
        out.write("<section id=\"problems\"><h2>Records that could not be assessed</h2>\n");
        if (bad == 0) {
            out.write("<p class=\"none\">None: every record was read and assessed.</p>\n");
        } else {
            out.write("<p>These records are invalid or a rule failed on them; no advice was given. Fix the record "
                    + "and assess it again.</p>\n");
            copy(problemSpool);
        }
        out.write("</section>\n<section id=\"patients\"><h2>Each assessed patient's advice</h2>\n");
        copy(spool);
        out.write("</section>\n<section id=\"reference\"><h2>Advice reference</h2>\n");
        for (Advice ad : reference.values()) {
            out.write("<article class=\"ref\" id=\"" + refAnchor(ad.code()) + "\"><h3><span class=\"badge i-"
                    + ad.indicator().code() + "\">" + ad.indicator().code() + "</span> <span title=\""
                    + esc(ad.code()) + "\">" + esc(label(ad.code())) + "</span> <small>"
                    + esc(ad.category().name().toLowerCase(Locale.ROOT)) + "</small></h3>\n<p>"
                    + esc(ad.clinicianSummary()) + "</p>\n<p class=\"detail\">" + esc(ad.detail())
                    + "</p>\n<p class=\"for-patient\">For the patient: " + esc(ad.summary()) + "</p>\n<ul>");
            for (Evidence e : ad.evidence()) {
                out.write("<li>" + esc(e.citation()) + " <span class=\"cert\">certainty: " + esc(e.certainty())
                        + "</span> <span class=\"url\">" + esc(e.url()) + "</span></li>");
            }
            out.write("</ul>\n</article>\n");
        }
        out.write("</section>\n</main>\n<footer>Generated by osteo-cds " + esc(toolVersion) + ". Decision support: "
                + "the advice supports, and does not replace, clinical judgement.</footer>\n<script>\n"
                + ReportStyle.SCRIPT + "</script>\n</body>\n</html>\n");
        out.flush();
    }

    private void copy(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.transferTo(out);
        }
    }

    /** The sortable patient list: assessed patients most urgent first, then the records not assessed. */
    private void list() throws IOException {
        out.write("<section id=\"list\"><h2>Patients, most urgent first</h2>\n<p class=\"hint noprint none\">Click a "
                + "column heading to sort. Out-of-scope records are counted in the summary, not listed.</p>\n"
                + "<div class=\"scroll\"><table class=\"sortable\">\n<thead><tr><th data-type=\"text\">Patient</th>"
                + "<th data-type=\"text\">Name</th><th data-type=\"num\">Age</th><th data-type=\"text\">Sex</th>"
                + "<th data-type=\"text\">Status</th><th data-type=\"text\">Bone status</th>"
                + "<th data-type=\"num\">Critical</th><th data-type=\"num\">Warning</th><th data-type=\"num\">Info</th>"
                + "<th data-type=\"text\">Most urgent advice, or the problem</th></tr></thead>\n<tbody>\n");
        rows.sort(Comparator.comparing((Row r) -> r.status() != AssessmentStatus.ASSESSED)
                .thenComparingInt(r -> -r.critical()).thenComparingInt(r -> -r.warning())
                .thenComparingInt(r -> -r.info()).thenComparing(Row::id));
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            boolean problem = r.status() != AssessmentStatus.ASSESSED;
            sb.setLength(0);
            sb.append(problem ? "<tr class=\"problem\">" : "<tr>").append("<td><a href=\"#").append(anchor(r.id()))
              .append("\">").append(esc(r.id())).append("</a></td><td>").append(esc(r.name()))
              .append("</td><td class=\"n\">")
              .append(r.age() == null ? "" : r.age()).append("</td><td>").append(r.sex()).append("</td><td>")
              .append(r.status().code()).append("</td><td>").append(r.boneStatus()).append("</td><td class=\"n")
              .append(r.critical() > 0 ? " critical" : "").append("\">").append(problem ? "" : r.critical())
              .append("</td><td class=\"n\">").append(problem ? "" : r.warning()).append("</td><td class=\"n\">")
              .append(problem ? "" : r.info()).append("</td><td>");
            if (problem) {
                sb.append("<span class=\"err\">").append(esc(r.note())).append("</span>");
            } else if (r.top().isEmpty()) {
                sb.append("<span class=\"none\">no advice</span>");
            } else {
                sb.append("<span title=\"").append(esc(r.top())).append("\">").append(esc(label(r.top())))
                  .append("</span>");
            }
            sb.append("</td></tr>\n");
            out.write(sb.toString());
        }
        out.write("</tbody>\n</table></div>\n</section>\n");
    }
}
