package org.osteocds.io;

import static org.osteocds.io.ReportHtml.esc;
import static org.osteocds.io.ReportHtml.percent;
import static org.osteocds.io.ReportHtml.words;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.osteocds.io.ReportHtml.Bar;
import org.osteocds.model.Advice;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.Indicator;
import org.osteocds.model.RiskFactor;

/**
 * The counts behind the summary of the HTML panel report ({@link HtmlReportWriter}) and the summary itself: tiles,
 * five bar charts and the advice-by-group matrix, all as shares of the assessed patients, and the out-of-scope
 * records counted by kind. Holds counters only, plus the id of each out-of-scope record whose kind is listed.
 */
final class PanelSummary {
    private static final AgeGroup[] AGES = {AgeGroup.CHILD, AgeGroup.ADULT, AgeGroup.OLDER_ADULT};
    private static final BoneStatus[] BONES = {BoneStatus.NORMAL, BoneStatus.OSTEOPENIA, BoneStatus.OSTEOPOROSIS,
        BoneStatus.WITHIN_EXPECTED_FOR_AGE, BoneStatus.BELOW_EXPECTED_FOR_AGE, BoneStatus.UNKNOWN};

    private final UnaryOperator<String> label;
    private final Map<AssessmentStatus, Integer> byStatus = new EnumMap<>(AssessmentStatus.class);
    private final Map<Indicator, Integer> byTopIndicator = new EnumMap<>(Indicator.class);
    private final Map<String, Integer> byCode = new TreeMap<>();
    private final Map<String, Indicator> codeIndicator = new TreeMap<>();
    private final Map<String, Integer> byRiskFactor = new TreeMap<>();
    private final Map<AgeGroup, Integer> byAgeGroup = new EnumMap<>(AgeGroup.class);
    private final Map<BoneStatus, Integer> byBoneStatus = new EnumMap<>(BoneStatus.class);
    private final Map<String, int[]> codeByAgeGroup = new TreeMap<>();
    private final Map<String, int[]> codeByBoneStatus = new TreeMap<>();
    private final Map<OutOfScopeKind, Integer> outOfScope = new EnumMap<>(OutOfScopeKind.class);
    private final List<OutOfScopeRow> outOfScopeListed = new ArrayList<>();
    private int withoutAdvice;

    /** An out-of-scope record of a kind the report lists (the record may need fixing). */
    private record OutOfScopeRow(OutOfScopeKind kind, String id, String who, String reason) {
    }

    /** @param label an advice code's plain-language label */
    PanelSummary(UnaryOperator<String> label) {
        this.label = label;
    }

    /** Counts one assessment. */
    void add(Assessment a) {
        byStatus.merge(a.status(), 1, Integer::sum);
        if (a.status() == AssessmentStatus.ASSESSED) {
            addAssessed(a);
        } else if (a.status() == AssessmentStatus.OUT_OF_SCOPE) {
            OutOfScopeKind kind = OutOfScopeKind.of(a.reason());
            outOfScope.merge(kind, 1, Integer::sum);
            if (kind.listed()) {
                outOfScopeListed.add(new OutOfScopeRow(kind, a.patientId(), ReportHtml.who(a.patient()), a.reason()));
            }
        }
    }

    private void addAssessed(Assessment a) {
        if (a.advice().isEmpty()) {
            withoutAdvice++;
        } else {
            byTopIndicator.merge(a.advice().get(0).indicator(), 1, Integer::sum);
        }
        AgeGroup age = a.findings() == null ? null : a.findings().ageGroup();
        BoneStatus bone = boneStatus(a);
        if (age != null) {
            byAgeGroup.merge(age, 1, Integer::sum);
        }
        byBoneStatus.merge(bone, 1, Integer::sum);
        if (a.findings() != null) {
            for (RiskFactor r : a.findings().riskFactors()) {
                byRiskFactor.merge(r.key(), 1, Integer::sum);
            }
        }
        for (Advice ad : a.advice()) {
            byCode.merge(ad.code(), 1, Integer::sum);
            if (age != null) {
                codeByAgeGroup.computeIfAbsent(ad.code(), k -> new int[AgeGroup.values().length])[age.ordinal()]++;
            }
            codeByBoneStatus.computeIfAbsent(ad.code(), k -> new int[BoneStatus.values().length])[bone.ordinal()]++;
            codeIndicator.merge(ad.code(), ad.indicator(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
    }

    /** @return the assessment's bone status, {@code unknown} when it has no findings */
    static BoneStatus boneStatus(Assessment a) {
        return a.findings() == null ? BoneStatus.UNKNOWN : a.findings().boneStatus();
    }

    /** @return how many records had this status */
    int status(AssessmentStatus s) {
        return byStatus.getOrDefault(s, 0);
    }

    /** @return how many records were counted */
    int total() {
        return byStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    private int assessed() {
        return status(AssessmentStatus.ASSESSED);
    }

    private int top(Indicator i) {
        return byTopIndicator.getOrDefault(i, 0);
    }

    private String share(int n) {
        return percent(n, assessed()) + " of " + assessed() + " assessed";
    }

    /** Writes the tiles, the charts, the matrix and the out-of-scope counts. */
    void write(Writer out) throws IOException {
        int bad = status(AssessmentStatus.INVALID) + status(AssessmentStatus.FAILED);
        out.write("<div class=\"tiles\">\n");
        ReportHtml.tile(out, "assessed patients", assessed(), "", "", "#list");
        ReportHtml.tile(out, "with critical advice", top(Indicator.CRITICAL), "critical",
                share(top(Indicator.CRITICAL)), "#list");
        ReportHtml.tile(out, "with a warning (no critical)", top(Indicator.WARNING), "warning",
                share(top(Indicator.WARNING)), "#list");
        ReportHtml.tile(out, "with information only", top(Indicator.INFO), "info", share(top(Indicator.INFO)),
                "#list");
        ReportHtml.tile(out, "out of scope, not assessed", status(AssessmentStatus.OUT_OF_SCOPE), "", "",
                "#out-of-scope");
        ReportHtml.tile(out, "invalid or failed", bad, "bad", bad == 0 ? "" : "errors listed", "#problems");
        out.write("</div>\n<div class=\"charts\">\n");
        charts(out);
        out.write("</div>\n");
        matrix(out);
        outOfScope(out);
    }

    private void charts(Writer out) throws IOException {
        int of = assessed();
        List<Bar> codes = new ArrayList<>();
        for (String code : codesByCount()) {
            codes.add(new Bar(label.apply(code), code, byCode.get(code), codeIndicator.get(code).code()));
        }
        ReportHtml.chart(out, "Patients given each advice", " <span class=\"legend\"><span class=\"dot critical\">"
                + "</span>critical <span class=\"dot warning\"></span>warning <span class=\"dot info\"></span>info"
                + "</span>", codes, of);
        ReportHtml.chart(out, "Most urgent advice per patient", "", List.of(
                new Bar("critical", null, top(Indicator.CRITICAL), "critical"),
                new Bar("warning (no critical)", null, top(Indicator.WARNING), "warning"),
                new Bar("information only", null, top(Indicator.INFO), "info"),
                new Bar("no advice", null, withoutAdvice, "none")), of);
        List<Bar> ages = new ArrayList<>();
        for (AgeGroup g : AGES) {
            ages.add(new Bar(ageLabel(g), g.code(), byAgeGroup.getOrDefault(g, 0), "plain"));
        }
        ReportHtml.chart(out, "Age groups", "", ages, of);
        List<Bar> bones = new ArrayList<>();
        for (BoneStatus b : BONES) {
            bones.add(new Bar(b == BoneStatus.UNKNOWN ? "not known" : b.code(), b.code(),
                    byBoneStatus.getOrDefault(b, 0), b == BoneStatus.OSTEOPOROSIS ? "critical"
                    : b == BoneStatus.OSTEOPENIA || b == BoneStatus.BELOW_EXPECTED_FOR_AGE ? "warning" : "plain"));
        }
        ReportHtml.chart(out, "Bone status", "", bones, of);
        List<Bar> rfs = new ArrayList<>();
        byRiskFactor.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> rfs.add(new Bar(words(e.getKey()), e.getKey(), e.getValue(), "plain")));
        ReportHtml.chart(out, "Fracture risk factors", "", rfs, of);
    }

    /** @return the codes given, most often given first */
    private List<String> codesByCount() {
        return byCode.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    private static String ageLabel(AgeGroup g) {
        return switch (g) {
            case UNDER_6 -> "under 6";
            case CHILD -> "children (6-17)";
            case ADULT -> "adults (18-64)";
            case OLDER_ADULT -> "older adults (65+)";
        };
    }

    /** Advice by age group and by bone status: the share of each group given each advice, shaded by that share. */
    private void matrix(Writer out) throws IOException {
        out.write("<figure class=\"matrix\"><figcaption>Share of each group given each advice <span class=\"of\">"
                + "(assessed patients)</span></figcaption>\n<div class=\"scroll\"><table><thead><tr><th>advice</th>");
        for (AgeGroup g : AGES) {
            out.write("<th>" + esc(ageLabel(g)) + "<br><small>n=" + byAgeGroup.getOrDefault(g, 0) + "</small></th>");
        }
        for (BoneStatus b : BONES) {
            out.write("<th>" + esc(b.code()) + "<br><small>n=" + byBoneStatus.getOrDefault(b, 0) + "</small></th>");
        }
        out.write("</tr></thead>\n<tbody>\n");
        for (String code : codesByCount()) {
            out.write("<tr><td><span class=\"dot " + codeIndicator.get(code).code() + "\"></span><span title=\""
                    + esc(code) + "\">" + esc(label.apply(code)) + "</span></td>");
            int[] byAge = codeByAgeGroup.getOrDefault(code, new int[AgeGroup.values().length]);
            for (AgeGroup g : AGES) {
                cell(out, byAge[g.ordinal()], byAgeGroup.getOrDefault(g, 0));
            }
            int[] byBone = codeByBoneStatus.getOrDefault(code, new int[BoneStatus.values().length]);
            for (BoneStatus b : BONES) {
                cell(out, byBone[b.ordinal()], byBoneStatus.getOrDefault(b, 0));
            }
            out.write("</tr>\n");
        }
        out.write("</tbody></table></div></figure>\n");
    }

    private static void cell(Writer out, int count, int of) throws IOException {
        double share = of == 0 ? 0 : count / (double) of;
        out.write(String.format(Locale.ROOT, "<td class=\"m\" style=\"background:rgba(31,95,168,%.2f)%s\" "
                + "title=\"%d of %d\">%s</td>", share * 0.85, share > 0.5 ? ";color:#fff" : "", count, of,
                of == 0 || count == 0 ? "" : percent(count, of)));
    }

    /** The out-of-scope records, counted by kind; only the kinds that may need the record fixed are listed. */
    private void outOfScope(Writer out) throws IOException {
        int n = status(AssessmentStatus.OUT_OF_SCOPE);
        out.write("<div class=\"oos\" id=\"out-of-scope\"><h3>Out of scope: " + n + " record" + (n == 1 ? "" : "s")
                + " not assessed</h3>\n");
        if (n == 0) {
            out.write("<p class=\"none\">None.</p></div>\n");
            return;
        }
        out.write("<p class=\"none\">Outside what the rules judge, so no advice is given; counted here and not listed "
                + "as patients.</p>\n<table><tbody>\n");
        for (OutOfScopeKind k : OutOfScopeKind.values()) {
            int c = outOfScope.getOrDefault(k, 0);
            if (c > 0) {
                out.write("<tr><td>" + esc(k.label()) + "</td><td class=\"n\">" + c + "</td><td class=\"note\">"
                        + esc(k.note()) + "</td></tr>\n");
            }
        }
        out.write("</tbody></table>\n");
        for (OutOfScopeKind k : OutOfScopeKind.values()) {
            List<OutOfScopeRow> listed = outOfScopeListed.stream().filter(r -> r.kind() == k).toList();
            if (listed.isEmpty()) {
                continue;
            }
            out.write("<details><summary>The " + listed.size() + " record" + (listed.size() == 1 ? "" : "s")
                    + " out of scope for " + esc(k.label()) + "</summary><ul>\n");
            for (OutOfScopeRow r : listed) {
                out.write("<li><b>" + esc(r.id()) + "</b>" + (r.who().isEmpty() ? "" : " " + esc(r.who())) + ": "
                        + esc(r.reason()) + "</li>\n");
            }
            out.write("</ul></details>\n");
        }
        out.write("</div>\n");
    }
}
