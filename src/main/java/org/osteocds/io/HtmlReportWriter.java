package org.osteocds.io;

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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.osteocds.model.Advice;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.Evidence;
import org.osteocds.model.Indicator;
import org.osteocds.model.RiskFactor;
import org.osteocds.model.Ruleset;

/**
 * A self-contained HTML panel report (inline CSS, SVG and a few lines of script; no network): a summary with
 * charts a clinician can take in at a glance, a sortable list of patients most urgent first, each patient's advice
 * with its rationale, and a reference section with each code's detail and evidence. Patient sections are spooled to
 * a temporary file while the summary is counted, so memory holds only one short row per patient.
 */
public final class HtmlReportWriter implements AssessmentWriter {
    private final Writer out;
    private final String toolVersion;
    private final Path spool;
    private final BufferedWriter details;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Advice> reference = new TreeMap<>();
    private final Map<String, Integer> byCode = new TreeMap<>();
    private final Map<String, Indicator> codeIndicator = new TreeMap<>();
    private final Map<String, Integer> byRiskFactor = new TreeMap<>();
    private final Map<AgeGroup, Integer> byAgeGroup = new EnumMap<>(AgeGroup.class);
    private final Map<BoneStatus, Integer> byBoneStatus = new EnumMap<>(BoneStatus.class);
    private final Map<AssessmentStatus, Integer> byStatus = new EnumMap<>(AssessmentStatus.class);
    private final Map<String, Integer> byTopIndicator = new LinkedHashMap<>();
    private final Map<String, int[]> codeByAgeGroup = new TreeMap<>();
    private final Map<String, int[]> codeByBoneStatus = new TreeMap<>();
    private Ruleset ruleset;
    private LocalDate asOf;

    /** One patient in the list. */
    private record Row(String id, String status, String ageGroup, String boneStatus, int critical, int warning, int info,
                       String top, String whyNone) {
    }

    /**
     * @param out         where the report goes (not closed by this sink)
     * @param toolVersion shown in the footer
     * @throws IOException when the spool file cannot be made
     */
    public HtmlReportWriter(Writer out, String toolVersion) throws IOException {
        this.out = out;
        this.toolVersion = toolVersion;
        this.spool = Files.createTempFile("osteo-cds-report", ".html");
        this.details = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
        for (String k : List.of("critical", "warning", "info", "none")) {
            byTopIndicator.put(k, 0);
        }
    }

    @Override
    public void accept(Assessment a) throws IOException {
        ruleset = a.ruleset();
        asOf = a.asOf();
        byStatus.merge(a.status(), 1, Integer::sum);
        int c = count(a, Indicator.CRITICAL);
        int w = count(a, Indicator.WARNING);
        int i = count(a, Indicator.INFO);
        if (a.status() == AssessmentStatus.ASSESSED) {
            byTopIndicator.merge(c > 0 ? "critical" : w > 0 ? "warning" : i > 0 ? "info" : "none", 1, Integer::sum);
        }
        if (a.findings() != null) {
            if (a.findings().ageGroup() != null) {
                byAgeGroup.merge(a.findings().ageGroup(), 1, Integer::sum);
            }
            if (a.status() == AssessmentStatus.ASSESSED) {
                byBoneStatus.merge(a.findings().boneStatus(), 1, Integer::sum);
            }
            for (RiskFactor r : a.findings().riskFactors()) {
                byRiskFactor.merge(r.key(), 1, Integer::sum);
            }
        }
        for (Advice ad : a.advice()) {
            byCode.merge(ad.code(), 1, Integer::sum);
            if (a.findings() != null && a.findings().ageGroup() != null) {
                codeByAgeGroup.computeIfAbsent(ad.code(), k -> new int[AgeGroup.values().length])[a.findings().ageGroup().ordinal()]++;
            }
            if (a.findings() != null) {
                codeByBoneStatus.computeIfAbsent(ad.code(), k -> new int[BoneStatus.values().length])[a.findings().boneStatus().ordinal()]++;
            }
            codeIndicator.merge(ad.code(), ad.indicator(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
            reference.putIfAbsent(ad.code(), ad);
        }
        String top = a.advice().isEmpty() ? "" : a.advice().get(0).code();
        String whyNone = a.reason() != null ? a.reason()
                : !a.errors().isEmpty() ? a.errors().get(0).field() + ": " + a.errors().get(0).message() : "";
        rows.add(new Row(a.patientId(), a.status().code(),
                a.findings() == null || a.findings().ageGroup() == null ? "" : a.findings().ageGroup().code(),
                a.findings() == null ? "" : a.findings().boneStatus().code(), c, w, i, top,
                top.isEmpty() ? whyNone : ""));
        writePatient(a);
    }

    private static int count(Assessment a, Indicator ind) {
        return (int) a.advice().stream().filter(x -> x.indicator() == ind).count();
    }

    private void writePatient(Assessment a) throws IOException {
        Writer d = details;
        d.write("<article class=\"patient\" id=\"" + anchor(a.patientId()) + "\">\n<h3>" + esc(a.patientId())
                + " <span class=\"status s-" + a.status().code() + "\">" + a.status().code() + "</span></h3>\n");
        if (a.findings() != null) {
            d.write("<p class=\"findings\">Age group <b>" + (a.findings().ageGroup() == null ? "unknown"
                    : a.findings().ageGroup().code()) + "</b> &middot; bone status <b>" + a.findings().boneStatus().code()
                    + "</b>");
            if (!a.findings().riskFactors().isEmpty()) {
                d.write(" &middot; risk factors: ");
                List<String> parts = new ArrayList<>();
                for (RiskFactor r : a.findings().riskFactors()) {
                    parts.add("<span class=\"rf\" title=\"" + esc(r.evidence()) + "\">" + esc(r.key()) + "</span>");
                }
                d.write(String.join(" ", parts));
            }
            d.write("</p>\n");
        }
        if (a.reason() != null) {
            d.write("<p class=\"reason\">" + esc(a.reason()) + "</p>\n");
        }
        if (!a.errors().isEmpty()) {
            d.write("<ul class=\"errors\">");
            for (var e : a.errors()) {
                d.write("<li>" + esc(e.toString()) + "</li>");
            }
            d.write("</ul>\n");
        }
        if (!a.advice().isEmpty()) {
            d.write("<ol class=\"advice\">\n");
            for (Advice ad : a.advice()) {
                d.write("<li class=\"i-" + ad.indicator().code() + "\"><span class=\"badge\">" + ad.indicator().code()
                        + "</span> <a href=\"#ref-" + ad.code() + "\"><code>" + ad.code() + "</code></a> " + esc(ad.summary())
                        + "<div class=\"why\">Why: " + esc(ad.rationale()) + "</div><div class=\"rule\">Rule: "
                        + esc(ad.rule()) + " &middot; evidence: " + evidenceShort(ad.evidence()) + "</div></li>\n");
            }
            d.write("</ol>\n");
        }
        if (!a.dataGaps().isEmpty()) {
            List<String> gaps = a.dataGaps().stream().map(g -> esc(g.field())).toList();
            d.write("<p class=\"gaps\">Not recorded, so not judged: " + String.join(", ", gaps) + "</p>\n");
        }
        d.write("</article>\n");
    }

    private static String evidenceShort(List<Evidence> evidence) {
        List<String> parts = new ArrayList<>();
        for (Evidence e : evidence) {
            String c = e.citation();
            int cut = c.indexOf('.');
            parts.add(esc(cut > 0 && cut < 40 ? c.substring(0, cut) : c.length() > 40 ? c.substring(0, 40) + "..." : c)
                    + " (" + esc(e.certainty()) + ")");
        }
        return String.join("; ", parts);
    }

    @Override
    public void close() throws IOException {
        details.close();
        try {
            writeReport();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private void writeReport() throws IOException {
        int total = rows.size();
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Bone-health panel report" + (asOf == null ? "" : " " + asOf) + "</title>\n<style>\n" + CSS
                + "</style>\n</head>\n<body>\n");
        out.write("<header><h1>Bone-health panel report</h1><p class=\"meta\">");
        out.write(total + " patients" + (asOf == null ? "" : " &middot; assessed as of <b>" + asOf + "</b>"));
        if (ruleset != null) {
            out.write(" &middot; ruleset " + esc(ruleset.id()) + " " + esc(ruleset.version()) + " <span title=\""
                    + ruleset.sha256() + "\">sha256 " + ruleset.sha256().substring(0, 12) + "</span>");
        }
        out.write("</p></header>\n<main>\n<section id=\"summary\"><h2>Summary</h2>\n<div class=\"tiles\">\n");
        tile("patients", total, "");
        tile("with critical advice", byTopIndicator.get("critical"), "critical");
        tile("with a warning (no critical)", byTopIndicator.get("warning"), "warning");
        tile("with information only", byTopIndicator.get("info"), "info");
        tile("out of scope", byStatus.getOrDefault(AssessmentStatus.OUT_OF_SCOPE, 0), "");
        tile("invalid or failed", byStatus.getOrDefault(AssessmentStatus.INVALID, 0)
                + byStatus.getOrDefault(AssessmentStatus.FAILED, 0), "bad");
        out.write("</div>\n<div class=\"charts\">\n");
        Map<String, Integer> codes = new LinkedHashMap<>();
        byCode.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> codes.put(e.getKey(), e.getValue()));
        Map<String, String> codeClass = new LinkedHashMap<>();
        codes.keySet().forEach(k -> codeClass.put(k, codeIndicator.get(k).code()));
        chart("Patients given each advice", codes, codeClass, total, true);
        Map<String, Integer> top = new LinkedHashMap<>(byTopIndicator);
        Map<String, String> topClass = new LinkedHashMap<>();
        top.keySet().forEach(k -> topClass.put(k, k));
        chart("Most urgent advice per patient", top, topClass, total, false);
        Map<String, Integer> ages = new LinkedHashMap<>();
        byAgeGroup.forEach((k, v) -> ages.put(k.code(), v));
        chart("Age groups", ages, Map.of(), total, false);
        Map<String, Integer> bones = new LinkedHashMap<>();
        byBoneStatus.forEach((k, v) -> bones.put(k.code(), v));
        chart("Bone status", bones, Map.of("osteoporosis", "critical", "osteopenia", "warning"), total, false);
        Map<String, Integer> rfs = new LinkedHashMap<>();
        byRiskFactor.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> rfs.put(e.getKey(), e.getValue()));
        chart("Fracture risk factors", rfs, Map.of(), total, false);
        out.write("</div>\n");
        matrix(codes.keySet());
        out.write("</section>\n");

        out.write("<section id=\"list\"><h2>Patients, most urgent first</h2>\n"
                + "<p class=\"hint noprint\">Click a column heading to sort.</p>\n<table class=\"sortable\">\n<thead><tr>"
                + "<th data-type=\"text\">Patient</th><th data-type=\"text\">Status</th><th data-type=\"text\">Age group</th>"
                + "<th data-type=\"text\">Bone status</th><th data-type=\"num\">Critical</th><th data-type=\"num\">Warning</th>"
                + "<th data-type=\"num\">Info</th><th data-type=\"text\">Most urgent advice, or why none</th></tr></thead>\n"
                + "<tbody>\n");
        rows.sort(Comparator.comparingInt((Row r) -> -r.critical()).thenComparingInt(r -> -r.warning())
                .thenComparingInt(r -> -r.info()).thenComparing(Row::id));
        for (Row r : rows) {
            out.write("<tr><td><a href=\"#" + anchor(r.id()) + "\">" + esc(r.id()) + "</a></td><td>" + r.status()
                    + "</td><td>" + r.ageGroup() + "</td><td>" + r.boneStatus() + "</td><td class=\"n" + (r.critical() > 0
                    ? " critical" : "") + "\">" + r.critical() + "</td><td class=\"n\">" + r.warning() + "</td><td class=\"n\">"
                    + r.info() + "</td><td>" + (r.top().isEmpty() ? "<span class=\"none\">" + esc(r.whyNone()) + "</span>"
                    : "<code>" + r.top() + "</code>") + "</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n</section>\n<section id=\"patients\"><h2>Each patient's advice</h2>\n");
        try (Reader in = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            in.transferTo(out);
        }
        out.write("</section>\n<section id=\"reference\"><h2>Advice reference</h2>\n");
        for (Advice ad : reference.values()) {
            out.write("<article class=\"ref\" id=\"ref-" + ad.code() + "\"><h3><span class=\"badge i-" + ad.indicator().code()
                    + "\">" + ad.indicator().code() + "</span> <code>" + ad.code() + "</code> <small>" + ad.category()
                    + "</small></h3>\n<p>" + esc(ad.summary()) + "</p>\n<p class=\"detail\">" + esc(ad.detail()) + "</p>\n<ul>");
            for (Evidence e : ad.evidence()) {
                out.write("<li>" + esc(e.citation()) + " <span class=\"cert\">certainty: " + esc(e.certainty())
                        + "</span> <span class=\"url\">" + esc(e.url()) + "</span></li>");
            }
            out.write("</ul>\n</article>\n");
        }
        out.write("</section>\n</main>\n<footer>Generated by osteo-cds " + esc(toolVersion) + ". Decision support: "
                + "the advice supports, and does not replace, clinical judgement.</footer>\n<script>\n" + SCRIPT
                + "</script>\n</body>\n</html>\n");
        out.flush();
    }

    /** Advice by age group and by bone status: the share of each group given each code, shaded by that share. */
    private void matrix(java.util.Set<String> codes) throws IOException {
        AgeGroup[] ages = {AgeGroup.CHILD, AgeGroup.ADULT, AgeGroup.OLDER_ADULT};
        BoneStatus[] bones = {BoneStatus.NORMAL, BoneStatus.OSTEOPENIA, BoneStatus.OSTEOPOROSIS, BoneStatus.UNKNOWN};
        out.write("<figure class=\"matrix\"><figcaption>Share of each group given each advice</figcaption>\n<table>"
                + "<thead><tr><th>advice</th>");
        for (AgeGroup g : ages) {
            out.write("<th>" + g.code() + "<br><small>n=" + byAgeGroup.getOrDefault(g, 0) + "</small></th>");
        }
        for (BoneStatus b : bones) {
            out.write("<th>" + b.code() + "<br><small>n=" + byBoneStatus.getOrDefault(b, 0) + "</small></th>");
        }
        out.write("</tr></thead>\n<tbody>\n");
        for (String code : codes) {
            out.write("<tr><td><span class=\"dot " + codeIndicator.get(code).code() + "\"></span><code>" + code
                    + "</code></td>");
            int[] byAge = codeByAgeGroup.getOrDefault(code, new int[AgeGroup.values().length]);
            for (AgeGroup g : ages) {
                cell(byAge[g.ordinal()], byAgeGroup.getOrDefault(g, 0));
            }
            int[] byBone = codeByBoneStatus.getOrDefault(code, new int[BoneStatus.values().length]);
            for (BoneStatus b : bones) {
                cell(byBone[b.ordinal()], byBoneStatus.getOrDefault(b, 0));
            }
            out.write("</tr>\n");
        }
        out.write("</tbody></table></figure>\n");
    }

    private void cell(int count, int of) throws IOException {
        double share = of == 0 ? 0 : count / (double) of;
        out.write(String.format(Locale.ROOT, "<td class=\"m\" style=\"background:rgba(31,95,168,%.2f)%s\" title=\"%d of %d\">%s</td>",
                share * 0.85, share > 0.5 ? ";color:#fff" : "", count, of, of == 0 || count == 0 ? "" : Math.round(share * 100) + "%"));
    }

    private void tile(String label, int value, String cls) throws IOException {
        out.write("<div class=\"tile " + cls + "\"><div class=\"v\">" + value + "</div><div class=\"l\">" + esc(label)
                + "</div></div>\n");
    }

    /** A horizontal bar chart as inline SVG: one bar per entry, labelled with the count and the share. */
    private void chart(String title, Map<String, Integer> data, Map<String, String> classes, int total, boolean code)
            throws IOException {
        int rowH = 22;
        int labelW = code ? 330 : 190;
        int barW = 300;
        int h = Math.max(1, data.size()) * rowH + 8;
        int max = data.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"chart\"><figcaption>").append(esc(title))
           .append(code ? " <span class=\"legend\"><span class=\"dot critical\"></span>critical "
                   + "<span class=\"dot warning\"></span>warning <span class=\"dot info\"></span>info</span>" : "")
           .append("</figcaption>")
           .append("<svg viewBox=\"0 0 ").append(labelW + barW + 110).append(' ').append(h)
           .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
        int y = 4;
        for (Map.Entry<String, Integer> e : data.entrySet()) {
            int w = max == 0 ? 0 : (int) Math.round(barW * e.getValue() / (double) max);
            String cls = classes.getOrDefault(e.getKey(), "plain");
            svg.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 15)
               .append("\" text-anchor=\"end\" class=\"lbl\">").append(esc(e.getKey())).append("</text>")
               .append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"")
               .append(Math.max(w, 1)).append("\" height=\"").append(rowH - 6).append("\" class=\"bar ").append(cls)
               .append("\"><title>").append(esc(e.getKey())).append(": ").append(e.getValue()).append("</title></rect>")
               .append("<text x=\"").append(labelW + Math.max(w, 1) + 6).append("\" y=\"").append(y + 15)
               .append("\" class=\"num\">").append(e.getValue()).append(total > 0 ? String.format(Locale.ROOT,
                       " (%.0f%%)", 100.0 * e.getValue() / total) : "").append("</text>");
            y += rowH;
        }
        if (data.isEmpty()) {
            svg.append("<text x=\"10\" y=\"20\" class=\"lbl\">none</text>");
        }
        svg.append("</svg></figure>\n");
        out.write(svg.toString());
    }

    static String anchor(String id) {
        return "p-" + id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            :root { --crit:#b3261e; --warn:#b26a00; --info:#1f5fa8; --ok:#2e7d32; --ink:#1d1d1f; --mute:#5f6368; --line:#dadce0; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #f7f7f8; }
            header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 28px; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 12px; } h3 { font-size: 15px; margin: 0 0 6px; }
            .meta { color: var(--mute); margin: 0; }
            main { padding: 0 28px 28px; max-width: 1200px; }
            .tiles { display: flex; flex-wrap: wrap; gap: 12px; }
            .tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
            .tile .v { font-size: 26px; font-weight: 600; } .tile .l { color: var(--mute); font-size: 12px; }
            .tile.critical .v { color: var(--crit); } .tile.warning .v { color: var(--warn); } .tile.info .v { color: var(--info); } .tile.bad .v { color: #6d4c41; }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px; margin-top: 14px; }
            .chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 0; padding: 10px 12px; }
            .chart figcaption { font-weight: 600; margin-bottom: 6px; }
            .chart svg { width: 100%; height: auto; }
            .chart .lbl { font-size: 11px; fill: var(--ink); } .chart .num { font-size: 11px; fill: var(--mute); }
            .bar.plain { fill: #8ab4f8; } .bar.critical { fill: var(--crit); } .bar.warning { fill: var(--warn); } .bar.info { fill: var(--info); } .bar.none { fill: var(--ok); }
            table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); font-size: 13px; }
            th { background: #f1f3f4; cursor: pointer; user-select: none; position: sticky; top: 0; }
            th.asc::after { content: " \\25B2"; } th.desc::after { content: " \\25BC"; }
            td.n { text-align: right; } td.critical { color: var(--crit); font-weight: 600; }
            .patient, .ref { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 10px; }
            .status { font-size: 11px; font-weight: 500; padding: 1px 6px; border-radius: 8px; background: #e8eaed; color: var(--mute); }
            .s-invalid, .s-failed { background: #fce8e6; color: var(--crit); }
            .findings, .gaps, .reason { color: var(--mute); margin: 4px 0; }
            .rf { background: #fef7e0; border-radius: 4px; padding: 0 4px; color: #7a4f01; }
            ol.advice { margin: 6px 0; padding-left: 20px; } ol.advice li { margin: 6px 0; }
            .badge { display: inline-block; min-width: 58px; text-align: center; font-size: 11px; font-weight: 600; color: #fff; border-radius: 4px; padding: 0 4px; background: var(--info); }
            .i-critical .badge, .badge.i-critical { background: var(--crit); } .i-warning .badge, .badge.i-warning { background: var(--warn); }
            .why { color: var(--ink); } .rule { color: var(--mute); font-size: 12px; } .none { color: var(--mute); font-size: 12px; }
            .detail { color: #3c4043; } .cert { color: var(--mute); font-size: 12px; } .url { color: var(--mute); font-size: 11px; word-break: break-all; }
            code { font-size: 12px; }
            .legend { font-weight: 400; font-size: 12px; color: var(--mute); margin-left: 8px; }
            .dot { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin: 0 3px 0 6px; background: #8ab4f8; }
            .dot.critical { background: var(--crit); } .dot.warning { background: var(--warn); } .dot.info { background: var(--info); }
            .matrix { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 14px 0 0; padding: 10px 12px; }
            .matrix figcaption { font-weight: 600; margin-bottom: 6px; }
            .matrix table { border: 0; } .matrix th { position: static; cursor: default; text-align: center; font-weight: 600; }
            .matrix td.m { text-align: center; font-size: 12px; min-width: 84px; }
            footer { color: var(--mute); font-size: 12px; padding: 16px 28px; border-top: 1px solid var(--line); }
            @media print {
              body { background: #fff; font-size: 11px; } main { padding: 0; max-width: none; } header { padding: 0 0 8px; }
              .noprint { display: none; } th { position: static; }
              .tile, .chart, .patient, .ref { break-inside: avoid; border-color: #bbb; }
              .charts { grid-template-columns: 1fr 1fr; } #patients, #reference { break-before: page; }
              a { color: inherit; text-decoration: none; }
            }
            """;

    private static final String SCRIPT = """
            document.querySelectorAll('table.sortable th').forEach(function (th, col) {
              th.addEventListener('click', function () {
                var table = th.closest('table'), body = table.tBodies[0];
                var asc = !th.classList.contains('asc');
                table.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
                th.classList.add(asc ? 'asc' : 'desc');
                var num = th.dataset.type === 'num';
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[col].textContent, y = b.cells[col].textContent;
                  var c = num ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y, undefined, {numeric: true});
                  return asc ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
            """;
}
