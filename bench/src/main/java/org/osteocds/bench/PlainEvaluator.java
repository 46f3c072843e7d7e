package org.osteocds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The floor: the subset (see {@link Subset}) evaluated by hand-written Java over the patient's Bundle as a Jackson
 * tree. The codes are those of osteo-cds's terminology tables; the condition codes are read from the library jar's
 * copy of {@code rules/terminology/condition-codes.csv} at start-up, everything else is written out here. Thread-safe
 * after construction.
 */
public final class PlainEvaluator implements SubsetEvaluator {
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";
    static final String CPT = "http://www.ama-assn.org/go/cpt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DXA = Set.of(LOINC + "|38265-5", LOINC + "|38267-1", LOINC + "|38263-0",
            LOINC + "|80932-7", LOINC + "|80933-5", LOINC + "|80934-3", LOINC + "|85394-5", SNOMED + "|312681000",
            CPT + "|77080");
    private static final Set<String> Z_SCORES = Set.of("80932-7", "80933-5", "80934-3", "85394-5");
    private static final Set<String> CURRENT_SMOKER = Set.of("449868002", "428041000124106", "77176002",
            "428061000124105", "428071000124103");
    private static final Set<String> SMOKING_ANSWERS = Set.of("449868002", "428041000124106", "77176002",
            "428061000124105", "428071000124103", "8517006", "266919005");
    /** Fracture codes and their site (fhir-codes.csv) with the fragility age (fracture-sites.csv). */
    private static final Map<String, String> FRACTURE_SITE = Map.of("443165006", "fragility", "203444008", "fragility",
            "65966004", "forearm", "263102004", "wrist", "5913000", "hip", "58150001", "other", "33737001", "other",
            "16114001", "other");
    private static final Set<String> NOT_SECONDARY = Set.of("osteoporosis", "osteopenia", "premature-menopause");
    /** Medicines of the subset's classes: names, RxNorm codes, ATC prefixes to class|agent (medication-classes.csv). */
    private static final Map<String, String> MED_NAMES = new HashMap<>();
    private static final Map<String, String> MED_RXNORM = new HashMap<>();
    private static final Map<String, String> MED_ATC = new java.util.LinkedHashMap<>();
    private static final Map<String, Double> PREDNISONE_FACTOR = new HashMap<>();
    private static final Set<String> NON_SYSTEMIC = Set.of("inhaled", "inhalation", "respiratory (inhalation)",
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

    private final LocalDate asOf;
    /** system|code to condition key; codes ending in * as prefixes, longest first. */
    private final Map<String, String> conditionExact = new HashMap<>();
    private final List<String[]> conditionPrefix = new ArrayList<>();

    /**
     * @param asOf the assessment date
     */
    public PlainEvaluator(LocalDate asOf) {
        this.asOf = asOf;
        try (InputStream in = PlainEvaluator.class.getResourceAsStream("/osteocds-rules/terminology/condition-codes.csv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split(",", 4);
                if (c[1].endsWith("*")) {
                    conditionPrefix.add(new String[] {c[0], c[1].substring(0, c[1].length() - 1), c[2]});
                } else {
                    conditionExact.put(c[0] + "|" + c[1], c[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        conditionPrefix.sort((a, b) -> b[1].length() - a[1].length());
    }

    @Override
    public String name() {
        return "plain Java";
    }

    @Override
    public List<Subset> evaluate(List<String> bundles) {
        List<Subset> out = new ArrayList<>(bundles.size());
        for (String b : bundles) {
            try {
                out.add(evaluate(JSON.readTree(b)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** A medicine as the record would hold it. */
    private record Med(String medClass, String agent, String display, String route, Double dosePerDay, Double doseMg,
                       LocalDate start, LocalDate end) {
    }

    /** Latest-value holder: a dated value wins over an earlier or undated one. */
    private static final class Latest {
        Object value;
        LocalDate date;
        boolean set;

        void offer(Object v, LocalDate d, LocalDate asOf) {
            if (d != null && d.isAfter(asOf)) {
                return;
            }
            if (!set || (d != null && (date == null || !d.isBefore(date)))) {
                value = v;
                date = d;
                set = true;
            }
        }

        Double num() {
            return (Double) value;
        }
    }

    Subset evaluate(JsonNode bundle) {
        JsonNode patient = null;
        List<JsonNode> resources = new ArrayList<>();
        collect(bundle, resources);
        for (JsonNode r : resources) {
            if ("Patient".equals(r.path("resourceType").asText())) {
                patient = r;
                break;
            }
        }
        String id = patient.path("id").asText();
        LocalDate birth = date(text(patient, "birthDate"));
        String gender = text(patient, "gender");
        String sex = "female".equals(gender) ? "F" : "male".equals(gender) ? "M" : null;
        boolean deceased = false;
        LocalDate ageAt = asOf;
        String died = text(patient, "deceasedDateTime");
        if (died != null) {
            LocalDate d = date(died.length() == 7 ? died + "-01" : died);
            if (!d.isAfter(asOf)) {
                deceased = true;
            }
        } else if (patient.path("deceasedBoolean").asBoolean(false)) {
            deceased = true;
        }
        if (birth == null || deceased) {
            return Subset.outOfScope(id);
        }
        int age = Period.between(birth, ageAt).getYears();
        if (age < 6) {
            return Subset.outOfScope(id);
        }

        Map<String, Latest> latest = new HashMap<>();
        for (String f : List.of("tScore", "tScoreLumbarSpine", "tScoreFemoralNeck", "zScore", "frax", "alcohol",
                "bmi", "height", "weight", "smoking", "lastDxa")) {
            latest.put(f, new Latest());
        }
        boolean parentalHip = false;
        boolean postmenopausalFlag = false;
        boolean fragility = false;
        boolean hipOrVertebral = false;
        List<String[]> conditions = new ArrayList<>();   // key, onset (may be null)
        LocalDate left = null;
        LocalDate right = null;
        List<Med> meds = new ArrayList<>();
        Map<String, Med> administered = new java.util.LinkedHashMap<>();

        for (JsonNode r : resources) {
            String type = r.path("resourceType").asText();
            switch (type) {
                case "Observation" -> {
                    String status = text(r, "status");
                    if ("entered-in-error".equals(status) || "cancelled".equals(status)) {
                        continue;
                    }
                    LocalDate date = r.has("effectiveDateTime") ? date(text(r, "effectiveDateTime"))
                            : r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "start"))
                            : r.has("issued") ? date(text(r, "issued")) : null;
                    boolean dated = date == null || !date.isAfter(asOf);
                    for (JsonNode coding : r.path("code").path("coding")) {
                        String system = text(coding, "system");
                        String code = text(coding, "code");
                        String key = system + "|" + code;
                        if (DXA.contains(key) && date != null) {
                            latest.get("lastDxa").offer(date, date, asOf);
                        }
                        if (SNOMED.equals(system) && dated) {
                            if ("391096007".equals(code)) {
                                parentalHip = true;
                            } else if ("76498008".equals(code) || "373717006".equals(code)) {
                                postmenopausalFlag = true;
                            }
                        }
                        if (!LOINC.equals(system) || code == null) {
                            continue;
                        }
                        if (code.equals("72166-2")) {
                            for (JsonNode v : r.path("valueCodeableConcept").path("coding")) {
                                String answer = text(v, "code");
                                if (SNOMED.equals(text(v, "system")) && SMOKING_ANSWERS.contains(answer)) {
                                    latest.get("smoking").offer(CURRENT_SMOKER.contains(answer), date, asOf);
                                }
                            }
                            continue;
                        }
                        String field = switch (code) {
                            case "38265-5" -> "tScore";
                            case "38267-1" -> "tScoreLumbarSpine";
                            case "38263-0" -> "tScoreFemoralNeck";
                            case "90265-0" -> "frax";
                            case "74013-4" -> "alcohol";
                            case "39156-5" -> "bmi";
                            case "8302-2" -> "height";
                            case "29463-7" -> "weight";
                            default -> Z_SCORES.contains(code) ? "zScore" : null;
                        };
                        JsonNode value = r.path("valueQuantity").get("value");
                        if (field == null || value == null || !value.isNumber()) {
                            continue;
                        }
                        Double v = convert(field, value.doubleValue(), unit(r.path("valueQuantity")));
                        if (v == null) {
                            continue;
                        }
                        Latest l = latest.get(field);
                        if (field.equals("zScore") && l.set && date != null && date.equals(l.date)
                                && l.num() <= v) {
                            continue;   // several Z-scores of one scan: the lowest counts
                        }
                        l.offer(v, date, asOf);
                    }
                    if (r.has("valueCodeableConcept") && dated) {
                        for (JsonNode v : r.path("valueCodeableConcept").path("coding")) {
                            String code = text(v, "code");
                            if (SNOMED.equals(text(v, "system")) && ("76498008".equals(code) || "373717006".equals(code))) {
                                postmenopausalFlag = true;
                            } else if (SNOMED.equals(text(v, "system")) && "391096007".equals(code)) {
                                parentalHip = true;
                            }
                        }
                    }
                }
                case "Condition" -> {
                    String vs = text(first(r.path("verificationStatus").path("coding")), "code");
                    if ("refuted".equals(vs) || "entered-in-error".equals(vs)) {
                        continue;
                    }
                    LocalDate onset = r.has("onsetDateTime") ? date(text(r, "onsetDateTime"))
                            : r.has("onsetPeriod") ? date(text(r.path("onsetPeriod"), "start"))
                            : r.has("recordedDate") ? date(text(r, "recordedDate")) : null;
                    boolean known = false;
                    for (JsonNode coding : r.path("code").path("coding")) {
                        String system = text(coding, "system");
                        String code = text(coding, "code");
                        String key = conditionKey(system, code);
                        if (key != null && !known) {
                            conditions.add(new String[] {key, onset == null ? null : onset.toString()});
                            known = true;
                        }
                        String site = SNOMED.equals(system) ? FRACTURE_SITE.get(code) : null;
                        if (site != null && onset != null && !onset.isAfter(asOf)) {
                            int ageAtOnset = Period.between(birth, onset).getYears();
                            int from = site.equals("fragility") ? 18 : site.equals("other") ? Integer.MAX_VALUE : 50;
                            if (ageAtOnset >= from) {
                                fragility = true;
                            }
                            if (site.equals("hip") && ageAtOnset >= 18) {
                                hipOrVertebral = true;
                            }
                        }
                        if (SNOMED.equals(system) && (onset == null || !onset.isAfter(asOf))) {
                            if ("391096007".equals(code)) {
                                parentalHip = true;
                            } else if ("76498008".equals(code) || "373717006".equals(code)) {
                                postmenopausalFlag = true;
                            }
                        }
                    }
                }
                case "Procedure" -> {
                    String status = text(r, "status");
                    if ("not-done".equals(status) || "entered-in-error".equals(status)) {
                        continue;
                    }
                    LocalDate date = r.has("performedDateTime") ? date(text(r, "performedDateTime"))
                            : r.has("performedPeriod") ? date(text(r.path("performedPeriod"), "start")) : null;
                    boolean known = false;
                    for (JsonNode coding : r.path("code").path("coding")) {
                        String system = text(coding, "system");
                        String code = text(coding, "code");
                        if (DXA.contains(system + "|" + code) && date != null) {
                            latest.get("lastDxa").offer(date, date, asOf);
                            known = true;
                        }
                        String key = conditionKey(system, code);
                        if (key != null && !known) {
                            conditions.add(new String[] {key, date == null ? null : date.toString()});
                            known = true;
                        }
                        String side = !SNOMED.equals(system) ? null : switch (code) {
                            case "713285002" -> bodySite(r);
                            case "302191001" -> "left";
                            case "302376006" -> "right";
                            default -> "";
                        };
                        if (side != null && !side.isEmpty() && !known) {
                            known = true;
                            if (date == null || !date.isAfter(asOf)) {
                                if (side.equals("left")) {
                                    left = date == null ? LocalDate.MIN : date;
                                } else if (side.equals("right")) {
                                    right = date == null ? LocalDate.MIN : date;
                                }
                                if (left != null && right != null) {
                                    LocalDate later = left.isAfter(right) ? left : right;
                                    if (conditions.stream().noneMatch(x -> x[0].equals("bilateral-oophorectomy"))) {
                                        conditions.add(new String[] {"bilateral-oophorectomy",
                                            later.equals(LocalDate.MIN) ? null : later.toString()});
                                    }
                                }
                            }
                        } else if (side != null && side.isEmpty()) {
                            continue;
                        } else if (side == null && "713285002".equals(code) && !known) {
                            known = true;   // an oophorectomy whose side is not recorded
                        }
                    }
                }
                case "MedicationRequest" -> {
                    String st = text(r, "status");
                    if (st == null || st.equals("cancelled") || st.equals("entered-in-error") || st.equals("draft")
                            || !r.has("medicationCodeableConcept")) {
                        continue;
                    }
                    JsonNode dosage = first(r.path("dosageInstruction"));
                    JsonNode bounds = dosage.path("timing").path("repeat").path("boundsPeriod");
                    LocalDate start = bounds.has("start") ? date(text(bounds, "start"))
                            : r.has("authoredOn") ? date(text(r, "authoredOn")) : null;
                    LocalDate end = bounds.isMissingNode() ? null : date(text(bounds, "end"));
                    boolean active = st.equals("active") || st.equals("on-hold");
                    if (!active && end == null) {
                        end = start;
                    }
                    Med m = medicine(r.path("medicationCodeableConcept"), dosage, start, end, null, null);
                    if (m != null) {
                        meds.add(m);
                    }
                }
                case "MedicationStatement" -> {
                    String st = text(r, "status");
                    if ("entered-in-error".equals(st) || "not-taken".equals(st) || !r.has("medicationCodeableConcept")) {
                        continue;
                    }
                    LocalDate start = r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "start"))
                            : r.has("effectiveDateTime") ? date(text(r, "effectiveDateTime")) : null;
                    LocalDate end = r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "end")) : null;
                    if ("completed".equals(st) && end == null) {
                        end = start;
                    }
                    Med m = medicine(r.path("medicationCodeableConcept"), first(r.path("dosage")), start, end, null,
                            null);
                    if (m != null) {
                        meds.add(m);
                    }
                }
                case "MedicationAdministration" -> {
                    String st = text(r, "status");
                    if ("not-done".equals(st) || "entered-in-error".equals(st)
                            || "stopped".equals(st) && !r.has("effectiveDateTime")
                            || !r.has("medicationCodeableConcept")) {
                        continue;
                    }
                    LocalDate given = r.has("effectiveDateTime") ? date(text(r, "effectiveDateTime"))
                            : r.has("effectivePeriod") ? date(text(r.path("effectivePeriod"), "start")) : null;
                    if (given == null || given.isAfter(asOf)) {
                        continue;
                    }
                    JsonNode cc = r.path("medicationCodeableConcept");
                    JsonNode coding = first(cc.path("coding"));
                    String key = text(coding, "system") + "|" + text(coding, "code") + "|" + text(cc, "text");
                    JsonNode dose = r.path("dosage").path("dose");
                    Double doseMg = dose.path("value").isNumber() && "mg".equalsIgnoreCase(unit(dose))
                            ? dose.path("value").doubleValue() : null;
                    JsonNode routeCc = r.path("dosage").path("route");
                    String route = routeCc.has("text") ? text(routeCc, "text") : text(first(routeCc.path("coding")), "display");
                    Med old = administered.get(key);
                    Med now = medicine(cc, null, given, given, doseMg, route);
                    if (now == null) {
                        continue;
                    }
                    if (old == null) {
                        administered.put(key, now);
                    } else {
                        LocalDate firstGiven = given.isBefore(old.start()) ? given : old.start();
                        boolean later = !given.isBefore(old.end());
                        administered.put(key, new Med(old.medClass(), old.agent(), old.display(),
                                old.route() != null ? old.route() : now.route(), null,
                                later && doseMg != null ? doseMg : old.doseMg(), firstGiven, later ? given : old.end()));
                    }
                }
                case "FamilyMemberHistory" -> {
                    String rel = text(first(r.path("relationship").path("coding")), "code");
                    boolean parent = rel != null && Set.of("MTH", "FTH", "PRN", "NMTH", "NFTH").contains(rel);
                    for (JsonNode fc : r.path("condition")) {
                        for (JsonNode coding : fc.path("code").path("coding")) {
                            if (parent && SNOMED.equals(text(coding, "system")) && "5913000".equals(text(coding, "code"))) {
                                parentalHip = true;
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        meds.addAll(administered.values());

        // ---- the record's facts ----
        Double lowestT = null;
        for (String f : List.of("tScoreLumbarSpine", "tScoreFemoralNeck", "tScore")) {
            Double v = latest.get(f).num();
            if (v != null && (lowestT == null || v < lowestT)) {
                lowestT = v;
            }
        }
        Double z = latest.get("zScore").num();
        LocalDate lastDxa = (LocalDate) latest.get("lastDxa").value;
        Double bmi = latest.get("bmi").num();
        if (bmi == null && latest.get("height").num() != null && latest.get("weight").num() != null) {
            double m = latest.get("height").num() / 100.0;
            bmi = Math.round(latest.get("weight").num() / (m * m) * 10) / 10.0;
        }
        Set<String> keys = new TreeSet<>();
        Set<String> conditionKeys = new HashSet<>();
        for (String[] c : conditions) {
            if (c[1] == null || !LocalDate.parse(c[1]).isAfter(asOf)) {
                conditionKeys.add(c[0]);
            }
        }
        boolean adult = age >= 18;
        if (fragility && adult) {
            keys.add("fragility-fracture");
        }
        if (hipOrVertebral) {
            keys.add("hip-or-vertebral-fracture");
        }
        if (parentalHip) {
            keys.add("parental-hip-fracture");
        }
        if (Boolean.TRUE.equals(latest.get("smoking").value)) {
            keys.add("current-smoking");
        }
        Double alcohol = latest.get("alcohol").num();
        if (alcohol != null && alcohol * 7 > 14 && adult) {
            keys.add("alcohol-over-2-per-day");
        }
        if (bmi != null && bmi <= 20 && age >= 40) {
            keys.add("low-bmi");
        }
        Double frax = latest.get("frax").num();
        if (frax != null && frax >= 20) {
            keys.add("frax-above-treatment-threshold");
        }
        for (String k : conditionKeys) {
            if (!NOT_SECONDARY.contains(k)) {
                keys.add("secondary-cause");
            }
        }
        if (conditionKeys.contains("premature-menopause")) {
            keys.add("premature-menopause");
        }
        boolean onBoneTreatment = false;
        boolean currentAdt = false;
        for (Med m : meds) {
            if (m.start() != null && m.start().isAfter(asOf)) {
                continue;
            }
            Integer days = null;
            boolean current = true;
            if (m.start() != null) {
                LocalDate until = m.end() == null || m.end().isAfter(asOf) ? asOf : m.end();
                days = (int) ChronoUnit.DAYS.between(m.start(), until) + 1;
                current = m.end() == null || !m.end().isBefore(asOf);
            } else if (m.end() != null) {
                current = !m.end().isBefore(asOf);
            }
            switch (m.medClass()) {
                case "glucocorticoid" -> {
                    boolean systemic = m.route() == null || !NON_SYSTEMIC.contains(m.route().strip());
                    Double factor = m.agent() != null ? PREDNISONE_FACTOR.get(m.agent()) : factorIn(m.display());
                    if (m.agent() != null && !PREDNISONE_FACTOR.containsKey(m.agent())) {
                        factor = m.agent().equals("budesonide") ? null : factorIn(m.display());
                    }
                    Double equivalent = m.dosePerDay() == null || factor == null ? null
                            : Math.round(m.dosePerDay() * factor * 100) / 100.0;
                    if (systemic && days != null && days >= 90 && (equivalent == null || equivalent >= 2.5)) {
                        keys.add("glucocorticoid-exposure");
                    }
                }
                case "aromatase-inhibitor" -> {
                    if (current) {
                        keys.add("aromatase-inhibitor");
                    }
                }
                case "androgen-deprivation" -> {
                    if (!current && m.agent() != null && m.end() != null) {
                        Integer cover = depotCoverage(m.agent(), m.doseMg());
                        current = cover != null && monthsBegunSince(m.end(), asOf) <= cover;
                    }
                    if (current) {
                        currentAdt = true;
                        if (!"F".equals(sex)) {
                            keys.add("androgen-deprivation");
                        }
                    }
                }
                case "bone-treatment" -> {
                    Integer cover = m.agent() == null ? null : boneCoverage(m.agent(), m.route(), m.doseMg());
                    if (cover != null && (current || m.end() != null && monthsBegunSince(m.end(), asOf) <= cover)) {
                        onBoneTreatment = true;
                    }
                }
                default -> { }
            }
        }

        // ---- is a DXA due? ----
        boolean screeningRf = !keys.isEmpty();
        boolean postmenopausal = adult && age < 65 && !"M".equals(sex)
                && (postmenopausalFlag || conditionKeys.contains("premature-menopause")
                    || conditionKeys.contains("bilateral-oophorectomy"))
                || "F".equals(sex) && age >= 50;
        boolean indicated = "F".equals(sex) && age >= 65
                || "M".equals(sex) && age >= 70
                || sex == null && age >= 70
                || age < 65 && postmenopausal && screeningRf
                || "M".equals(sex) && age >= 50 && age < 70 && screeningRf
                || keys.contains("fragility-fracture");
        boolean due = false;
        if (indicated && (lastDxa != null || lowestT == null && z == null)) {
            due = true;
            if (lastDxa != null) {
                int monthsSince = monthsBegunSince(lastDxa, asOf);
                int ageAtDxa = Period.between(birth, lastDxa).getYears();
                boolean every2 = onBoneTreatment || currentAdt
                        || keys.stream().anyMatch(k -> Set.of("fragility-fracture", "hip-or-vertebral-fracture",
                            "glucocorticoid-exposure", "aromatase-inhibitor", "androgen-deprivation",
                            "secondary-cause").contains(k));
                int interval;
                if ("F".equals(sex) && ageAtDxa >= 65 && lowestT != null && !every2) {
                    interval = lowestT > -1.50 ? 180 : lowestT > -2.00 ? 60 : 12;
                } else if ("F".equals(sex) && age >= 65 && ageAtDxa < 65) {
                    interval = 0;
                } else {
                    interval = 24;
                }
                due = !(interval > 0 && interval >= monthsSince);
            }
        }
        return Subset.assessed(id, keys, due);
    }

    private Med medicine(JsonNode cc, JsonNode dosage, LocalDate start, LocalDate end, Double doseMg, String givenRoute) {
        JsonNode coding = first(cc.path("coding"));
        String display = coding.has("display") ? text(coding, "display") : text(cc, "text");
        String known = null;
        for (JsonNode c : cc.path("coding")) {
            known = find(display, text(c, "system"), text(c, "code"));
            if (known != null) {
                break;
            }
        }
        if (known == null && !cc.path("coding").elements().hasNext()) {
            known = find(text(cc, "text"), null, null);
        }
        if (known == null || known.startsWith("none|")) {
            return null;
        }
        String[] ca = known.split("\\|", -1);
        String route = givenRoute;
        if (route == null && dosage != null && dosage.has("route")) {
            JsonNode routeCc = dosage.path("route");
            route = routeCc.has("text") ? text(routeCc, "text") : text(first(routeCc.path("coding")), "display");
        } else if (route == null) {
            route = routeIn(display);
        }
        Double perDose = doseMg != null ? doseMg : dosage == null ? null : mgPerDose(dosage, display);
        Double perDay = dosage == null ? null : dosePerDay(dosage, perDose);
        if (start != null && end != null && end.isBefore(start)) {
            end = start;
        }
        boolean interval = perDay == null && perDose != null || dosage != null && isInterval(dosage);
        return new Med(ca[0], ca[1].isEmpty() ? null : ca[1], display,
                route == null ? null : route.toLowerCase(Locale.ROOT), perDay, interval ? perDose : null, start, end);
    }

    private static String find(String name, String system, String code) {
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

    private static Double factorIn(String description) {
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

    private static String routeIn(String text) {
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

    private static final java.util.regex.Pattern STRENGTH_MG =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*MG\\b(?!\\s*/)", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static Double mgPerDose(JsonNode dosage, String display) {
        JsonNode q = first(dosage.path("doseAndRate")).path("doseQuantity");
        JsonNode value = q.get("value");
        if (value == null || !value.isNumber()) {
            return null;
        }
        if (unit(q).equalsIgnoreCase("mg")) {
            return value.doubleValue();
        }
        if (display != null && !display.contains("/")) {
            java.util.regex.Matcher s = STRENGTH_MG.matcher(display);
            if (s.find()) {
                return value.doubleValue() * Double.parseDouble(s.group(1));
            }
        }
        return null;
    }

    private static boolean isInterval(JsonNode dosage) {
        String u = text(dosage.path("timing").path("repeat"), "periodUnit");
        return u != null && (u.equals("wk") || u.equals("mo") || u.equals("a"));
    }

    private static Double dosePerDay(JsonNode dosage, Double mg) {
        if (mg == null || isInterval(dosage)) {
            return null;
        }
        JsonNode rep = dosage.path("timing").path("repeat");
        JsonNode frequency = rep.get("frequency");
        JsonNode period = rep.get("period");
        if (frequency == null || !frequency.isNumber() || period == null || !period.isNumber()) {
            return null;
        }
        String u = text(rep, "periodUnit");
        double perDay;
        if (u == null || u.equals("d")) {
            perDay = 1.0 / period.doubleValue();
        } else if (u.equals("h")) {
            perDay = 24.0 / period.doubleValue();
        } else {
            return null;
        }
        return Math.round(mg * frequency.intValue() * perDay * 100) / 100.0;
    }

    /** depot-medicines.csv, the androgen-deprivation agents: months one dose covers. */
    private static Integer depotCoverage(String agent, Double doseMg) {
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
    private static Integer boneCoverage(String agent, String route, Double doseMg) {
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

    private String conditionKey(String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        String k = conditionExact.get(system + "|" + code);
        if (k != null) {
            return k;
        }
        for (String[] p : conditionPrefix) {
            if (p[0].equals(system) && code.startsWith(p[1])) {
                return p[2];
            }
        }
        return null;
    }

    private static String bodySite(JsonNode procedure) {
        for (JsonNode site : procedure.path("bodySite")) {
            for (JsonNode coding : site.path("coding")) {
                if (SNOMED.equals(text(coding, "system"))) {
                    if ("7771000".equals(text(coding, "code"))) {
                        return "left";
                    }
                    if ("24028007".equals(text(coding, "code"))) {
                        return "right";
                    }
                }
            }
        }
        return null;
    }

    static int monthsBegunSince(LocalDate date, LocalDate asOf) {
        int n = (int) ChronoUnit.MONTHS.between(date, asOf);
        return date.plusMonths(n).isBefore(asOf) ? n + 1 : n;
    }

    private static Double convert(String field, double v, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        return switch (field) {
            case "height" -> u.equals("m") ? v * 100 : u.contains("in") ? v * 2.54 : u.isEmpty() || u.equals("cm") ? v : null;
            case "weight" -> u.contains("lb") ? v * 0.45359237 : u.equals("g") ? v / 1000 : u.isEmpty() || u.equals("kg") ? v : null;
            default -> v;
        };
    }

    private static String unit(JsonNode quantity) {
        String code = text(quantity, "code");
        if (code != null && !code.isEmpty()) {
            return code;
        }
        String u = text(quantity, "unit");
        return u == null ? "" : u;
    }

    /** Every resource of a Bundle (nested Bundles too). */
    private static void collect(JsonNode node, List<JsonNode> out) {
        if ("Bundle".equals(node.path("resourceType").asText())) {
            for (JsonNode e : node.path("entry")) {
                collect(e.path("resource"), out);
            }
        } else if (node.has("resourceType")) {
            out.add(node);
        }
    }

    private static JsonNode first(JsonNode array) {
        return array.isArray() && array.size() > 0 ? array.get(0) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() >= 10) {
            return LocalDate.parse(value.substring(0, 10));
        }
        if (value.length() == 4) {
            return LocalDate.of(Integer.parseInt(value), 1, 1);
        }
        if (value.length() == 7) {
            return LocalDate.parse(value + "-01");
        }
        return null;
    }
}
