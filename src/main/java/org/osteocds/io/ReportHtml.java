package org.osteocds.io;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.Evidence;
import org.osteocds.model.PatientSummary;
import org.osteocds.model.RecordError;
import org.osteocds.model.RiskFactor;

/**
 * The pieces of the HTML panel report ({@link HtmlReportWriter}): escaping, bar charts drawn with HTML and CSS (real
 * text at its normal size, whatever the page width), summary tiles and one patient's section.
 */
final class ReportHtml {
    private ReportHtml() {
    }

    /**
     * One bar of a chart.
     *
     * @param label the text shown
     * @param title the tooltip (an advice code, a key), or {@code null}
     * @param count how many patients
     * @param cls   the bar's colour class: critical, warning, info, none or plain
     */
    record Bar(String label, String title, int count, String cls) {
    }

    /**
     * A horizontal bar chart: one row per bar with its label, a bar as wide as its share of {@code of}, and the
     * count and share as text. On a narrow page the label moves above its bar.
     *
     * @param out   where the chart goes
     * @param title the caption
     * @param note  extra caption text (a legend), HTML, or empty
     * @param bars  the bars, in order
     * @param of    the denominator of the shares (the assessed patients)
     */
    static void chart(Writer out, String title, String note, List<Bar> bars, int of) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<figure class=\"chart\"><figcaption>").append(esc(title))
          .append(" <span class=\"of\">of ").append(of).append(" assessed patient").append(of == 1 ? "" : "s")
          .append("</span>").append(note).append("</figcaption>\n<div class=\"bars\">\n");
        for (Bar b : bars) {
            double share = of == 0 ? 0 : b.count() / (double) of;
            sb.append("<div class=\"bar-row\"><span class=\"bar-label\"")
              .append(b.title() == null ? "" : " title=\"" + esc(b.title()) + "\"").append('>').append(esc(b.label()))
              .append("</span><span class=\"bar-track\"><span class=\"bar ").append(esc(b.cls()))
              .append(String.format(Locale.ROOT, "\" style=\"width:%.1f%%\"></span></span>", 100 * share))
              .append("<span class=\"bar-num\">").append(b.count()).append(" <small>(").append(percent(b.count(), of))
              .append(")</small></span></div>\n");
        }
        if (bars.isEmpty()) {
            sb.append("<p class=\"none\">none</p>\n");
        }
        sb.append("</div></figure>\n");
        out.write(sb.toString());
    }

    /** @return {@code n} as a whole percentage of {@code of}: {@code 40%}, {@code <1%} for a small non-zero share */
    static String percent(int n, int of) {
        if (of == 0) {
            return "n/a";
        }
        long p = Math.round(100.0 * n / of);
        return p == 0 && n > 0 ? "&lt;1%" : p + "%";
    }

    /**
     * A summary tile: a big number and what it counts.
     *
     * @param href  where a click goes (a section anchor), or {@code null}
     * @param share the share text under the label (HTML), or empty
     */
    static void tile(Writer out, String label, int value, String cls, String share, String href) throws IOException {
        String tag = href == null ? "div" : "a";
        out.write("<" + tag + (href == null ? "" : " href=\"" + esc(href) + "\"") + " class=\"tile " + cls
                + "\"><div class=\"v\">" + value + "</div><div class=\"l\">" + esc(label) + "</div>"
                + (share.isEmpty() ? "" : "<div class=\"s\">" + share + "</div>") + "</" + tag + ">\n");
    }

    /** @return name, age and sex as one short line ({@code Jane Doe, 68, female}); empty when none is known */
    static String who(PatientSummary p) {
        List<String> parts = new ArrayList<>(3);
        if (p.name() != null && !p.name().isBlank()) {
            parts.add(p.name().strip());
        }
        if (p.age() != null) {
            parts.add(String.valueOf(p.age()));
        }
        if (p.sex() != null) {
            parts.add(p.sex().code());
        }
        return String.join(", ", parts);
    }

    /**
     * One patient's section: who, findings, advice with its plain-language label (the code in the tooltip) and its
     * summary for the clinician, the rationale, rule and evidence, the out-of-scope reason or every error, and the
     * data gaps.
     *
     * @param label an advice code's plain-language label
     */
    static void patient(Writer d, Assessment a, UnaryOperator<String> label) throws IOException {
        String who = who(a.patient());
        d.write("<article class=\"patient\" id=\"" + anchor(a.patientId()) + "\">\n<h3><span class=\"pid\">"
                + esc(a.patientId()) + "</span>" + (who.isEmpty() ? "" : " <span class=\"who\">" + esc(who) + "</span>")
                + " <span class=\"status s-" + a.status().code() + "\">" + a.status().code() + "</span></h3>\n");
        if (a.findings() != null) {
            d.write("<p class=\"findings\">Age group <b>" + (a.findings().ageGroup() == null ? "unknown"
                    : esc(words(a.findings().ageGroup().code()))) + "</b> &middot; bone status <b>"
                    + esc(a.findings().boneStatus().code()) + "</b>");
            if (!a.findings().riskFactors().isEmpty()) {
                d.write(" &middot; risk factors: ");
                List<String> parts = new ArrayList<>();
                for (RiskFactor r : a.findings().riskFactors()) {
                    parts.add("<span class=\"rf\" title=\"" + esc(r.evidence()) + "\">" + esc(words(r.key()))
                            + "</span>");
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
            for (RecordError e : a.errors()) {
                d.write("<li>" + esc(e.toString()) + "</li>");
            }
            d.write("</ul>\n");
        }
        if (!a.advice().isEmpty()) {
            d.write("<ol class=\"advice\">\n");
            for (Advice ad : a.advice()) {
                d.write("<li class=\"i-" + ad.indicator().code() + "\"><span class=\"badge\">" + ad.indicator().code()
                        + "</span> <a class=\"label\" href=\"#" + refAnchor(ad.code()) + "\" title=\"" + esc(ad.code())
                        + "\">" + esc(label.apply(ad.code())) + "</a>: " + esc(ad.clinicianSummary())
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

    /** @return a contract key in words: {@code older-adult} becomes {@code older adult} */
    static String words(String key) {
        return key.replace('-', ' ');
    }

    /** @return the anchor of a patient's section */
    static String anchor(String id) {
        return "p-" + id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** @return the anchor of an advice code's reference entry */
    static String refAnchor(String code) {
        return "ref-" + code.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** @return the text escaped for HTML content and attribute values; empty for {@code null} */
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
}
