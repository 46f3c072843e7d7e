package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.Indicator;

/** The HTML panel report as a clinician reads it, on the bundled samples and a few built records. */
class HtmlReportWriterTest {
    static List<Assessment> panel;
    static String html;
    static int assessed;

    @BeforeAll
    static void report() throws IOException {
        panel = ReportPanel.assessments();
        assessed = (int) panel.stream().filter(a -> a.status() == AssessmentStatus.ASSESSED).count();
        html = render(panel);
    }

    static String render(List<Assessment> assessments) throws IOException {
        StringWriter w = new StringWriter();
        try (HtmlReportWriter report = new HtmlReportWriter(w, ReportPanel.CDS, "test-1.0")) {
            for (Assessment a : assessments) {
                report.accept(a);
            }
        }
        return w.toString();
    }

    /** The text a reader sees: no tags (so no attributes), no style sheet, no script. */
    static String visibleText(String h) {
        return h.replaceAll("(?s)<style>.*?</style>", "").replaceAll("(?s)<script>.*?</script>", "")
                .replaceAll("<[^>]*>", " ");
    }

    /** The part of the report between two section openings. */
    static String section(String id) {
        int from = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(from >= 0, "section " + id);
        int to = html.indexOf("<section id=", from + 1);
        return html.substring(from, to < 0 ? html.length() : to);
    }

    @Test
    void thePanelHasWhatTheTestsNeed() {
        assertEquals(7, assessed);
        assertEquals(4, panel.stream().filter(a -> a.status() == AssessmentStatus.OUT_OF_SCOPE).count());
        assertEquals(13, panel.size());
    }

    @Test
    void adviceIsNamedByItsLabelWithTheCodeInTheTooltip() {
        Catalogue catalogue = Engines.of(ReportPanel.CDS).rules().catalogue();
        Set<String> codes = new TreeSet<>();
        panel.forEach(a -> codes.addAll(a.adviceCodes()));
        assertTrue(codes.size() >= 15, "the panel gives many codes: " + codes);
        String text = visibleText(html);
        for (String code : codes) {
            String label = ReportHtml.esc(catalogue.entry(code).label());
            String forClinician = ReportHtml.esc(catalogue.entry(code).clinicianSummary());
            assertTrue(html.contains("title=\"" + code + "\">" + label + "</a>: " + forClinician
                    + "<div class=\"why\">"),
                    "advice item of " + code + ": label and the clinician's summary");
            assertTrue(html.contains("<span class=\"bar-label\" title=\"" + code + "\">" + label + "</span>"),
                    "chart bar of " + code);
            assertTrue(html.contains("<span title=\"" + code + "\">" + label + "</span>"),
                    "reference and matrix of " + code);
            assertTrue(html.contains("<p class=\"for-patient\">For the patient: "
                    + ReportHtml.esc(catalogue.entry(code).summary()) + "</p>"), "reference of " + code);
            assertFalse(text.contains(code), code + " is shown only in tooltips");
        }
        assertTrue(html.contains("title=\"SCREENING-BONE-DENSITY-TEST\">Bone density (DXA) scan due</a>"));
    }

    @Test
    void nameAgeAndSexStandBesideTheId() {
        assertTrue(html.contains("<span class=\"pid\">W-1</span> <span class=\"who\">Ada &lt;b&gt;Lovelace&lt;/b&gt;, "
                + "70, female</span>"), "escaped name, age and sex in the heading");
        assertTrue(html.contains("<span class=\"pid\">P-002</span> <span class=\"who\">12, male</span>"),
                "no name recorded: age and sex only");
        assertTrue(html.contains("<td><a href=\"#p-W-1\">W-1</a></td><td>Ada &lt;b&gt;Lovelace&lt;/b&gt;</td>"
                + "<td class=\"n\">70</td><td>female</td>"), "the list row");
        assertFalse(html.contains("<b>Lovelace</b>"), "markup in a name is escaped");
    }

    @Test
    void sharesAreOfTheAssessedPatients() {
        String of = "of " + assessed + " assessed patients";
        assertEquals(5, count(html, "<span class=\"of\">" + of + "</span>"), "every chart says its denominator");
        assertFalse(html.contains("of " + panel.size() + " assessed"), "not over all records");
        // 4 of the 7 assessed patients are due a DXA scan: 57%, not 4 of 13 (31%)
        long dxa = panel.stream().filter(a -> a.hasAdvice("SCREENING-BONE-DENSITY-TEST")).count();
        assertEquals(4, dxa);
        assertTrue(html.contains("title=\"SCREENING-BONE-DENSITY-TEST\">Bone density (DXA) scan due</span><span "
                + "class=\"bar-track\"><span class=\"bar warning\" style=\"width:57.1%\"></span></span><span "
                + "class=\"bar-num\">4 <small>(57%)</small></span>"), "bar width and text over the assessed");
        long critical = panel.stream().filter(a -> !a.advice().isEmpty()
                && a.advice().get(0).indicator() == Indicator.CRITICAL).count();
        assertEquals(4, critical);
        assertTrue(html.contains("<div class=\"v\">4</div><div class=\"l\">with critical advice</div>"
                + "<div class=\"s\">57% of 7 assessed</div>"));
        assertTrue(html.contains("<p class=\"meta\">13 records: 7 assessed, 4 out of scope, 1 invalid, 1 failed"));
    }

    @Test
    void chartsAreHtmlWithRealTextNotScalingSvg() {
        assertFalse(html.contains("<svg"), "no SVG whose text would shrink with the page");
        assertEquals(5, count(html, "<figure class=\"chart\">"));
        assertTrue(ReportStyle.CSS.contains("@media (max-width: 600px)"), "a narrow layout");
        assertFalse(html.matches("(?s).*<(script|link|img)[^>]+(src|href)=\"https?:.*"), "no network resources");
    }

    @Test
    void outOfScopeRecordsAreCountedByKindNotListedAsPatients() {
        for (String id : List.of("K-1", "U-1", "D-1", "D-2")) {
            assertFalse(html.contains("id=\"p-" + id + "\""), id + " has no patient section");
            assertFalse(html.contains("href=\"#p-" + id + "\""), id + " has no row in the list");
        }
        String oos = html.substring(html.indexOf("<div class=\"oos\" id=\"out-of-scope\">"),
                html.indexOf("<section id=\"list\">"));
        assertTrue(oos.contains("<h3>Out of scope: 4 records not assessed</h3>"));
        assertTrue(oos.contains("<tr><td>deceased</td><td class=\"n\">2</td>"), oos);
        assertTrue(oos.contains("<tr><td>under 6 years old</td><td class=\"n\">1</td>"), oos);
        assertTrue(oos.contains("<tr><td>age unknown</td><td class=\"n\">1</td>"), oos);
        assertTrue(oos.contains("<li><b>U-1</b> Una Known, female: age unknown"), "age unknown is fixable: listed");
        assertFalse(html.contains("Dora Late") || html.contains("Kim Small") || html.contains("died on"),
                "the deceased and the under-6 are only counted");
    }

    @Test
    void invalidAndFailedRecordsAreListedWithEveryError() {
        String problems = section("problems");
        assertTrue(problems.contains("<article class=\"patient\" id=\"p-BAD-1\">"));
        assertTrue(problems.contains("<li>tScore = low: tScore must be a number</li>"), problems);
        assertTrue(problems.contains("<li>age = -4: age must be between 0 and 120</li>"), problems);
        assertTrue(problems.contains("<span class=\"pid\">F-1</span> <span class=\"who\">Fay Failing, 66, female</span>"
                + " <span class=\"status s-failed\">failed</span>"));
        assertTrue(problems.contains("rule: rule &quot;Broken rule&quot; threw: boom"));
        String list = section("list");
        assertTrue(list.contains("<tr class=\"problem\"><td><a href=\"#p-BAD-1\">BAD-1</a>"));
        assertTrue(list.contains("tScore = low: tScore must be a number (and 1 more)"));
        assertTrue(html.contains("<div class=\"v\">2</div><div class=\"l\">invalid or failed</div>"));
        assertEquals(7, count(section("patients"), "<article class=\"patient\""), "the assessed patients");
        assertEquals(2, count(problems, "<article class=\"patient\""));
        assertEquals(9, count(list, "<td><a href=\"#p-"), "assessed, invalid and failed rows");
    }

    @Test
    void theListIsMostUrgentFirstAndRecordsNotAssessedLast() {
        List<String> ids = ids(section("list"));
        assertEquals(List.of("P-001", "P-003", "W-2", "W-1", "-M1", "A-1", "P-002", "BAD-1", "F-1"), ids);
    }

    @Test
    void aCodeTheCatalogueLacksIsShownAsItIs() throws IOException {
        Advice unknown = ReportPanel.advice("MEDICATION-FUTURE-CODE", Indicator.CRITICAL, "6 months & 3 weeks");
        String h = render(List.of(ReportPanel.withAdvice("N-1", "Nan <Oak>", unknown)));
        assertTrue(h.contains("title=\"MEDICATION-FUTURE-CODE\">MEDICATION-FUTURE-CODE</a>"));
        assertTrue(h.contains("Why: 6 months &amp; 3 weeks"));
        assertTrue(h.contains("<span class=\"of\">of 1 assessed patient</span>"));
        assertTrue(h.contains("<h3>Out of scope: 0 records not assessed</h3>"));
        assertTrue(h.contains("None: every record was read and assessed."));
    }

    @Test
    void anEmptyReportIsStillAPage() throws IOException {
        String h = render(List.of());
        assertTrue(h.startsWith("<!DOCTYPE html>") && h.endsWith("</html>\n"));
        assertTrue(h.contains("<p class=\"meta\">0 records: 0 assessed"));
        assertTrue(h.contains("<span class=\"bar-num\">0 <small>(n/a)</small></span>"));
    }

    @Test
    void outOfScopeReasonsAreSortedIntoKinds() {
        assertEquals(OutOfScopeKind.UNDER_6, OutOfScopeKind.of("aged 4: the rules cover ages 6 and over"));
        assertEquals(OutOfScopeKind.AGE_UNKNOWN, OutOfScopeKind.of(
                "age unknown: the record has neither birthDate nor age, so no advice can be given"));
        assertEquals(OutOfScopeKind.DECEASED, OutOfScopeKind.of("died on 2026-01-10, aged 80: no advice is given"));
        assertEquals(OutOfScopeKind.DECEASED, OutOfScopeKind.of("deceased (date of death not recorded): no advice"));
        assertEquals(OutOfScopeKind.DECEASED, OutOfScopeKind.of("aged 3: the rules cover ages 6 and over; died on "
                + "2025-01-01, aged 3: no advice is given"), "death wins");
        assertEquals(OutOfScopeKind.OTHER, OutOfScopeKind.of("pregnant: not covered"));
    }

    static List<String> ids(String list) {
        Matcher m = Pattern.compile("<td><a href=\"#p-[^\"]*\">([^<]*)</a></td>").matcher(list);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
