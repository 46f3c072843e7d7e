package org.osteocds.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * Writes records as a FHIR R4 Bulk Data export, as an EHR's {@code $export} would give them: one NDJSON file per
 * resource type (Patient, Observation, Condition, Procedure, MedicationRequest, MedicationAdministration), each
 * resource pointing to its patient, and {@code manifest.json} with the export's {@code transactionTime}. Only what
 * FHIR carries in the codes of the terminology tables is written (docs/generate.md lists what is left out: intakes
 * of calcium and vitamin D, vigorous minutes, balance days, a FRAX hip result, a vertebral fracture's site, an
 * explicit "no"; fractures as the fracture method below codes them).
 */
final class BulkExport implements AutoCloseable {
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final List<String> TYPES = List.of("Patient", "Observation", "Condition", "Procedure", "MedicationRequest",
            "MedicationAdministration");
    /** RxNorm ingredient codes of the medicines the generator names, as the medicine table knows them. */
    static final Map<String, String> RXNORM_CODES = Map.of("prednisone", "8640", "prednisolone", "8638",
            "dexamethasone", "3264", "omeprazole", "7646", "pantoprazole", "40790", "sertraline", "36437",
            "levothyroxine", "10582", "furosemide", "4603", "alendronate", "46041");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final LocalDate asOf;
    private final Map<String, Writer> files = new LinkedHashMap<>();
    private final Map<String, String> conditionCodes = snomedByKey();
    private int seq;

    BulkExport(Path dir, LocalDate asOf) throws IOException {
        this.dir = dir;
        this.asOf = asOf;
        Files.createDirectories(dir);
        for (String type : TYPES) {
            files.put(type, Files.newBufferedWriter(dir.resolve(type + ".ndjson"), StandardCharsets.UTF_8));
        }
    }

    /** The first SNOMED CT code of each condition key in the bundled terminology. */
    private static Map<String, String> snomedByKey() {
        Map<String, String> out = new HashMap<>();
        String table = RuleFiles.bundled().text("terminology/condition-codes.csv");
        for (String line : table.split("\n")) {
            String[] c = line.split(",", -1);
            if (c.length >= 3 && c[0].equals(SNOMED)) {
                out.putIfAbsent(c[2], c[1]);
            }
        }
        return out;
    }

    void write(PatientRecord r) throws IOException {
        String pid = r.id();
        LocalDate birth = r.birthDate() != null ? r.birthDate() : asOf.minusYears(r.age());
        ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient").put("id", pid)
                .put("birthDate", birth.toString());
        patient.put("gender", r.sex() == Sex.FEMALE ? "female" : r.sex() == Sex.MALE ? "male" : "unknown");
        emit(patient);
        LocalDate scan = r.lastDxaDate();
        observation(pid, "38267-1", r.tScoreLumbarSpine(), "{T-score}", scan);
        observation(pid, "38263-0", r.tScoreFemoralNeck(), "{T-score}", scan);
        observation(pid, "38265-5", r.tScore(), "{T-score}", scan);
        observation(pid, "85394-5", r.zScore(), "{Z-score}", scan);
        observation(pid, "90265-0", r.fraxMajorPercent(), "%", scan);
        if (scan != null) {
            emit(resource("Procedure", pid).put("status", "completed").put("performedDateTime", scan.toString())
                    .set("code", concept(SNOMED, "312681000", "Bone density scan")));
        }
        LocalDate recent = asOf.minusDays(30);
        observation(pid, "62292-8", r.serum25OHDNgPerMl(), "ng/mL", recent);
        observation(pid, "74013-4", r.alcoholDrinksPerWeek() == null ? null : r.alcoholDrinksPerWeek() / 7,
                "{drinks}/d", recent);
        observation(pid, "39156-5", r.bmi(), "kg/m2", recent);
        observation(pid, "8302-2", r.heightCm(), "cm", recent);
        observation(pid, "29463-7", r.weightKg(), "kg", recent);
        observation(pid, "82290-8", r.moderateActivityMinutesPerWeek(), "min/wk", recent);
        observation(pid, "68516-4", r.activityMinutesPerDay(), "min/d", recent);
        observation(pid, "82291-6", r.strengthDaysPerWeek(), "d/wk", recent);
        observation(pid, "52552-7", r.fallsLast12Months() == null ? null : r.fallsLast12Months().doubleValue(),
                "{falls}", recent);
        if (r.smoking() != null) {
            String answer = r.smoking() == Smoking.CURRENT ? "449868002" : r.smoking() == Smoking.FORMER ? "8517006"
                    : "266919005";
            emit(resource("Observation", pid).put("status", "final").put("effectiveDateTime", recent.toString())
                    .<ObjectNode>set("code", concept(LOINC, "72166-2", "Tobacco smoking status"))
                    .set("valueCodeableConcept", concept(SNOMED, answer, r.smoking().code())));
        }
        if (Boolean.TRUE.equals(r.parentalHipFracture())) {
            emit(resource("Observation", pid).put("status", "final").put("effectiveDateTime", recent.toString())
                    .set("code", concept(SNOMED, "391096007", "Family history of fracture of hip")));
        }
        if (Boolean.TRUE.equals(r.postmenopausal())) {
            condition(pid, "76498008", "Postmenopausal state", null);
        }
        if (Boolean.TRUE.equals(r.prematureMenopause())) {
            condition(pid, conditionCodes.get("premature-menopause"), "premature-menopause", null);
        }
        fractures(r, pid, birth);
        if (r.conditions() != null) {
            for (ConditionEntry c : r.conditions()) {
                condition(pid, conditionCodes.get(c.key()), c.key(), notBefore(c.onset(), birth));
            }
        }
        if (r.medications() != null) {
            for (Medication m : r.medications()) {
                medication(pid, m, birth);
            }
        }
    }

    /**
     * Fractures as coded conditions, a year before the export (or at it, for a patient who was then a child): a hip
     * fracture; at 50 or over, a forearm fracture (also for a fragility fracture whose site is not recorded), and a
     * vertebral, humeral or pelvic one as "pathological fracture due to osteoporosis" (which it is, NBHA 2014); any
     * other, or a younger patient's, as a clavicle fracture, which is not counted as a fragility fracture.
     */
    private void fractures(PatientRecord r, String pid, LocalDate birth) throws IOException {
        List<FractureSite> sites = r.fractureSites() == null ? List.of() : r.fractureSites();
        LocalDate onset = asOf.minusYears(1).isBefore(birth.plusYears(18)) ? asOf : asOf.minusYears(1);
        boolean fifty = Period.between(birth, onset).getYears() >= 50;
        if (Boolean.TRUE.equals(r.hipFracture()) || sites.contains(FractureSite.HIP)) {
            condition(pid, "5913000", "Fracture of neck of femur", onset);
        }
        List<FractureSite> others = sites.stream().filter(x -> x != FractureSite.HIP).toList();
        if (others.isEmpty() && Boolean.TRUE.equals(r.fragilityFracture()) && !sites.contains(FractureSite.HIP)
                && !Boolean.TRUE.equals(r.hipFracture())) {
            others = java.util.Collections.singletonList(null);   // a fragility fracture, site not recorded
        }
        for (FractureSite site : others) {
            if (fifty && (site == null || site == FractureSite.DISTAL_FOREARM)) {
                condition(pid, "65966004", "Fracture of forearm", onset);
            } else if (fifty && site != FractureSite.OTHER) {
                condition(pid, "443165006", "Pathological fracture due to osteoporosis", onset);
            } else {
                condition(pid, "58150001", "Fracture of clavicle", onset);
            }
        }
    }

    /**
     * A record given by age alone is written with the latest birth date that age allows, which can fall after a
     * date the generator chose against the record's true birth: nothing is dated before the birth written.
     */
    private static LocalDate notBefore(LocalDate date, LocalDate birth) {
        return date != null && date.isBefore(birth) ? birth : date;
    }

    private void medication(String pid, Medication m, LocalDate birth) throws IOException {
        ObjectNode med = JSON.createObjectNode();
        String code = RXNORM_CODES.get(m.name());
        if (code != null) {
            med.set("coding", JSON.createArrayNode().add(JSON.createObjectNode().put("system", RXNORM)
                    .put("code", code).put("display", m.name())));
        }
        med.put("text", m.name());
        boolean interval = m.start() != null && m.start().equals(m.end());
        if (interval) {   // an infusion or injection on one day: its administration
            ObjectNode a = resource("MedicationAdministration", pid).put("status", "completed")
                    .put("effectiveDateTime", notBefore(m.start(), birth).toString());
            a.set("medicationCodeableConcept", med);
            if (m.route() != null) {
                a.putObject("dosage").putObject("route").put("text", m.route());
            }
            emit(a);
            return;
        }
        ObjectNode req = resource("MedicationRequest", pid).put("intent", "order");
        req.set("medicationCodeableConcept", med);
        LocalDate start = m.start();
        if (start == null && m.durationMonths() != null) {
            // taken now for this long: exposure counts the start day, months of 30 days
            start = asOf.minusDays(Math.round(m.durationMonths() * 30) - 1);
        }
        start = notBefore(start, birth);
        LocalDate end = notBefore(m.end(), birth);
        boolean ended = end != null && end.isBefore(asOf);
        req.put("status", ended ? "completed" : "active");
        if (start != null && end == null) {
            req.put("authoredOn", start.toString());
        }
        ObjectNode dosage = ((ArrayNode) req.putArray("dosageInstruction")).addObject();
        if (m.doseMgPerDay() != null) {
            dosage.putArray("doseAndRate").addObject().putObject("doseQuantity").put("value", m.doseMgPerDay())
                    .put("unit", "mg");
        }
        ObjectNode repeat = dosage.putObject("timing").putObject("repeat").put("frequency", 1).put("period", 1)
                .put("periodUnit", "d");
        if (end != null) {
            repeat.putObject("boundsPeriod").put("start", start.toString()).put("end", end.toString());
        }
        if (m.route() != null) {
            dosage.putObject("route").put("text", m.route());
        }
        emit(req);
    }

    private void observation(String pid, String loinc, Double value, String unit, LocalDate date) throws IOException {
        if (value == null) {
            return;
        }
        ObjectNode o = resource("Observation", pid).put("status", "final");
        o.set("code", concept(LOINC, loinc, null));
        if (date != null) {
            o.put("effectiveDateTime", date.toString());
        }
        o.putObject("valueQuantity").put("value", value).put("unit", unit);
        emit(o);
    }

    private void condition(String pid, String code, String display, LocalDate onset) throws IOException {
        if (code == null) {
            throw new IllegalStateException("no SNOMED CT code for the condition key " + display);
        }
        ObjectNode c = resource("Condition", pid);
        c.set("clinicalStatus", concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null));
        c.set("code", concept(SNOMED, code, display));
        if (onset != null) {
            c.put("onsetDateTime", onset.toString());
        }
        emit(c);
    }

    private ObjectNode resource(String type, String pid) {
        ObjectNode n = JSON.createObjectNode().put("resourceType", type).put("id", pid + "-" + (++seq));
        n.putObject("subject").put("reference", "Patient/" + pid);
        return n;
    }

    private static ObjectNode concept(String system, String code, String display) {
        ObjectNode coding = JSON.createObjectNode().put("system", system).put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        ObjectNode cc = JSON.createObjectNode();
        cc.putArray("coding").add(coding);
        return cc;
    }

    private void emit(ObjectNode resource) throws IOException {
        String type = resource.get("resourceType").asText();
        if (type.equals("Patient")) {
            resource.remove("subject");
        }
        Writer w = files.get(type);
        w.write(JSON.writeValueAsString(resource));
        w.write('\n');
    }

    /** Ends the files and writes the manifest. */
    @Override
    public void close() throws IOException {
        for (Writer w : files.values()) {
            w.close();
        }
        ObjectNode manifest = JSON.createObjectNode().put("transactionTime", asOf + "T00:00:00Z")
                .put("request", "[base]/$export").put("requiresAccessToken", false);
        ArrayNode output = manifest.putArray("output");
        for (String type : TYPES) {
            output.addObject().put("type", type).put("url", type + ".ndjson");
        }
        manifest.putArray("error");
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("manifest.json"), StandardCharsets.UTF_8)) {
            w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            w.write('\n');
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
