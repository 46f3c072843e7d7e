package org.osteocds.authoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.RiskFactor;

/**
 * What a rule change does to a panel: the same records assessed before and after, compared per advice code (how
 * many patients gain or lose it, with examples), per bone status, risk factor, data gap and status. For rule
 * authors, to read before a release (docs/rule-authoring.md). Memory holds only counts and the first examples, so
 * panels of any size stream through.
 */
public final class Impact {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the comparison reads of one assessment.
     *
     * @param patientId   the record's id
     * @param status      its status code ({@code assessed}, {@code invalid}...)
     * @param ruleset     the ruleset, as {@code id version (sha256 abcdef012345)}
     * @param boneStatus  the bone status code, or {@code null} without findings
     * @param riskFactors risk-factor keys
     * @param advice      rationale by advice code
     * @param gaps        data-gap fields
     */
    public record Outcome(String patientId, String status, String ruleset, String boneStatus, Set<String> riskFactors,
                          Map<String, String> advice, Set<String> gaps) {

        /**
         * @param a an assessment
         * @return what the comparison reads of it
         */
        public static Outcome of(Assessment a) {
            Map<String, String> advice = new TreeMap<>();
            for (Advice x : a.advice()) {
                advice.put(x.code(), x.rationale());
            }
            Set<String> rf = new TreeSet<>();
            String bone = null;
            if (a.findings() != null) {
                a.findings().riskFactors().stream().map(RiskFactor::key).forEach(rf::add);
                bone = a.findings().boneStatus() == null ? null : a.findings().boneStatus().code();
            }
            Set<String> gaps = new TreeSet<>();
            a.dataGaps().stream().map(DataGap::field).forEach(gaps::add);
            return new Outcome(a.patientId(), a.status().code(), a.ruleset().id() + " " + a.ruleset().version()
                    + " (sha256 " + a.ruleset().sha256().substring(0, 12) + ")", bone, rf, advice, gaps);
        }

        /**
         * @param n an assessment as the JSON output contract writes it (by this or an earlier release)
         * @return what the comparison reads of it
         * @throws IllegalArgumentException when it is not an assessment
         */
        public static Outcome of(JsonNode n) {
            if (!n.path("patientId").isTextual() || !n.path("status").isTextual()) {
                throw new IllegalArgumentException("not an assessment (no patientId and status): "
                        + abbreviate(n.toString()));
            }
            Map<String, String> advice = new TreeMap<>();
            n.path("advice").forEach(x -> advice.put(x.path("code").asText(), x.path("rationale").asText()));
            Set<String> rf = new TreeSet<>();
            n.path("findings").path("riskFactors").forEach(x -> rf.add(x.path("key").asText()));
            Set<String> gaps = new TreeSet<>();
            n.path("dataGaps").forEach(x -> gaps.add(x.path("field").asText()));
            JsonNode bone = n.path("findings").path("boneStatus");
            JsonNode rs = n.path("ruleset");
            String sha = rs.path("sha256").asText();
            return new Outcome(n.get("patientId").asText(), n.get("status").asText(), rs.path("id").asText() + " "
                    + rs.path("version").asText() + " (sha256 " + sha.substring(0, Math.min(12, sha.length())) + ")",
                    bone.isTextual() ? bone.asText() : null, rf, advice, gaps);
        }
    }

    /**
     * Reads assessments written as a JSON array, NDJSON or one object, one at a time.
     *
     * @param in the text (closed when the iterator is exhausted or fails)
     * @return the outcomes in file order
     * @throws IOException when the text is not JSON
     */
    public static Iterator<Outcome> read(Reader in) throws IOException {
        JsonParser p = JSON.getFactory().createParser(in);
        JsonToken first = p.nextToken();
        boolean array = first == JsonToken.START_ARRAY;
        return new Iterator<>() {
            JsonToken next = array ? p.nextToken() : first;

            @Override
            public boolean hasNext() {
                return next == JsonToken.START_OBJECT;
            }

            @Override
            public Outcome next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    JsonNode n = JSON.readTree(p);
                    next = p.nextToken();
                    if (next != JsonToken.START_OBJECT) {
                        p.close();
                    }
                    return Outcome.of(n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private final int examples;
    private final Map<String, Change> advice = new TreeMap<>();
    private final Map<String, Change> riskFactors = new TreeMap<>();
    private final Map<String, Change> gaps = new TreeMap<>();
    private final Map<String, Integer> statusBefore = new TreeMap<>();
    private final Map<String, Integer> statusAfter = new TreeMap<>();
    private final Map<String, Change> boneStatus = new TreeMap<>();
    private final Map<String, Change> statusChanges = new TreeMap<>();
    private final Set<String> rulesetsBefore = new TreeSet<>();
    private final Set<String> rulesetsAfter = new TreeSet<>();
    private long records;
    private long adviceChanged;

    /** @param examples how many example patients to keep per change */
    public Impact(int examples) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples must not be negative");
        }
        this.examples = examples;
    }

    /** Patients with and without something, before and after, and the first examples of each change. */
    private final class Change {
        long before;
        long after;
        long gained;
        long lost;
        final List<String> gainedExamples = new ArrayList<>();
        final List<String> lostExamples = new ArrayList<>();

        void add(boolean had, boolean has, String id, String lostWhy, String gainedWhy) {
            before += had ? 1 : 0;
            after += has ? 1 : 0;
            if (had && !has) {
                lost++;
                if (lostExamples.size() < examples) {
                    lostExamples.add(example(id, lostWhy == null ? null : "before, " + lostWhy));
                }
            } else if (has && !had) {
                gained++;
                if (gainedExamples.size() < examples) {
                    gainedExamples.add(example(id, gainedWhy));
                }
            }
        }

        private String example(String id, String why) {
            return why == null || why.isEmpty() ? "`" + id + "`" : "`" + id + "`: " + why;
        }
    }

    /**
     * Adds one record, assessed before and after.
     *
     * @param before its assessment by the earlier rules
     * @param after  its assessment by the later rules
     * @throws IllegalArgumentException when they are not of the same record
     */
    public void add(Outcome before, Outcome after) {
        if (!before.patientId().equals(after.patientId())) {
            throw new IllegalArgumentException("record " + (records + 1) + " is " + before.patientId()
                    + " before but " + after.patientId() + " after: were both assessed from the same input?");
        }
        records++;
        String id = after.patientId();
        rulesetsBefore.add(before.ruleset());
        rulesetsAfter.add(after.ruleset());
        statusBefore.merge(before.status(), 1, Integer::sum);
        statusAfter.merge(after.status(), 1, Integer::sum);
        if (!before.status().equals(after.status())) {
            statusChanges.computeIfAbsent(before.status() + " → " + after.status(), k -> new Change())
                    .add(false, true, id, null, null);
        }
        if (!before.advice().keySet().equals(after.advice().keySet())) {
            adviceChanged++;
        }
        for (String code : union(before.advice().keySet(), after.advice().keySet())) {
            advice.computeIfAbsent(code, k -> new Change()).add(before.advice().containsKey(code),
                    after.advice().containsKey(code), id, before.advice().get(code), after.advice().get(code));
        }
        for (String key : union(before.riskFactors(), after.riskFactors())) {
            riskFactors.computeIfAbsent(key, k -> new Change()).add(before.riskFactors().contains(key),
                    after.riskFactors().contains(key), id, null, null);
        }
        for (String field : union(before.gaps(), after.gaps())) {
            gaps.computeIfAbsent(field, k -> new Change()).add(before.gaps().contains(field),
                    after.gaps().contains(field), id, null, null);
        }
        if (before.boneStatus() != null && after.boneStatus() != null
                && !before.boneStatus().equals(after.boneStatus())) {
            boneStatus.computeIfAbsent(before.boneStatus() + " → " + after.boneStatus(), k -> new Change())
                    .add(false, true, id, null, null);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** @return records compared */
    public long records() {
        return records;
    }

    /**
     * @param code an advice code
     * @return {before, after, gained, lost} patients for the code (zeros when no record had it)
     */
    public long[] adviceCounts(String code) {
        Change c = advice.get(code);
        return c == null ? new long[4] : new long[] {c.before, c.after, c.gained, c.lost};
    }

    /**
     * Writes the report as Markdown.
     *
     * @param out   where it goes (flushed, not closed)
     * @param about what was compared, one line each (the panel, the date, where the earlier results came from)
     */
    public void writeMarkdown(Writer out, List<String> about) {
        PrintWriter w = new PrintWriter(out);
        w.println("# Impact of a rule change");
        w.println();
        w.println("- before: " + String.join(", ", rulesetsBefore));
        w.println("- after: " + String.join(", ", rulesetsAfter));
        about.forEach(line -> w.println("- " + line));
        w.printf(Locale.ROOT, "- %,d records; advice changed for %,d (%s)%n", records, adviceChanged,
                percent(adviceChanged));
        w.println();
        w.println("## Status");
        w.println();
        w.println("| status | before | after |");
        w.println("|---|---:|---:|");
        for (String s : union(statusBefore.keySet(), statusAfter.keySet())) {
            w.printf(Locale.ROOT, "| %s | %,d | %,d |%n", s, statusBefore.getOrDefault(s, 0),
                    statusAfter.getOrDefault(s, 0));
        }
        changeList(w, statusChanges, "Status changes");
        w.println();
        w.println("## Advice by code");
        w.println();
        w.println("Patients with each code before and after, and how many gained or lost it.");
        table(w, "code", advice);
        w.println();
        w.println("## Examples by code");
        w.println();
        w.println("The first patients to gain or lose each code: a gain with its new rationale, a loss with the one it "
                + "had before.");
        for (Map.Entry<String, Change> e : advice.entrySet()) {
            Change c = e.getValue();
            if (c.gained + c.lost == 0) {
                continue;
            }
            w.println();
            w.printf(Locale.ROOT, "### %s (gained %,d, lost %,d)%n", e.getKey(), c.gained, c.lost);
            w.println();
            c.gainedExamples.forEach(x -> w.println("- gained " + x));
            c.lostExamples.forEach(x -> w.println("- lost " + x));
        }
        changeList(w, boneStatus, "Bone status changes");
        w.println();
        w.println("## Risk factors");
        table(w, "key", riskFactors);
        w.println();
        w.println("## Data gaps");
        table(w, "field", gaps);
        w.flush();
    }

    private void table(PrintWriter w, String what, Map<String, Change> changes) {
        w.println();
        w.println("| " + what + " | before | after | gained | lost |");
        w.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, Change> e : changes.entrySet()) {
            Change c = e.getValue();
            w.printf(Locale.ROOT, "| `%s` | %,d | %,d | %s | %s |%n", e.getKey(), c.before, c.after,
                    c.gained == 0 ? "" : String.format(Locale.ROOT, "+%,d", c.gained),
                    c.lost == 0 ? "" : String.format(Locale.ROOT, "-%,d", c.lost));
        }
    }

    private void changeList(PrintWriter w, Map<String, Change> changes, String title) {
        w.println();
        w.println("## " + title);
        w.println();
        if (changes.isEmpty()) {
            w.println("None.");
            return;
        }
        w.println("| change | patients | for example |");
        w.println("|---|---:|---|");
        Map<String, Change> byCount = new LinkedHashMap<>();
        changes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().gained, a.getValue().gained))
                .forEach(e -> byCount.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, Change> e : byCount.entrySet()) {
            w.printf(Locale.ROOT, "| %s | %,d | %s |%n", e.getKey(), e.getValue().gained,
                    String.join(", ", e.getValue().gainedExamples));
        }
    }

    private String percent(long n) {
        return records == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / records);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
