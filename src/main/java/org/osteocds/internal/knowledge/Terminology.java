package org.osteocds.internal.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.RecordError;
import org.osteocds.model.RuleProblem;

/**
 * The terminology tables of a ruleset (OpenCDS style: codes live in data, rules match concepts): condition codes to
 * condition keys, FHIR codes to record fields, fracture sites, and the medicine tables ({@link Medicines}). Read from
 * {@code terminology/*.csv} beside the rules.
 */
public final class Terminology {
    /** Condition table: {@code system,code,key,display}. */
    public static final String CONDITIONS_FILE = "terminology/condition-codes.csv";
    /** FHIR codes to record fields: {@code kind,system,code,field,value,display}. */
    public static final String FHIR_FILE = "terminology/fhir-codes.csv";
    /** Fracture sites: {@code site,fragilityFromAge,flag,flagFromAge,recordSite}. */
    public static final String FRACTURE_SITES_FILE = "terminology/fracture-sites.csv";
    /** RxNorm. */
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** WHO ATC; codes match by prefix (a class code covers its members). */
    public static final String ATC = Tables.ATC;

    /** The record fields the FHIR reader fills from observation and flag rows; a row naming another is unused. */
    public static final Set<String> FHIR_FIELDS = Set.of("tScore", "tScoreLumbarSpine", "tScoreFemoralNeck", "zScore",
            "fraxMajorPercent", "fraxHipPercent", "serum25OHDNgPerMl", "alcoholDrinksPerDay", "bmi", "heightCm",
            "weightKg", "moderateActivityMinutesPerWeek", "activityMinutesPerDay", "strengthDaysPerWeek", "smoking",
            "fallsLast12Months", "parentalHipFracture", "postmenopausal", "lastDxaDate", "fracture", "laterality");
    /** The kinds of row in the FHIR table. */
    public static final Set<String> FHIR_KINDS = Set.of("observation", "smoking", "flag", "dxa", "fracture",
            "oophorectomy", "laterality");

    /**
     * What a fracture at one site means.
     *
     * @param fragilityFromAge from this age at onset it is a fragility fracture; {@code null}: never
     * @param flag             the record flag it also sets ({@code hipFracture}, {@code vertebralFracture}), or null
     * @param flagFromAge      from this age at onset the flag is set
     * @param recordSite       the record's fracture site a fragility fracture here adds, or {@code null}
     */
    public record FractureMeaning(Integer fragilityFromAge, String flag, Integer flagFromAge, FractureSite recordSite) {
    }

    /**
     * One row of the FHIR table.
     *
     * @param kind    observation, smoking, flag, dxa or fracture
     * @param field   the record field it fills
     * @param value   the value it stands for, where the kind has one
     * @param display what the code means
     */
    public record FhirCode(String kind, String field, String value, String display) {
    }

    private final Map<String, String> conditionKey;       // "system|code" -> key
    private final List<String[]> conditionPrefixes;       // {"system|prefix", key}, longest first
    private final Map<String, FhirCode> fhirCodes;         // "kind|system|code" -> row
    private final Map<String, FractureMeaning> fractureSites;
    private final Medicines medicines;

    private Terminology(Map<String, String> conditionKey, List<String[]> conditionPrefixes,
                        Map<String, FhirCode> fhirCodes, Map<String, FractureMeaning> fractureSites,
                        Medicines medicines) {
        this.conditionKey = Map.copyOf(conditionKey);
        this.conditionPrefixes = List.copyOf(conditionPrefixes);
        this.fhirCodes = Map.copyOf(fhirCodes);
        this.fractureSites = Map.copyOf(fractureSites);
        this.medicines = medicines;
    }

    /**
     * Reads and checks the tables; problems go to {@code problems} with file and line.
     *
     * @param files    the rules folder
     * @param problems where problems go
     * @param evidence the citation ids of content/evidence.yaml, which tables may cite
     * @return the tables
     */
    public static Terminology load(RuleFiles files, List<RuleProblem> problems, Set<String> evidence) {
        Map<String, String> conditions = new HashMap<>();
        List<String[]> conditionPrefixes = new ArrayList<>();
        for (CSVRecord r : Tables.rows(files, CONDITIONS_FILE, List.of("system", "code", "key"), problems)) {
            String key = r.get("key");
            int line = Tables.line(r);
            if (!ConditionEntry.KEYS.contains(key)) {
                problems.add(new RuleProblem(CONDITIONS_FILE, line, 1, "error", "unknown condition key '" + key + "'"
                        + RecordError.didYouMean(key, ConditionEntry.KEYS)));
                continue;
            }
            String code = r.get("code");
            if (code.endsWith("*")) {
                conditionPrefixes.add(new String[] {Tables.key(r.get("system"), code.substring(0, code.length() - 1)),
                    key});
            } else if (conditions.put(Tables.key(r.get("system"), code), key) != null) {
                problems.add(new RuleProblem(CONDITIONS_FILE, line, 1, "warning",
                        "duplicate entry: " + r.get("system") + " " + code + " is listed more than once"));
            }
        }
        conditionPrefixes.sort((a, b) -> b[0].length() - a[0].length());
        Map<String, FhirCode> fhir = new HashMap<>();
        for (CSVRecord r : Tables.rows(files, FHIR_FILE, List.of("kind", "system", "code", "field", "value"),
                problems)) {
            String kind = r.get("kind");
            int line = Tables.line(r);
            if (!FHIR_KINDS.contains(kind)) {
                problems.add(new RuleProblem(FHIR_FILE, line, 1, "error", "unknown kind '" + kind
                        + "'; the kinds are " + Tables.sorted(FHIR_KINDS)));
                continue;
            }
            String display = r.isMapped("display") ? r.get("display") : "";
            if (!FHIR_FIELDS.contains(r.get("field"))) {
                problems.add(new RuleProblem(FHIR_FILE, line, 1, "warning", "nothing uses field '" + r.get("field")
                        + "'; the FHIR reader fills " + Tables.sorted(FHIR_FIELDS)));
            }
            if (fhir.put(kind + "|" + Tables.key(r.get("system"), r.get("code")),
                    new FhirCode(kind, r.get("field"), r.get("value"), display)) != null) {
                problems.add(new RuleProblem(FHIR_FILE, line, 1, "warning",
                        "duplicate entry: " + kind + " " + r.get("system") + " " + r.get("code")));
            }
        }
        Map<String, FractureMeaning> sites = new HashMap<>();
        for (CSVRecord r : Tables.rows(files, FRACTURE_SITES_FILE,
                List.of("site", "fragilityFromAge", "flag", "flagFromAge", "recordSite"), problems)) {
            try {
                sites.put(r.get("site"), new FractureMeaning(Tables.integer(r.get("fragilityFromAge")),
                        r.get("flag").isBlank() ? null : r.get("flag"), Tables.integer(r.get("flagFromAge")),
                        r.get("recordSite").isBlank() ? null : FractureSite.fromCode(r.get("recordSite").strip())));
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(FRACTURE_SITES_FILE, Tables.line(r), 1, "error",
                        "ages must be whole numbers or empty, and recordSite a fracture site of the record: "
                                + e.getMessage()));
            }
        }
        for (Map.Entry<String, FhirCode> e : fhir.entrySet()) {
            if (e.getValue().kind().equals("fracture") && !sites.containsKey(e.getValue().value())) {
                problems.add(new RuleProblem(FHIR_FILE, 0, 1, "error", "fracture site '" + e.getValue().value()
                        + "' of " + e.getKey() + " is not in " + FRACTURE_SITES_FILE));
            }
        }
        return new Terminology(conditions, conditionPrefixes, fhir, sites, Medicines.load(files, problems, evidence));
    }

    /** @return the medicine tables */
    public Medicines medicines() {
        return medicines;
    }

    /**
     * @param site a fracture site of the FHIR table
     * @return what a fracture there means, or {@code null} for an unknown site
     */
    public FractureMeaning fractureSite(String site) {
        return fractureSites.get(site);
    }

    /**
     * @param kind   a kind of the FHIR table
     * @param system a code system
     * @param code   a code
     * @return the row, or {@code null}
     */
    public FhirCode fhirCode(String kind, String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        return fhirCodes.get(kind + "|" + Tables.key(system, code));
    }

    /**
     * @param kind a kind of the FHIR table ({@code observation}, {@code flag}, {@code dxa}...)
     * @return its codes as {@code system|code}, sorted
     */
    public List<String> fhirCodes(String kind) {
        String prefix = kind + "|";
        return fhirCodes.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                .sorted().toList();
    }

    /**
     * @param system a code system
     * @param code   a code
     * @return the condition key it maps to, or {@code null}
     */
    public String conditionKey(String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        String k = Tables.key(system, code);
        String exact = conditionKey.get(k);
        if (exact != null) {
            return exact;
        }
        for (String[] p : conditionPrefixes) {
            if (k.startsWith(p[0])) {
                return p[1];
            }
        }
        return null;
    }

    /** @return the number of condition code entries (for reports) */
    public int conditionEntries() {
        return conditionKey.size() + conditionPrefixes.size();
    }
}
