package org.osteocds.internal.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.RuleProblem;

/**
 * The medicine tables of a ruleset (OpenCDS style: drug facts live in data, rules match concepts): names and codes
 * to bone-relevant classes and agents ({@code medication-classes.csv}), each class's policy
 * ({@code medication-review.csv}), bone treatments' products and coverage ({@code bone-treatments.csv}),
 * glucocorticoid equivalences ({@code glucocorticoid-equivalents.csv}), other medicines injected at intervals
 * ({@code depot-medicines.csv}) and routes ({@code routes.csv}).
 */
public final class Medicines {
    /** Medicine table: {@code system,code,class,agent,display}; system {@code name} matches a generic or brand name. */
    public static final String CLASSES_FILE = "terminology/medication-classes.csv";
    /** Class policy: {@code class,riskFactor,riskFactorMenOnly,reviewFromMonths,evidence}. */
    public static final String REVIEW_FILE = "terminology/medication-review.csv";
    /** Bone treatments: {@code agent,route,doseMg,product,coverageMonths,bisphosphonate,osteoporosisDenosumab}. */
    public static final String TREATMENTS_FILE = "terminology/bone-treatments.csv";
    /** Glucocorticoid equivalents: {@code name,factor}; an empty factor is no valid equivalence. */
    public static final String GLUCOCORTICOID_FILE = "terminology/glucocorticoid-equivalents.csv";
    /** Medicines injected at intervals: {@code agent,route,doseMg,product,coverageMonths}. */
    public static final String DEPOTS_FILE = "terminology/depot-medicines.csv";
    /** Routes: {@code route,systemic}. */
    public static final String ROUTES_FILE = "terminology/routes.csv";

    /** The classes of patient-record.md, and {@code none}: a medicine the tables know that is not bone-relevant. */
    public static final Set<String> CLASSES = Set.of("glucocorticoid", "aromatase-inhibitor", "androgen-deprivation",
            "antiepileptic", "proton-pump-inhibitor", "ssri", "thiazolidinedione", "heparin", "thyroid-hormone",
            "depot-medroxyprogesterone", "calcineurin-inhibitor", "loop-diuretic", "bone-treatment", "hormone-therapy",
            "none");

    /**
     * A medicine as the tables know it.
     *
     * @param medClass its class
     * @param agent    the medicine itself, whatever it was called (a bone treatment's in bone-treatments.csv, a
     *                 glucocorticoid's in glucocorticoid-equivalents.csv, a depot's in depot-medicines.csv), or
     *                 {@code null}
     * @param display  what the table calls it (for a medicine known only by its code), or {@code null}
     */
    public record Known(String medClass, String agent, String display) {
    }

    /**
     * What a class calls for.
     *
     * @param riskFactor        the risk-factor key a current use gives, or {@code null}
     * @param riskFactorMenOnly whether only men get it
     * @param reviewFromMonths  reviewed from this many months of current use (0: any); {@code null}: never
     * @param evidence          the ids of the sources its review cites
     */
    public record ClassPolicy(String riskFactor, boolean riskFactorMenOnly, Integer reviewFromMonths,
                              List<String> evidence) {
    }

    /**
     * What one dose of a medicine given at intervals is, and how long it covers.
     *
     * @param product        its name for rationales, e.g. "leuprolide depot 22.5 mg every 3 months"
     * @param coverageMonths calendar months one dose covers after it is given
     */
    public record Depot(String product, int coverageMonths) {
    }

    /**
     * A bone treatment's product.
     *
     * @param product               its name for rationales, e.g. "denosumab 60 mg every 6 months"
     * @param coverageMonths        calendar months one dose covers after it is given (0: only while taken)
     * @param bisphosphonate        whether it is a bisphosphonate
     * @param osteoporosisDenosumab whether it is denosumab 60 mg, whose late dose is an alert
     */
    public record Product(String product, int coverageMonths, boolean bisphosphonate, boolean osteoporosisDenosumab) {
    }

    private final Map<String, Known> byKey;          // "system|code" (names lower-cased) -> medicine
    private final List<Map.Entry<String, Known>> atc; // prefix -> medicine, longest first
    private final Map<String, ClassPolicy> policies;
    private final List<DosingRow> products;
    private final List<DosingRow> depots;
    private final Map<String, Double> factors;        // name -> factor; NaN: no valid equivalence
    private final Map<String, Boolean> routeSystemic;
    private final List<String> routesLongestFirst;
    /** Each route of {@link #routesLongestFirst} as whole words: lower-case words between single spaces. */
    private final List<String> routeWords;
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^a-z0-9]+");

    private Medicines(Map<String, Known> byKey, List<Map.Entry<String, Known>> atc, Map<String, ClassPolicy> policies,
                      List<DosingRow> products, List<DosingRow> depots, Map<String, Double> factors,
                      Map<String, Boolean> routes) {
        this.byKey = Map.copyOf(byKey);
        this.atc = List.copyOf(atc);
        this.policies = Map.copyOf(policies);
        this.products = List.copyOf(products);
        this.depots = List.copyOf(depots);
        this.factors = Map.copyOf(factors);
        this.routeSystemic = Map.copyOf(routes);
        this.routesLongestFirst = routes.keySet().stream()
                .sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b)).toList();
        this.routeWords = routesLongestFirst.stream().map(r -> " " + words(r) + " ").toList();
    }

    private static String words(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    /**
     * Reads and checks the tables; problems go to {@code problems} with file and line.
     *
     * @param files    the rules folder
     * @param problems where problems go
     * @param evidence the citation ids of content/evidence.yaml, which the class policies may cite
     * @return the tables
     */
    static Medicines load(RuleFiles files, List<RuleProblem> problems, Set<String> evidence) {
        Map<String, Known> byKey = new HashMap<>();
        List<Map.Entry<String, Known>> atc = new ArrayList<>();
        Map<String, Integer> agents = new HashMap<>();   // agent of a bone treatment or depot -> line
        Map<String, Integer> glucocorticoids = new HashMap<>();
        for (CSVRecord r : Tables.rows(files, CLASSES_FILE, List.of("system", "code", "class", "agent"), problems)) {
            String system = r.get("system");
            String code = r.get("code");
            String cls = r.get("class");
            int line = Tables.line(r);
            if (!CLASSES.contains(cls)) {
                problems.add(new RuleProblem(CLASSES_FILE, line, 1, "error",
                        "unknown medication class '" + cls + "'; the classes are " + Tables.sorted(CLASSES)));
                continue;
            }
            String agent = r.get("agent").isBlank() ? null : r.get("agent").strip();
            if (cls.equals("bone-treatment") && agent == null) {
                problems.add(new RuleProblem(CLASSES_FILE, line, 1, "error",
                        "a bone-treatment row names its agent (bone-treatments.csv)"));
            }
            if (agent != null) {
                (cls.equals("glucocorticoid") ? glucocorticoids : agents).putIfAbsent(agent, line);
            }
            String display = r.isMapped("display") && !r.get("display").isBlank() ? r.get("display").strip() : null;
            Known known = new Known(cls, agent, display);
            if (Tables.ATC.equals(system)) {
                String prefix = code.toUpperCase(Locale.ROOT).strip();
                if (atc.stream().anyMatch(a -> a.getKey().equals(prefix))) {
                    problems.add(new RuleProblem(CLASSES_FILE, line, 1, "warning",
                            "duplicate entry: ATC " + code + " is listed more than once"));
                }
                atc.add(Map.entry(prefix, known));
            } else {
                Known previous = byKey.put(Tables.key(system, code), known);
                if (previous != null) {
                    problems.add(new RuleProblem(CLASSES_FILE, line, 1, previous.equals(known) ? "warning" : "error",
                            (previous.equals(known) ? "duplicate entry: " : "conflicting entries: ") + system + " "
                                    + code + " is listed more than once"));
                }
            }
        }
        atc.sort((a, b) -> b.getKey().length() - a.getKey().length());
        Map<String, ClassPolicy> policies = new HashMap<>();
        for (CSVRecord r : Tables.rows(files, REVIEW_FILE,
                List.of("class", "riskFactor", "riskFactorMenOnly", "reviewFromMonths", "evidence"), problems)) {
            int line = Tables.line(r);
            String cls = r.get("class");
            List<String> ids = new ArrayList<>();
            for (String id : r.get("evidence").split(";")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                    if (!evidence.contains(id.strip())) {
                        problems.add(new RuleProblem(REVIEW_FILE, line, 1, "error", "evidence id '" + id.strip()
                                + "' is not in content/evidence.yaml"));
                    }
                }
            }
            try {
                policies.put(cls, new ClassPolicy(r.get("riskFactor").isBlank() ? null : r.get("riskFactor").strip(),
                        Boolean.parseBoolean(r.get("riskFactorMenOnly")), Tables.integer(r.get("reviewFromMonths")),
                        List.copyOf(ids)));
            } catch (NumberFormatException e) {
                problems.add(new RuleProblem(REVIEW_FILE, line, 1, "error", "reviewFromMonths must be a whole number"));
            }
            if (!CLASSES.contains(cls)) {
                problems.add(new RuleProblem(REVIEW_FILE, line, 1, "error", "unknown medication class '" + cls + "'"));
            }
        }
        for (String cls : CLASSES) {
            if (!policies.containsKey(cls)) {
                problems.add(new RuleProblem(REVIEW_FILE, 0, 1, "error", "class '" + cls + "' has no row"));
            }
        }
        List<DosingRow> products = DosingRow.read(files, TREATMENTS_FILE,
                List.of("bisphosphonate", "osteoporosisDenosumab"), problems);
        List<DosingRow> depots = DosingRow.read(files, DEPOTS_FILE, List.of(), problems);
        for (Map.Entry<String, Integer> a : agents.entrySet()) {
            String agent = a.getKey();
            if (Stream.concat(products.stream(), depots.stream())
                    .noneMatch(p -> p.agent().equals(agent) && p.route() == null && p.doseMg() == null)) {
                problems.add(new RuleProblem(CLASSES_FILE, a.getValue(), 1, "error", "agent '" + agent + "' has no "
                        + "row without route and dose (its default product) in " + TREATMENTS_FILE + " or "
                        + DEPOTS_FILE));
            }
        }
        Map<String, Double> factors = new HashMap<>();
        for (CSVRecord r : Tables.rows(files, GLUCOCORTICOID_FILE, List.of("name", "factor"), problems)) {
            try {
                factors.put(r.get("name").toLowerCase(Locale.ROOT).strip(),
                        r.get("factor").isBlank() ? Double.NaN : Double.valueOf(r.get("factor")));
            } catch (NumberFormatException e) {
                problems.add(new RuleProblem(GLUCOCORTICOID_FILE, Tables.line(r), 1, "error",
                        "factor must be a number or empty, not '" + r.get("factor") + "'"));
            }
        }
        Map<String, Boolean> routes = new HashMap<>();
        for (CSVRecord r : Tables.rows(files, ROUTES_FILE, List.of("route", "systemic"), problems)) {
            String v = r.get("systemic");
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(new RuleProblem(ROUTES_FILE, Tables.line(r), 1, "error",
                        "systemic must be true or false, not '" + v + "'"));
                continue;
            }
            routes.put(r.get("route").toLowerCase(Locale.ROOT), Boolean.valueOf(v));
        }
        for (Map.Entry<String, Integer> a : glucocorticoids.entrySet()) {
            if (!factors.containsKey(a.getKey())) {
                problems.add(new RuleProblem(CLASSES_FILE, a.getValue(), 1, "error", "glucocorticoid agent '"
                        + a.getKey() + "' is not in " + GLUCOCORTICOID_FILE));
            }
        }
        return new Medicines(byKey, atc, policies, products, depots, factors, routes);
    }

    /**
     * Finds a medicine by code (RxNorm exact, ATC longest prefix) and else by name: the whole name, or a word or a pair
     * of words of a description such as "1 ML tacrolimus 5 MG/ML Injection".
     *
     * @param name   the name, or {@code null}
     * @param system the code system, or {@code null}
     * @param code   the code, or {@code null}
     * @return what the tables know of it, or {@code null} when no row knows it
     */
    public Known find(String name, String system, String code) {
        if (system != null && code != null) {
            if (Tables.ATC.equals(system)) {
                String c = code.toUpperCase(Locale.ROOT).strip();
                for (Map.Entry<String, Known> p : atc) {
                    if (c.startsWith(p.getKey())) {
                        return p.getValue();
                    }
                }
            } else {
                Known k = byKey.get(Tables.key(system, code));
                if (k != null) {
                    return k;
                }
            }
        }
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT).strip();
        Known k = byKey.get(Tables.NAME + "|" + n);
        if (k != null) {
            return k;
        }
        String[] words = n.split("[^a-z0-9-]+");
        for (int i = 0; i < words.length; i++) {
            if (i + 1 < words.length) {
                k = byKey.get(Tables.NAME + "|" + words[i] + " " + words[i + 1]);
                if (k != null) {
                    return k;
                }
            }
            k = byKey.get(Tables.NAME + "|" + words[i]);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /**
     * @param medClass a class
     * @return its policy (every class has one once the tables load without errors)
     */
    public ClassPolicy policy(String medClass) {
        return policies.get(medClass);
    }

    /**
     * @param agent  a bone treatment's agent
     * @param route  the route as recorded, or {@code null}
     * @param doseMg the amount of one dose, or {@code null}
     * @return its product: the first row whose agent, route (when given) and dose (when given) match
     */
    public Product product(String agent, String route, Double doseMg) {
        return DosingRow.first(products, agent, route, doseMg);
    }

    /**
     * @param agent  a medicine injected at intervals (not a bone treatment)
     * @param route  the route as recorded, or {@code null}
     * @param doseMg the amount of one dose, or {@code null}
     * @return how long one dose covers, or {@code null} for a medicine not given at intervals
     */
    public Depot depot(String agent, String route, Double doseMg) {
        Product p = DosingRow.first(depots, agent, route, doseMg);
        return p == null ? null : new Depot(p.product(), p.coverageMonths());
    }


    /**
     * @param known       the glucocorticoid as the tables know it
     * @param description its name or description as recorded, or {@code null}
     * @return the factor to prednisone-equivalent mg of its agent, or else of the first glucocorticoid the description
     *         names; {@code NaN} for one without a valid equivalence; {@code null} when neither says which it is
     */
    public Double prednisoneFactor(Known known, String description) {
        if (known != null && known.agent() != null && factors.containsKey(known.agent())) {
            return factors.get(known.agent());
        }
        if (description == null) {
            return null;
        }
        for (String w : description.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            Double f = factors.get(w);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /**
     * @param route a route as recorded, or {@code null}
     * @return whether it is systemic; an unknown or missing route counts as systemic (the safe reading)
     */
    public boolean isSystemic(String route) {
        return route == null || routeSystemic.getOrDefault(route.toLowerCase(Locale.ROOT).strip(), true);
    }

    /**
     * Finds the route a medicine description implies ("... Oral Tablet" gives {@code oral tablet}).
     *
     * @param text a description
     * @return the longest route of the table found in it as whole words, or {@code null}
     */
    public String routeIn(String text) {
        if (text == null) {
            return null;
        }
        String t = " " + words(text) + " ";
        for (int i = 0; i < routeWords.size(); i++) {
            if (t.contains(routeWords.get(i))) {
                return routesLongestFirst.get(i);
            }
        }
        return null;
    }

    /** @return the evidence ids the class policies cite */
    public Set<String> citedEvidence() {
        Set<String> ids = new java.util.TreeSet<>();
        policies.values().forEach(p -> ids.addAll(p.evidence()));
        return ids;
    }

    /** @return the number of name and code entries (for reports) */
    public int entries() {
        return byKey.size() + atc.size();
    }
}
