package org.osteocds.bench;

import static org.osteocds.bench.PlainJson.collect;
import static org.osteocds.bench.PlainJson.date;
import static org.osteocds.bench.PlainJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor: the subset (see {@link Subset}) evaluated by hand-written Java over the patient's Bundle as a Jackson
 * tree. The codes are those of osteo-cds's terminology tables; the condition codes are read from the library jar's
 * copy of {@code rules/terminology/condition-codes.csv} at start-up ({@link PlainConditions}), everything else is
 * written out in the classes that read each kind of resource ({@link PlainObservations}, {@link PlainConditions},
 * {@link PlainMedicines} with {@link PlainMedicineTables}). This class reads the patient and its scope, hands every
 * resource to its reader, which adds to the patient's {@link PlainFacts}, and lets {@link PlainDecision} decide.
 * Thread-safe after construction.
 */
public final class PlainEvaluator implements SubsetEvaluator {
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ATC = "http://www.whocc.no/atc";
    static final String CPT = "http://www.ama-assn.org/go/cpt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDate asOf;
    private final PlainConditions conditions;

    /**
     * @param asOf the assessment date
     */
    public PlainEvaluator(LocalDate asOf) {
        this.asOf = asOf;
        this.conditions = new PlainConditions();
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

        PlainFacts facts = new PlainFacts(asOf, birth);
        for (JsonNode r : resources) {
            String type = r.path("resourceType").asText();
            switch (type) {
                case "Observation" -> PlainObservations.observation(r, facts);
                case "Condition" -> conditions.condition(r, facts);
                case "Procedure" -> conditions.procedure(r, facts);
                case "MedicationRequest" -> PlainMedicines.request(r, facts);
                case "MedicationStatement" -> PlainMedicines.statement(r, facts);
                case "MedicationAdministration" -> PlainMedicines.administration(r, facts);
                case "FamilyMemberHistory" -> PlainObservations.familyHistory(r, facts);
                default -> { }
            }
        }
        facts.meds.addAll(facts.administered.values());
        return PlainDecision.decide(id, age, sex, facts);
    }

    static int monthsBegunSince(LocalDate date, LocalDate asOf) {
        int n = (int) ChronoUnit.MONTHS.between(date, asOf);
        return date.plusMonths(n).isBefore(asOf) ? n + 1 : n;
    }
}
