package org.osteocds.internal.knowledge;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.RuleProblem;

/**
 * The terminology tables of a ruleset (OpenCDS style: codes live in data, rules match concepts):
 * medicine names and codes to bone-relevant classes, condition codes to condition keys, and routes to
 * systemic or not. Read from {@code terminology/*.csv} beside the rules.
 */
public final class Terminology {
    /** Medicine table: {@code system,code,class,display}; system {@code name} matches a generic or brand name. */
    public static final String MEDICATIONS_FILE = "terminology/medication-classes.csv";
    /** Condition table: {@code system,code,key,display}. */
    public static final String CONDITIONS_FILE = "terminology/condition-codes.csv";
    /** Route table: {@code route,systemic}. */
    public static final String ROUTES_FILE = "terminology/routes.csv";
    /** FHIR codes to record fields: {@code kind,system,code,field,value,display}. */
    public static final String FHIR_FILE = "terminology/fhir-codes.csv";
    /** Fracture sites: {@code site,fragilityFromAge,flag,flagFromAge}. */
    public static final String FRACTURE_SITES_FILE = "terminology/fracture-sites.csv";

    /**
     * What a fracture at one site means.
     *
     * @param fragilityFromAge from this age at onset it is a fragility fracture; {@code null}: never
     * @param flag             the record flag it also sets ({@code hipFracture}, {@code vertebralFracture}), or null
     * @param flagFromAge      from this age at onset the flag is set
     */
    public record FractureSite(Integer fragilityFromAge, String flag, Integer flagFromAge) {
    }

    /** Glucocorticoid equivalents: {@code name,factor} (mg x factor = prednisone-equivalent mg). */
    public static final String GLUCOCORTICOID_FILE = "terminology/glucocorticoid-equivalents.csv";
    /** The record fields the FHIR reader fills from observation and flag rows; a row naming another is unused. */
    public static final Set<String> FHIR_FIELDS = Set.of("tScore", "tScoreLumbarSpine", "tScoreFemoralNeck",
            "serum25OHDNgPerMl", "alcoholDrinksPerDay", "bmi", "heightCm", "weightKg", "moderateActivityMinutesPerWeek",
            "activityMinutesPerDay", "strengthDaysPerWeek", "smoking", "fallsLast12Months", "parentalHipFracture",
            "postmenopausal", "lastDxaDate", "fracture", "laterality");
    /** The kinds of row in the FHIR table. */
    public static final Set<String> FHIR_KINDS = Set.of("observation", "smoking", "flag", "dxa", "fracture",
            "oophorectomy", "laterality");

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

    /** RxNorm. */
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** WHO ATC; codes match by prefix (a class code covers its members). */
    public static final String ATC = "http://www.whocc.no/atc";
    /** The pseudo-system for plain names. */
    public static final String NAME = "name";

    /** The bone-relevant medication classes of the input contract. */
    public static final Set<String> MEDICATION_CLASSES = Set.of("glucocorticoid", "aromatase-inhibitor",
            "androgen-deprivation", "antiepileptic", "proton-pump-inhibitor", "ssri", "thiazolidinedione", "heparin",
            "thyroid-hormone", "depot-medroxyprogesterone", "calcineurin-inhibitor", "loop-diuretic",
            "bone-treatment");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private final Map<String, String> medicationClass;   // "system|code" (names lower-cased) -> class
    private final List<String[]> atcPrefixes;             // {prefix, class}, longest first
    private final Map<String, String> conditionKey;       // "system|code" -> key
    private final List<String[]> conditionPrefixes;       // {"system|prefix", key}, longest first
    private final Map<String, Boolean> routeSystemic;     // route -> systemic
    private final List<String> routesLongestFirst;
    private final Map<String, FhirCode> fhirCodes;         // "kind|system|code" -> row
    private final Map<String, Double> prednisoneFactor;    // glucocorticoid name -> factor
    private final Map<String, FractureSite> fractureSites; // site -> meaning

    private Terminology(Map<String, String> medicationClass, List<String[]> atcPrefixes,
                        Map<String, String> conditionKey, List<String[]> conditionPrefixes,
                        Map<String, Boolean> routeSystemic, Map<String, FhirCode> fhirCodes,
                        Map<String, Double> prednisoneFactor, Map<String, FractureSite> fractureSites) {
        this.medicationClass = Collections.unmodifiableMap(medicationClass);
        this.atcPrefixes = List.copyOf(atcPrefixes);
        this.conditionKey = Collections.unmodifiableMap(conditionKey);
        this.conditionPrefixes = List.copyOf(conditionPrefixes);
        this.routeSystemic = Collections.unmodifiableMap(routeSystemic);
        this.routesLongestFirst = routeSystemic.keySet().stream()
                .sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b)).toList();
        this.fhirCodes = Collections.unmodifiableMap(fhirCodes);
        this.prednisoneFactor = Collections.unmodifiableMap(prednisoneFactor);
        this.fractureSites = Collections.unmodifiableMap(fractureSites);
    }

    /**
     * Reads and checks the tables; problems go to {@code problems} with file and line.
     *
     * @param files    the rules folder
     * @param problems where problems go
     * @return the tables
     */
    public static Terminology load(RuleFiles files, List<RuleProblem> problems) {
        Map<String, String> meds = new HashMap<>();
        List<String[]> atc = new ArrayList<>();
        for (CSVRecord r : rows(files, MEDICATIONS_FILE, List.of("system", "code", "class"), problems)) {
            String system = r.get("system");
            String code = r.get("code");
            String cls = r.get("class");
            int line = (int) r.getParser().getCurrentLineNumber();
            if (!MEDICATION_CLASSES.contains(cls)) {
                problems.add(new RuleProblem(MEDICATIONS_FILE, line, 1, "error",
                        "unknown medication class '" + cls + "'; the classes are " + sorted(MEDICATION_CLASSES)));
                continue;
            }
            if (ATC.equals(system)) {
                String prefix = code.toUpperCase(Locale.ROOT);
                if (atc.stream().anyMatch(a -> a[0].equals(prefix))) {
                    problems.add(new RuleProblem(MEDICATIONS_FILE, line, 1, "warning",
                            "duplicate entry: ATC " + code + " is listed more than once"));
                }
                atc.add(new String[] {prefix, cls});
            } else {
                String key = key(system, code);
                String previous = meds.put(key, cls);
                if (previous != null && !previous.equals(cls)) {
                    problems.add(new RuleProblem(MEDICATIONS_FILE, line, 1, "error",
                            system + " " + code + " is mapped to both " + previous + " and " + cls));
                } else if (previous != null) {
                    problems.add(new RuleProblem(MEDICATIONS_FILE, line, 1, "warning",
                            "duplicate entry: " + system + " " + code + " is listed more than once"));
                }
            }
        }
        atc.sort((a, b) -> b[0].length() - a[0].length());
        Map<String, String> conditions = new HashMap<>();
        List<String[]> conditionPrefixes = new ArrayList<>();
        for (CSVRecord r : rows(files, CONDITIONS_FILE, List.of("system", "code", "key"), problems)) {
            String key = r.get("key");
            int line = (int) r.getParser().getCurrentLineNumber();
            if (!ConditionEntry.KEYS.contains(key)) {
                problems.add(new RuleProblem(CONDITIONS_FILE, line, 1, "error",
                        "unknown condition key '" + key + "'"
                                + org.osteocds.model.RecordError.didYouMean(key, ConditionEntry.KEYS)));
                continue;
            }
            String code = r.get("code");
            if (code.endsWith("*")) {
                conditionPrefixes.add(new String[] {key(r.get("system"), code.substring(0, code.length() - 1)), key});
            } else if (conditions.put(key(r.get("system"), code), key) != null) {
                problems.add(new RuleProblem(CONDITIONS_FILE, line, 1, "warning",
                        "duplicate entry: " + r.get("system") + " " + code + " is listed more than once"));
            }
        }
        conditionPrefixes.sort((a, b) -> b[0].length() - a[0].length());
        Map<String, Boolean> routes = new HashMap<>();
        for (CSVRecord r : rows(files, ROUTES_FILE, List.of("route", "systemic"), problems)) {
            String v = r.get("systemic");
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(new RuleProblem(ROUTES_FILE, (int) r.getParser().getCurrentLineNumber(), 1, "error",
                        "systemic must be true or false, not '" + v + "'"));
                continue;
            }
            routes.put(r.get("route").toLowerCase(Locale.ROOT), Boolean.valueOf(v));
        }
        Map<String, FhirCode> fhir = new HashMap<>();
        for (CSVRecord r : rows(files, FHIR_FILE, List.of("kind", "system", "code", "field", "value"), problems)) {
            String kind = r.get("kind");
            int line = (int) r.getParser().getCurrentLineNumber();
            if (!FHIR_KINDS.contains(kind)) {
                problems.add(new RuleProblem(FHIR_FILE, line, 1, "error", "unknown kind '" + kind + "'; the kinds are "
                        + sorted(FHIR_KINDS)));
                continue;
            }
            String display = r.isMapped("display") ? r.get("display") : "";
            if (!FHIR_FIELDS.contains(r.get("field"))) {
                problems.add(new RuleProblem(FHIR_FILE, line, 1, "warning", "nothing uses field '" + r.get("field")
                        + "'; the FHIR reader fills " + sorted(FHIR_FIELDS)));
            }
            if (fhir.put(kind + "|" + key(r.get("system"), r.get("code")),
                    new FhirCode(kind, r.get("field"), r.get("value"), display)) != null) {
                problems.add(new RuleProblem(FHIR_FILE, line, 1, "warning",
                        "duplicate entry: " + kind + " " + r.get("system") + " " + r.get("code")));
            }
        }
        Map<String, Double> factors = new HashMap<>();
        for (CSVRecord r : rows(files, GLUCOCORTICOID_FILE, List.of("name", "factor"), problems)) {
            try {
                factors.put(r.get("name").toLowerCase(Locale.ROOT), Double.valueOf(r.get("factor")));
            } catch (NumberFormatException e) {
                problems.add(new RuleProblem(GLUCOCORTICOID_FILE, (int) r.getParser().getCurrentLineNumber(), 1,
                        "error", "factor must be a number, not '" + r.get("factor") + "'"));
            }
        }
        Map<String, FractureSite> sites = new HashMap<>();
        for (CSVRecord r : rows(files, FRACTURE_SITES_FILE, List.of("site", "fragilityFromAge", "flag", "flagFromAge"),
                problems)) {
            try {
                sites.put(r.get("site"), new FractureSite(age(r.get("fragilityFromAge")),
                        r.get("flag").isBlank() ? null : r.get("flag"), age(r.get("flagFromAge"))));
            } catch (NumberFormatException e) {
                problems.add(new RuleProblem(FRACTURE_SITES_FILE, (int) r.getParser().getCurrentLineNumber(), 1,
                        "error", "ages must be whole numbers or empty"));
            }
        }
        for (Map.Entry<String, FhirCode> e : fhir.entrySet()) {
            if (e.getValue().kind().equals("fracture") && !sites.containsKey(e.getValue().value())) {
                problems.add(new RuleProblem(FHIR_FILE, 0, 1, "error", "fracture site '" + e.getValue().value()
                        + "' of " + e.getKey() + " is not in " + FRACTURE_SITES_FILE));
            }
        }
        return new Terminology(meds, atc, conditions, conditionPrefixes, routes, fhir, factors, sites);
    }

    private static Integer age(String text) {
        return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
    }

    /**
     * @param site a fracture site of the FHIR table
     * @return what a fracture there means, or {@code null} for an unknown site
     */
    public FractureSite fractureSite(String site) {
        return fractureSites.get(site);
    }

    private static List<CSVRecord> rows(RuleFiles files, String path, List<String> columns,
                                        List<RuleProblem> problems) {
        String text = files.text(path);
        if (text == null) {
            problems.add(new RuleProblem(path, 0, 0, "error", "file is missing"));
            return List.of();
        }
        try (var parser = FORMAT.parse(new StringReader(text))) {
            for (String c : columns) {
                if (!parser.getHeaderMap().containsKey(c)) {
                    problems.add(new RuleProblem(path, 1, 1, "error", "missing column '" + c + "'"));
                    return List.of();
                }
            }
            return parser.getRecords();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new RuleProblem(path, 0, 0, "error", String.valueOf(e.getMessage())));
            return List.of();
        }
    }

    private static String sorted(Set<String> s) {
        return s.stream().sorted().toList().toString();
    }

    private static String key(String system, String code) {
        String c = NAME.equals(system) ? code.toLowerCase(Locale.ROOT).strip() : code.strip();
        return system.strip() + "|" + c;
    }

    /**
     * Maps a medicine to its bone-relevant class: by code (RxNorm exact, ATC longest prefix) and else by name.
     *
     * @param name   the name, or {@code null}
     * @param system the code system, or {@code null}
     * @param code   the code, or {@code null}
     * @return the class, or {@code null} when it has none (or is not in the tables)
     */
    public String medicationClass(String name, String system, String code) {
        if (system != null && code != null) {
            if (ATC.equals(system)) {
                String c = code.toUpperCase(Locale.ROOT).strip();
                for (String[] p : atcPrefixes) {
                    if (c.startsWith(p[0])) {
                        return p[1];
                    }
                }
            } else {
                String cls = medicationClass.get(key(system, code));
                if (cls != null) {
                    return cls;
                }
            }
        }
        if (name != null) {
            String n = name.toLowerCase(Locale.ROOT).strip();
            String cls = medicationClass.get(NAME + "|" + n);
            if (cls != null) {
                return cls;
            }
            // a description such as "1 ML tacrolimus 5 MG/ML Injection": try each word, and each pair of words
            String[] words = n.split("[^a-z0-9-]+");
            for (int i = 0; i < words.length; i++) {
                if (i + 1 < words.length) {
                    cls = medicationClass.get(NAME + "|" + words[i] + " " + words[i + 1]);
                    if (cls != null) {
                        return cls;
                    }
                }
                cls = medicationClass.get(NAME + "|" + words[i]);
                if (cls != null) {
                    return cls;
                }
            }
        }
        return null;
    }

    /**
     * Finds the route a medicine description implies, from the routes table ("... Oral Tablet" gives
     * {@code oral tablet}, "... Metered Dose Inhaler" gives {@code metered dose inhaler}).
     *
     * @param text a description
     * @return the longest route of the table found in it as whole words, or {@code null}
     */
    public String routeIn(String text) {
        if (text == null) {
            return null;
        }
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (String r : routesLongestFirst) {
            if (t.contains(" " + r.replaceAll("[^a-z0-9]+", " ") + " ")) {
                return r;
            }
        }
        return null;
    }

    /**
     * @param description a glucocorticoid's name or description
     * @return the factor to prednisone-equivalent mg for the first glucocorticoid named in it, or {@code null}
     */
    public Double prednisoneFactor(String description) {
        if (description == null) {
            return null;
        }
        for (String w : description.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            Double f = prednisoneFactor.get(w);
            if (f != null) {
                return f;
            }
        }
        return null;
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
        return fhirCodes.get(kind + "|" + key(system, code));
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
        String k = key(system, code);
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

    /**
     * @param route a route as recorded, or {@code null}
     * @return whether it is systemic; an unknown or missing route counts as systemic (the safe reading)
     */
    public boolean isSystemic(String route) {
        if (route == null) {
            return true;
        }
        return routeSystemic.getOrDefault(route.toLowerCase(Locale.ROOT).strip(), true);
    }

    /** @return the number of name and code entries for medicines (for reports) */
    public int medicationEntries() {
        return medicationClass.size() + atcPrefixes.size();
    }

    /** @return the number of condition code entries (for reports) */
    public int conditionEntries() {
        return conditionKey.size() + conditionPrefixes.size();
    }
}
