package org.osteocds.internal.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osteocds.model.Advice;
import org.osteocds.model.Category;
import org.osteocds.model.Evidence;
import org.osteocds.model.Indicator;
import org.osteocds.model.RuleProblem;

/**
 * The advice catalogue of a ruleset: for each code its category, default indicator, summary, detail and evidence,
 * read from {@code content/advice.yaml} and {@code content/evidence.yaml} beside the rules. The codes listed there
 * are the closed list a rule may emit.
 */
public final class Catalogue {
    /** The advice texts file, relative to the rules folder. */
    public static final String ADVICE_FILE = "content/advice.yaml";
    /** The citations file, relative to the rules folder. */
    public static final String EVIDENCE_FILE = "content/evidence.yaml";

    /** The YAML reader of the rules' files (also reads ruleset.yaml). */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The texts of one advice code.
     *
     * @param code      the code
     * @param label     a few plain words naming it, for reports and worklists
     * @param category  its category
     * @param indicator its default indicator
     * @param summary   patient-facing one-liner
     * @param clinicianSummary clinician-facing one-liner (CDS Hooks cards)
     * @param detail    clinician-facing detail
     * @param evidence  the citations
     * @param evidenceIds the citation ids as written in the file
     * @param suggestions actions a clinician can accept from a card
     */
    public record Entry(String code, String label, Category category, Indicator indicator, String summary,
                        String clinicianSummary, String detail, List<Evidence> evidence, List<String> evidenceIds,
                        List<Suggestion> suggestions) {
    }

    /**
     * An action a clinician can accept from a card: a request (a FHIR ServiceRequest) for a coded service.
     *
     * @param label   what the clinician sees, for example "Order a DXA bone density scan"
     * @param request the service requested
     */
    public record Suggestion(@JsonProperty(required = true) String label,
                             @JsonProperty(required = true) Coded request) {
    }

    /**
     * A coded service.
     *
     * @param system  its code system URI
     * @param code    its code
     * @param display the code's display
     * @param text    a plainer description for the request, or {@code null}
     */
    public record Coded(@JsonProperty(required = true) String system, @JsonProperty(required = true) String code,
                        @JsonProperty(required = true) String display, String text) {
    }

    /** The longest label allowed: a few words, for report tables and worklists. */
    public static final int MAX_LABEL_LENGTH = 50;

    record EntryYaml(@JsonProperty(required = true) String label,
                     @JsonProperty(required = true) String category,
                     @JsonProperty(required = true) String indicator,
                     @JsonProperty(required = true) String summary,
                     @JsonProperty(required = true) String clinicianSummary,
                     @JsonProperty(required = true) String detail,
                     @JsonProperty(required = true) List<String> evidence,
                     List<Suggestion> suggestions) {
    }

    record EvidenceYaml(@JsonProperty(required = true) String citation,
                        @JsonProperty(required = true) String url,
                        @JsonProperty(required = true) String certainty,
                        String note,
                        List<String> unverifiedClaims) {
    }

    /** The certainty words a citation may use. */
    public static final List<String> CERTAINTIES = List.of("high", "moderate", "low", "mixed", "guideline", "consensus");

    private final Map<String, Entry> entries;
    private final Map<String, Evidence> evidence;

    private Catalogue(Map<String, Entry> entries, Map<String, Evidence> evidence) {
        this.entries = Collections.unmodifiableMap(entries);
        this.evidence = Collections.unmodifiableMap(evidence);
    }

    /**
     * Reads and checks the catalogue; every problem is added to {@code problems} with its file and line.
     *
     * @param files    the rules folder
     * @param problems where problems go
     * @return the catalogue (possibly incomplete when there were errors)
     */
    public static Catalogue load(RuleFiles files, List<RuleProblem> problems) {
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        Map<String, EvidenceYaml> rawEvidence = read(files, EVIDENCE_FILE, new TypeReference<>() { }, problems);
        for (Map.Entry<String, EvidenceYaml> e : rawEvidence.entrySet()) {
            EvidenceYaml y = e.getValue();
            if (!CERTAINTIES.contains(y.certainty())) {
                problems.add(error(files, EVIDENCE_FILE, e.getKey(), "certainty '" + y.certainty()
                        + "' is not one of " + CERTAINTIES));
            }
            evidence.put(e.getKey(), new Evidence(y.citation(), y.url(), y.certainty()));
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, EntryYaml> rawAdvice = read(files, ADVICE_FILE, new TypeReference<>() { }, problems);
        for (Map.Entry<String, EntryYaml> e : rawAdvice.entrySet()) {
            String code = e.getKey();
            EntryYaml y = e.getValue();
            Category category = null;
            Indicator indicator = null;
            try {
                category = Category.valueOf(y.category());
            } catch (IllegalArgumentException ex) {
                problems.add(error(files, ADVICE_FILE, code, "unknown category '" + y.category() + "'"));
            }
            try {
                indicator = Indicator.fromCode(y.indicator());
            } catch (IllegalArgumentException ex) {
                problems.add(error(files, ADVICE_FILE, code, "unknown indicator '" + y.indicator() + "'"));
            }
            if (y.label().isBlank() || y.label().length() > MAX_LABEL_LENGTH) {
                problems.add(error(files, ADVICE_FILE, code, "label must be 1 to " + MAX_LABEL_LENGTH
                        + " characters"));
            }
            if (y.summary().length() > Advice.MAX_SUMMARY_LENGTH) {
                problems.add(error(files, ADVICE_FILE, code, "summary is " + y.summary().length()
                        + " characters; at most " + Advice.MAX_SUMMARY_LENGTH + " are allowed"));
            }
            if (y.clinicianSummary().length() > Advice.MAX_SUMMARY_LENGTH) {
                problems.add(error(files, ADVICE_FILE, code, "clinicianSummary is " + y.clinicianSummary().length()
                        + " characters; at most " + Advice.MAX_SUMMARY_LENGTH + " are allowed"));
            }
            List<Evidence> cited = new ArrayList<>();
            for (String id : y.evidence()) {
                Evidence ev = evidence.get(id);
                if (ev == null) {
                    problems.add(error(files, ADVICE_FILE, code, "evidence id '" + id + "' is not in "
                            + EVIDENCE_FILE));
                } else {
                    cited.add(ev);
                }
            }
            if (y.evidence().isEmpty()) {
                problems.add(error(files, ADVICE_FILE, code, "advice needs at least one evidence id"));
            }
            entries.put(code, new Entry(code, y.label().strip(), category, indicator, y.summary().strip(),
                    y.clinicianSummary().strip(), y.detail().strip(), List.copyOf(cited), List.copyOf(y.evidence()),
                    y.suggestions() == null ? List.of() : List.copyOf(y.suggestions())));
        }
        for (Map.Entry<String, EvidenceYaml> e : rawEvidence.entrySet()) {
            if (e.getValue().unverifiedClaims() != null) {
                Hedging.check(e.getKey(), e.getValue().unverifiedClaims(), entries.values(),
                        (code, message) -> problems.add(error(files, ADVICE_FILE, code, message)));
            }
        }
        for (String id : evidence.keySet()) {
            boolean used = entries.values().stream().anyMatch(en -> en.evidenceIds().contains(id));
            if (!used) {
                problems.add(new RuleProblem(EVIDENCE_FILE, lineOf(files, EVIDENCE_FILE, id), 1, "warning",
                        "evidence '" + id + "' is not cited by any advice"));
            }
        }
        return new Catalogue(entries, evidence);
    }

    private static <T> Map<String, T> read(RuleFiles files, String path, TypeReference<Map<String, T>> type,
                                           List<RuleProblem> problems) {
        String text = files.text(path);
        if (text == null) {
            problems.add(new RuleProblem(path, 0, 0, "error", "file is missing"));
            return Map.of();
        }
        try {
            Map<String, T> map = YAML.readValue(text, type);
            return map == null ? Map.of() : map;
        } catch (JsonMappingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            problems.add(new RuleProblem(path, line, col, "error", e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new RuleProblem(path, 0, 0, "error", e.getMessage()));
        }
        return Map.of();
    }

    private static RuleProblem error(RuleFiles files, String path, String key, String message) {
        return new RuleProblem(path, lineOf(files, path, key), 1, "error", key + ": " + message);
    }

    /** The 1-based line where a top-level YAML key starts, or 0. */
    public static int lineOf(RuleFiles files, String path, String key) {
        String text = files.text(path);
        if (text == null) {
            return 0;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * @param code an advice code
     * @return its entry, or {@code null} when the code is not in the catalogue
     */
    public Entry entry(String code) {
        return entries.get(code);
    }

    /** @return every code, in file order */
    public List<String> codes() {
        return List.copyOf(entries.keySet());
    }

    /** @return every entry, in file order */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** @return the citations by id */
    public Map<String, Evidence> evidence() {
        return evidence;
    }
}
