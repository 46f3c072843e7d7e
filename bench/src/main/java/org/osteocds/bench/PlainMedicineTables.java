package org.osteocds.bench;

import static org.osteocds.bench.PlainEvaluator.ATC;
import static org.osteocds.bench.PlainEvaluator.RXNORM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The medicine tables of the plain-Java evaluation, written out from osteo-cds's terminology: the subset's medicine
 * classes by name, RxNorm code and ATC prefix (medication-classes.csv), prednisone-equivalent factors, routes
 * (routes.csv), and the months one dose covers (depot-medicines.csv, bone-treatments.csv). A class is given with its
 * agent as {@code class|agent} (the agent may be empty).
 */
final class PlainMedicineTables {
    /** Medicines of the subset's classes: names, RxNorm codes, ATC prefixes to class|agent (medication-classes.csv). */
    private static final Map<String, String> MED_NAMES = new HashMap<>();
    private static final Map<String, String> MED_RXNORM = new HashMap<>();
    private static final Map<String, String> MED_ATC = new LinkedHashMap<>();
    static final Map<String, Double> PREDNISONE_FACTOR = new HashMap<>();
    static final Set<String> NON_SYSTEMIC = Set.of("inhaled", "inhalation", "respiratory (inhalation)",
            "nasal", "intranasal", "topical", "cutaneous", "transdermal", "ophthalmic", "otic", "intra-articular",
            "rectal", "vaginal", "inhaler", "inhalation suspension", "inhalation solution", "metered dose inhaler",
            "dry powder inhaler", "nasal spray", "mucosal spray");
    private static final List<String> ROUTES_LONGEST_FIRST;

    static {
        for (String n : List.of("prednisone", "deltasone", "rayos")) MED_NAMES.put(n, "glucocorticoid|prednisone");
        for (String n : List.of("prednisolone", "orapred", "millipred")) MED_NAMES.put(n, "glucocorticoid|prednisolone");
        for (String n : List.of("methylprednisolone", "medrol", "solu-medrol")) MED_NAMES.put(n, "glucocorticoid|methylprednisolone");
        for (String n : List.of("dexamethasone", "decadron")) MED_NAMES.put(n, "glucocorticoid|dexamethasone");
        for (String n : List.of("hydrocortisone", "cortef")) MED_NAMES.put(n, "glucocorticoid|hydrocortisone");
        MED_NAMES.put("cortisone", "glucocorticoid|cortisone");
        for (String n : List.of("betamethasone", "celestone")) MED_NAMES.put(n, "glucocorticoid|betamethasone");
        MED_NAMES.put("triamcinolone", "glucocorticoid|triamcinolone");
        for (String n : List.of("deflazacort", "emflaza")) MED_NAMES.put(n, "glucocorticoid|deflazacort");
        for (String n : List.of("budesonide", "entocort", "uceris")) MED_NAMES.put(n, "glucocorticoid|budesonide");
        for (String n : List.of("anastrozole", "arimidex", "letrozole", "femara", "exemestane", "aromasin")) {
            MED_NAMES.put(n, "aromatase-inhibitor|");
        }
        for (String n : List.of("leuprolide", "leuprorelin", "lupron", "eligard")) MED_NAMES.put(n, "androgen-deprivation|leuprolide");
        for (String n : List.of("goserelin", "zoladex")) MED_NAMES.put(n, "androgen-deprivation|goserelin");
        for (String n : List.of("triptorelin", "trelstar")) MED_NAMES.put(n, "androgen-deprivation|triptorelin");
        for (String n : List.of("degarelix", "firmagon")) MED_NAMES.put(n, "androgen-deprivation|degarelix");
        for (String n : List.of("relugolix", "orgovyx")) MED_NAMES.put(n, "androgen-deprivation|");
        for (String n : List.of("alendronate", "alendronic acid", "alendronic", "fosamax")) MED_NAMES.put(n, "bone-treatment|alendronate");
        for (String n : List.of("risedronate", "actonel", "atelvia")) MED_NAMES.put(n, "bone-treatment|risedronate");
        for (String n : List.of("ibandronate", "boniva")) MED_NAMES.put(n, "bone-treatment|ibandronate");
        for (String n : List.of("zoledronic acid", "zoledronic")) MED_NAMES.put(n, "bone-treatment|zoledronic-acid");
        for (String n : List.of("reclast", "aclasta")) MED_NAMES.put(n, "bone-treatment|zoledronic-acid-5");
        MED_NAMES.put("zometa", "bone-treatment|zoledronic-acid-4");
        MED_NAMES.put("denosumab", "bone-treatment|denosumab");
        MED_NAMES.put("prolia", "bone-treatment|denosumab-60");
        MED_NAMES.put("xgeva", "bone-treatment|denosumab-120");
        for (String n : List.of("teriparatide", "forteo")) MED_NAMES.put(n, "bone-treatment|teriparatide");
        for (String n : List.of("abaloparatide", "tymlos")) MED_NAMES.put(n, "bone-treatment|abaloparatide");
        for (String n : List.of("romosozumab", "evenity")) MED_NAMES.put(n, "bone-treatment|romosozumab");
        for (String n : List.of("raloxifene", "evista")) MED_NAMES.put(n, "bone-treatment|raloxifene");
        // the other classes matter only in that a name of theirs is found first; "none" stands for all of them
        for (String n : List.of("phenytoin", "carbamazepine", "omeprazole", "pantoprazole", "sertraline",
                "citalopram", "levothyroxine", "furosemide", "estradiol", "metformin", "atorvastatin", "fluticasone",
                "tamoxifen", "cholecalciferol", "calcium")) {
            MED_NAMES.put(n, "none|");
        }
        MED_RXNORM.put("8640", "glucocorticoid|prednisone");
        MED_RXNORM.put("8638", "glucocorticoid|prednisolone");
        MED_RXNORM.put("6902", "glucocorticoid|methylprednisolone");
        MED_RXNORM.put("3264", "glucocorticoid|dexamethasone");
        MED_RXNORM.put("5492", "glucocorticoid|hydrocortisone");
        MED_RXNORM.put("197579", "glucocorticoid|dexamethasone");
        MED_RXNORM.put("199224", "aromatase-inhibitor|");
        MED_RXNORM.put("904419", "bone-treatment|alendronate");
        MED_RXNORM.put("46041", "bone-treatment|alendronate");
        MED_RXNORM.put("904421", "bone-treatment|alendronate");
        for (String c : List.of("7646", "40790", "17128", "4493", "36437", "10582", "4603", "1000126", "108515",
                "1664463")) {
            MED_RXNORM.put(c, "none|");
        }
        // ATC: the longest prefix first (the table's order gives the same answers for these)
        MED_ATC.put("H02AB01", "glucocorticoid|betamethasone");
        MED_ATC.put("H02AB02", "glucocorticoid|dexamethasone");
        MED_ATC.put("H02AB04", "glucocorticoid|methylprednisolone");
        MED_ATC.put("H02AB06", "glucocorticoid|prednisolone");
        MED_ATC.put("H02AB07", "glucocorticoid|prednisone");
        MED_ATC.put("H02AB08", "glucocorticoid|triamcinolone");
        MED_ATC.put("H02AB09", "glucocorticoid|hydrocortisone");
        MED_ATC.put("H02AB10", "glucocorticoid|cortisone");
        MED_ATC.put("H02AB13", "glucocorticoid|deflazacort");
        MED_ATC.put("H02AB", "glucocorticoid|");
        MED_ATC.put("L02BG", "aromatase-inhibitor|");
        MED_ATC.put("L02AE02", "androgen-deprivation|leuprolide");
        MED_ATC.put("L02AE03", "androgen-deprivation|goserelin");
        MED_ATC.put("L02AE04", "androgen-deprivation|triptorelin");
        MED_ATC.put("L02AE", "androgen-deprivation|");
        MED_ATC.put("L02BX02", "androgen-deprivation|degarelix");
        MED_ATC.put("M05BA04", "bone-treatment|alendronate");
        MED_ATC.put("M05BA07", "bone-treatment|risedronate");
        MED_ATC.put("M05BA06", "bone-treatment|ibandronate");
        MED_ATC.put("M05BA08", "bone-treatment|zoledronic-acid");
        MED_ATC.put("M05BA", "bone-treatment|bisphosphonate");
        MED_ATC.put("M05BB", "bone-treatment|bisphosphonate");
        MED_ATC.put("M05BX04", "bone-treatment|denosumab");
        MED_ATC.put("M05BX06", "bone-treatment|romosozumab");
        MED_ATC.put("H05AA02", "bone-treatment|teriparatide");
        MED_ATC.put("H05AA05", "bone-treatment|abaloparatide");
        MED_ATC.put("G03XC01", "bone-treatment|raloxifene");
        PREDNISONE_FACTOR.putAll(Map.of("prednisone", 1.0, "prednisolone", 1.0, "methylprednisolone", 1.25,
                "triamcinolone", 1.25, "hydrocortisone", 0.25, "cortisone", 0.2, "dexamethasone", 6.667,
                "betamethasone", 8.333, "deflazacort", 0.833));
        List<String> routes = new ArrayList<>(NON_SYSTEMIC);
        routes.addAll(List.of("oral", "by mouth", "intravenous", "iv", "intramuscular", "im", "subcutaneous",
                "injection", "systemic", "oral tablet", "oral capsule", "oral solution"));
        routes.sort((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
        ROUTES_LONGEST_FIRST = List.copyOf(routes);
    }

    private PlainMedicineTables() {
    }

    /**
     * @param name   a medicine's name or text (may be null)
     * @param system a coding's system (may be null)
     * @param code   the coding's code (may be null)
     * @return class|agent of the code, else of the first known name in the text; "none|" for a known medicine of
     *         another class; null when unknown
     */
    static String find(String name, String system, String code) {
        if (system != null && code != null) {
            if (ATC.equals(system)) {
                String c = code.toUpperCase(Locale.ROOT).strip();
                String best = null;
                int len = -1;
                for (Map.Entry<String, String> e : MED_ATC.entrySet()) {
                    if (c.startsWith(e.getKey()) && e.getKey().length() > len) {
                        best = e.getValue();
                        len = e.getKey().length();
                    }
                }
                if (best != null) {
                    return best;
                }
            } else if (RXNORM.equals(system) && MED_RXNORM.containsKey(code)) {
                return MED_RXNORM.get(code);
            }
        }
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT).strip();
        if (MED_NAMES.containsKey(n)) {
            return MED_NAMES.get(n);
        }
        String[] words = n.split("[^a-z0-9-]+");
        for (int i = 0; i < words.length; i++) {
            if (i + 1 < words.length && MED_NAMES.containsKey(words[i] + " " + words[i + 1])) {
                return MED_NAMES.get(words[i] + " " + words[i + 1]);
            }
            if (MED_NAMES.containsKey(words[i])) {
                return MED_NAMES.get(words[i]);
            }
        }
        return null;
    }

    /** @return the prednisone-equivalent factor of the first glucocorticoid named in a description, or null */
    static Double factorIn(String description) {
        if (description == null) {
            return null;
        }
        for (String w : description.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (PREDNISONE_FACTOR.containsKey(w)) {
                return PREDNISONE_FACTOR.get(w);
            }
        }
        return null;
    }

    /** @return the first route (the longest first) named in a text, or null */
    static String routeIn(String text) {
        if (text == null) {
            return null;
        }
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (String r : ROUTES_LONGEST_FIRST) {
            if (t.contains(" " + r.replaceAll("[^a-z0-9]+", " ") + " ")) {
                return r;
            }
        }
        return null;
    }

    /** depot-medicines.csv, the androgen-deprivation agents: months one dose covers. */
    static Integer depotCoverage(String agent, Double doseMg) {
        double d = doseMg == null ? -1 : doseMg;
        return switch (agent) {
            case "leuprolide" -> d == 7.5 ? 2 : d == 22.5 ? 4 : d == 30 ? 5 : d == 45 ? 7 : 7;
            case "goserelin" -> d == 3.6 ? 2 : d == 10.8 ? 4 : 4;
            case "triptorelin" -> d == 3.75 ? 2 : d == 11.25 ? 4 : d == 22.5 ? 7 : 7;
            case "degarelix" -> 2;
            default -> null;
        };
    }

    /** bone-treatments.csv: months one dose covers (0: only while taken). */
    static Integer boneCoverage(String agent, String route, Double doseMg) {
        double d = doseMg == null ? -1 : doseMg;
        String r = route == null ? "" : route.strip();
        return switch (agent) {
            case "denosumab-120" -> 2;
            case "denosumab" -> d == 120 ? 2 : 7;
            case "denosumab-60" -> 7;
            case "zoledronic-acid-4" -> 4;
            case "zoledronic-acid" -> d == 4 ? 4 : 15;
            case "zoledronic-acid-5" -> 15;
            case "ibandronate" -> Set.of("intravenous", "iv", "injection").contains(r) || d == 3 ? 4 : d == 150 ? 2 : 0;
            case "risedronate" -> d == 150 || d == 75 ? 2 : d == 35 ? 1 : 0;
            case "alendronate" -> d == 70 || d == 35 ? 1 : 0;
            case "romosozumab" -> 1;
            case "bisphosphonate", "teriparatide", "abaloparatide", "raloxifene" -> 0;
            default -> null;
        };
    }
}
