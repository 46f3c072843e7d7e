package org.osteocds.io;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.Indicator;

/**
 * Clinic worklists: one CSV file a spreadsheet opens as it is (UTF-8 with a byte-order mark, CRLF line ends, a header
 * row), with one line per (action, patient). A patient is on an action's list when their assessment gives one of the
 * action's advice codes:
 *
 * <table>
 * <caption>Actions and the advice codes behind them ({@link #ACTIONS})</caption>
 * <tr><th>action</th><th>advice codes</th></tr>
 * <tr><td>DXA due</td><td>{@code SCREENING-BONE-DENSITY-TEST}</td></tr>
 * <tr><td>Referral</td><td>{@code REFERRAL-OSTEOPOROSIS-EVALUATION},
 *     {@code REFERRAL-LOW-BONE-DENSITY-FOR-AGE}</td></tr>
 * <tr><td>Glucocorticoid assessment</td><td>{@code MEDICATION-GLUCOCORTICOID-ASSESSMENT}</td></tr>
 * <tr><td>Medication review</td><td>{@code MEDICATION-BONE-REVIEW}</td></tr>
 * <tr><td>Denosumab delayed</td><td>{@code MEDICATION-DENOSUMAB-DELAYED}</td></tr>
 * </table>
 *
 * <p>Codes are matched as strings, so a code a ruleset does not (yet) emit simply puts no one on its list. The columns
 * are {@link #HEADER}: {@code reason} is the rationale of the advice that puts the patient on the list (the
 * rationales joined by {@code "; "} when two of the action's codes apply, on one line), {@code indicator} the most
 * urgent of them. Lines are grouped by action in the order above, and within an action critical first, then by
 * patient id, then in input order; so lines are buffered (a few short strings each) and written at {@link #close()}.
 * Only {@code assessed} records carry advice: out-of-scope (including deceased), invalid and failed records are on
 * no list.
 *
 * <p>A cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
 * apostrophe, so a spreadsheet shows it as text and never runs it as a formula (CSV injection); line breaks inside a
 * cell become spaces.
 */
public final class WorklistWriter implements AssessmentWriter {
    /** Each action, in list order, and the advice codes that put a patient on it. */
    public static final Map<String, List<String>> ACTIONS = actions();

    /** The header row. */
    public static final List<String> HEADER = List.of("action", "patientId", "name", "age", "sex", "reason",
            "indicator", "rulesetVersion");

    private static String cell(String s) {
        return SpreadsheetCells.safe(s);
    }

    private static final String BOM = "\uFEFF";

    private final Writer out;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> actionNames = List.copyOf(ACTIONS.keySet());

    /** One line of a worklist; {@code action} is the index into {@link #ACTIONS}, {@code seq} the input order. */
    private record Line(int action, Indicator indicator, String patientId, long seq, String name, Integer age,
                        String sex, String reason, String rulesetVersion) {
    }

    private static final Comparator<Line> ORDER = Comparator.comparingInt(Line::action)
            .thenComparing(Line::indicator).thenComparing(Line::patientId).thenComparingLong(Line::seq);

    private static Map<String, List<String>> actions() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("DXA due", List.of("SCREENING-BONE-DENSITY-TEST"));
        m.put("Referral", List.of("REFERRAL-OSTEOPOROSIS-EVALUATION", "REFERRAL-LOW-BONE-DENSITY-FOR-AGE"));
        m.put("Glucocorticoid assessment", List.of("MEDICATION-GLUCOCORTICOID-ASSESSMENT"));
        m.put("Medication review", List.of("MEDICATION-BONE-REVIEW"));
        m.put("Denosumab delayed", List.of("MEDICATION-DENOSUMAB-DELAYED"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param out where the CSV goes, as UTF-8 (the byte-order mark is written as U+FEFF); not closed by this sink
     */
    public WorklistWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(Assessment a) {
        if (a.status() != AssessmentStatus.ASSESSED || a.advice().isEmpty()) {
            return;
        }
        int action = 0;
        for (List<String> codes : ACTIONS.values()) {
            Indicator indicator = null;
            List<String> reasons = new ArrayList<>(2);
            // advice is most urgent first, so the first match carries the line's indicator
            for (Advice ad : a.advice()) {
                if (codes.contains(ad.code())) {
                    indicator = indicator == null ? ad.indicator() : indicator;
                    reasons.add(ad.rationale());
                }
            }
            if (indicator != null) {
                lines.add(new Line(action, indicator, a.patientId(), lines.size(), a.patient().name(),
                        a.patient().age(), a.patient().sex() == null ? null : a.patient().sex().code(),
                        String.join("; ", reasons), a.ruleset().version()));
            }
            action++;
        }
    }

    /** Writes the byte-order mark, the header and every line, grouped and ordered; then flushes. */
    @Override
    public void close() throws IOException {
        lines.sort(ORDER);
        out.write(BOM);
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n")
                .setAutoFlush(false).get());
        printer.printRecord(HEADER);
        for (Line l : lines) {
            printer.printRecord(cell(actionNames.get(l.action())), cell(l.patientId()), cell(l.name()),
                    l.age() == null ? "" : cell(l.age().toString()), cell(l.sex()), cell(l.reason()),
                    cell(l.indicator().code()), cell(l.rulesetVersion()));
        }
        printer.flush();
        lines.clear();
    }
}
