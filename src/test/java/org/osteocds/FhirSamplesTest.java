package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osteocds.io.FhirInput;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/**
 * Real FHIR data, from the public samples copied into the repository (src/test/resources/fhir-samples): every file
 * parses and is assessed, and the mapping policies hold on real patients. SharedSamplesTest runs the whole shared set.
 */
class FhirSamplesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);

    /** The sample patients whose Patient resource records a death (deceasedDateTime): id to date of death. */
    static final Map<String, String> DIED = Map.of(
            "e65aa207-9ec7-493e-987b-b2c686f1af10", "2013-06-02",   // synthea/Laticia_Dibbert_...
            "129c6ac7-8d06-89de-ad63-0204a93e76c3", "1989-05-09",   // bulk-ndjson/smart-sample-bulk-10-patients
            "3af3708d-41f1-cd80-f3dd-ec5ac76072bf", "1971-10-01",
            "79a66c97-6131-3213-f3c9-4606946ab056", "1994-11-11");

    static Path samples() {
        return TestRules.samples();
    }

    static Stream<Path> dataFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String folder : List.of("synthea", "ecqm-cms249")) {
            try (Stream<Path> s = Files.list(samples().resolve(folder))) {
                s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(out::add);
            }
        }
        try (Stream<Path> s = Files.list(samples().resolve("bulk-ndjson"))) {
            s.filter(Files::isDirectory).sorted().forEach(out::add);
        }
        if (out.size() != 62) {
            throw new IllegalStateException("expected the 8 Synthea, 53 CMS249 and 1 bulk samples, found " + out.size());
        }
        return out.stream();
    }

    static List<Assessment> assess(Path input, LocalDate asOf, List<FhirMapping> mappings) {
        OsteoCds cds = TestRules.bundled();
        assertTrue(FhirInput.isFhir(input), input + " is detected as FHIR");
        try (Stream<ParsedRecord> records = FhirInput.read(cds, input, asOf, mappings == null ? null : mappings::add)) {
            return cds.assessAll(records, asOf, 1).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataFiles")
    void everySampleParsesAndIsAssessed(Path file) {
        List<Assessment> out = assess(file, AS_OF, null);
        assertFalse(out.isEmpty(), file + " yields patients");
        for (Assessment a : out) {
            if (DIED.containsKey(a.patientId())) {
                assertEquals(AssessmentStatus.OUT_OF_SCOPE, a.status(), a.patientId());
                assertTrue(a.reason().startsWith("died on " + DIED.get(a.patientId())), a.reason());
                continue;
            }
            assertEquals(AssessmentStatus.ASSESSED, a.status(), () -> a.patientId() + " " + a.errors());
            assertNotNull(a.findings().ageGroup());
        }
    }

    @Test
    void aPatientIsAssessedUpToTheDayBeforeTheirDeathAndOutOfScopeFromIt() {
        Path laticia = samples().resolve("synthea/Laticia_Dibbert_b23f172c-8c92-4757-87a8-7f64c13639d3.json");
        List<FhirMapping> mappings = new ArrayList<>();
        Assessment alive = assess(laticia, LocalDate.of(2013, 6, 1), mappings).get(0);
        assertEquals(AssessmentStatus.ASSESSED, alive.status());
        assertFalse(alive.advice().isEmpty());
        assertEquals(List.of("Patient/e65aa207-9ec7-493e-987b-b2c686f1af10 deceasedDateTime 2013-06-02T16:34:40+00:00"),
                mappings.get(0).fields().get("deceasedDate"));
        Assessment died = assess(laticia, LocalDate.of(2013, 6, 2), null).get(0);
        assertEquals(AssessmentStatus.OUT_OF_SCOPE, died.status());
        assertEquals("died on 2013-06-02, aged 64: no advice is given", died.reason());
        assertTrue(died.advice().isEmpty() && died.dataGaps().isEmpty());
        long outOfScope = assess(samples().resolve("bulk-ndjson/smart-sample-bulk-10-patients"), AS_OF, null).stream()
                .filter(a -> a.status() == AssessmentStatus.OUT_OF_SCOPE).count();
        assertEquals(3, outOfScope, "the three patients of the bulk sample who died");
    }

    @Test
    void deceasedBooleanWithoutADateIsOutOfScopeAndFalseIsAssessed() {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"dead","gender":"female","birthDate":"1940-01-01","deceasedBoolean":true}},
                 {"resource":{"resourceType":"Patient","id":"alive","gender":"female","birthDate":"1940-01-01","deceasedBoolean":false}},
                 {"resource":{"resourceType":"Patient","id":"month","gender":"male","birthDate":"1940-01-01","deceasedDateTime":"2026-03"}}
                ]}""";
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        List<Assessment> out;
        try (Stream<ParsedRecord> s = FhirInput.read(TestRules.bundled(), bundle, "deceased", asOf, null)) {
            out = TestRules.bundled().assessAll(s, asOf, 1).toList();
        }
        assertEquals(AssessmentStatus.OUT_OF_SCOPE, out.get(0).status());
        assertEquals("deceased (date of death not recorded): no advice is given", out.get(0).reason());
        assertEquals(AssessmentStatus.ASSESSED, out.get(1).status());
        assertTrue(out.get(1).hasAdvice("SCREENING-BONE-DENSITY-TEST"), out.get(1).adviceCodes().toString());
        assertEquals("died on 2026-03-01, aged 86: no advice is given", out.get(2).reason(), "a month counts from its first day");
    }

    @Test
    void everyCdsHooksRequestIsReadForThePatientInContext() throws IOException {
        int requests = 0;
        try (Stream<Path> s = Files.list(samples().resolve("cds-hooks"))) {
            for (Path f : s.filter(p -> p.getFileName().toString().contains("request")).sorted().toList()) {
                requests++;
                List<Assessment> out = assess(f, AS_OF, null);
                assertEquals(1, out.size(), f.toString());
                Assessment a = out.get(0);
                String json = Files.readString(f);
                if (json.contains("\"patientId\"")) {
                    assertTrue(a.status() == AssessmentStatus.ASSESSED || a.status() == AssessmentStatus.OUT_OF_SCOPE,
                            f + " " + a.status() + " " + a.errors());
                } else {
                    assertEquals(AssessmentStatus.INVALID, a.status(), f.toString());
                    assertEquals("context.patientId", a.errors().get(0).field());
                }
            }
        }
        assertTrue(requests >= 5);
        Assessment viewed = assess(samples().resolve("cds-hooks/spec-patient-view-request.json"), AS_OF, null).get(0);
        assertEquals("1288992", viewed.patientId());
        assertEquals(AssessmentStatus.ASSESSED, viewed.status(), "the prefetched Patient gives an age");
    }

    static Assessment synthea(String file) {
        return assess(samples().resolve("synthea").resolve(file), AS_OF, null).get(0);
    }

    @Test
    void osteoporosisOnAlendronateNeedsNoReferral() {
        Assessment a = synthea("Alexia_Senger_a5f5a550-b13e-4f92-b194-6d118f67fcdb.json");
        assertEquals("2d95f315-808c-4b67-836b-e56bdba9dd21", a.patientId());
        assertEquals(BoneStatus.OSTEOPOROSIS, a.findings().boneStatus());
        assertTrue(a.hasAdvice("EXERCISE-SPINE-SAFETY") && a.hasAdvice("EXERCISE-BONE-LOSS-PROGRAMME"));
        assertFalse(a.hasAdvice("REFERRAL-OSTEOPOROSIS-EVALUATION"), "alendronate is active");
        assertTrue(a.hasAdvice("SCREENING-BONE-DENSITY-TEST"), "the last DXA (2018) is more than 2 years old");
        assertFalse(a.hasAdvice("LIFESTYLE-SMOKING-CESSATION"));
    }

    @Test
    void wristFractureAtSeventyFourIsAFragilityFracture() {
        Assessment a = synthea("Adolph_Smith_0c6b1f3d-edb2-422b-a0af-a262fb90ed07.json");
        assertEquals(BoneStatus.NORMAL, a.findings().boneStatus(), "T-score -0.49");
        assertTrue(a.findings().hasRiskFactor("fragility-fracture"));
    }

    @Test
    void theFracturePolicyIsData(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path rules = RuleFolders.copyOfRules(dir);
        Path sites = rules.resolve("terminology/fracture-sites.csv");
        Files.writeString(sites, Files.readString(sites).replace("wrist,50,,", "wrist,80,,"));
        OsteoCds edited = OsteoCds.fromRules(rules);
        Path adolph = samples().resolve("synthea/Adolph_Smith_0c6b1f3d-edb2-422b-a0af-a262fb90ed07.json");
        try (Stream<ParsedRecord> records = FhirInput.read(edited, adolph, AS_OF, null)) {
            Assessment a = edited.assessAll(records, AS_OF, 1).toList().get(0);
            assertFalse(a.findings().hasRiskFactor("fragility-fracture"), "a wrist fracture at 74 no longer counts");
        }
    }

    @Test
    void rheumatoidArthritisIsASecondaryCauseAndARibFractureIsNotAFragilityFracture() {
        Assessment a = synthea("Randall_Stroman_7a0bdf4b-d27a-4f1a-ae7a-f17ad2d8a0a1.json");
        assertTrue(a.findings().hasRiskFactor("secondary-cause"));
        assertTrue(a.hasAdvice("CONDITION-BONE-HEALTH-REVIEW"));
        assertFalse(a.findings().hasRiskFactor("fragility-fracture"));
    }

    @Test
    void inhaledFluticasoneIsNotGlucocorticoidExposure() {
        Assessment a = synthea("Margery_Gibson_cdb2d67c-173f-42e7-859a-d04a8088680e.json");
        assertFalse(a.findings().hasRiskFactor("glucocorticoid-exposure"));
        assertFalse(a.hasAdvice("MEDICATION-GLUCOCORTICOID-ASSESSMENT"));
        assertEquals(BoneStatus.OSTEOPOROSIS, a.findings().boneStatus());
    }

    @Test
    void theLatestSmokingObservationWinsOverAConditionAndUnknownCodesAreReported() {
        List<FhirMapping> mappings = new ArrayList<>();
        Assessment a = assess(samples().resolve("synthea/Trey_Leffler_250ebf4a-c818-428c-81a6-c0e46a816512.json"),
                AS_OF, mappings).get(0);
        assertFalse(a.hasAdvice("LIFESTYLE-SMOKING-CESSATION"), "the latest 72166-2 says never smoker");
        FhirMapping m = mappings.get(0);
        assertTrue(m.fields().get("smoking").get(0).contains("72166-2"));
        assertTrue(m.unrecognized().keySet().stream().anyMatch(k -> k.contains("7200002") && k.contains("Alcoholism")),
                m.unrecognized().keySet().toString());
    }

    @Test
    void aChildhoodFractureDoesNotCountButAnOsteoporoticOneDoes() {
        Assessment a = synthea("Lonnie_Von_28fbf0c8-5a9c-4781-b79f-f6118c3e2816.json");
        assertTrue(a.findings().hasRiskFactor("fragility-fracture"));
        assertTrue(a.findings().riskFactors().stream().anyMatch(r -> r.key().equals("fragility-fracture")));
        Assessment before = assess(samples().resolve("synthea/Lonnie_Von_28fbf0c8-5a9c-4781-b79f-f6118c3e2816.json"),
                LocalDate.of(2020, 1, 1), null).get(0);
        assertFalse(before.findings().hasRiskFactor("fragility-fracture"), "only the 1955 fracture, at age 5, by 2020");
    }

    @Test
    void onlyDataOnOrBeforeAsOfCounts() {
        Path file = samples().resolve("synthea/Catina_Sawayn_282fcdae-b200-44cc-b740-186f7660ecba.json");
        Assessment before = assess(file, LocalDate.of(2021, 2, 11), null).get(0);
        Assessment after = assess(file, LocalDate.of(2021, 2, 12), null).get(0);
        assertEquals(BoneStatus.UNKNOWN, before.findings().boneStatus(), "the DXA and diagnosis are dated 2021-02-12");
        assertEquals(BoneStatus.OSTEOPOROSIS, after.findings().boneStatus());
    }

    @Test
    void bulkExportsAreReadPatientByPatient() {
        List<Assessment> ten = assess(samples().resolve("bulk-ndjson/smart-sample-bulk-10-patients"), AS_OF, null);
        assertEquals(13, ten.size());
        assertEquals(13, ten.stream().map(Assessment::patientId).distinct().count());
    }

    @Test
    void aBundleWithTwoPatientsFallsAndMenopause() {
        String bundle = """
                {"resourceType":"Bundle","type":"searchset","entry":[
                 {"fullUrl":"http://ehr/fhir/Patient/a","resource":{"resourceType":"Patient","id":"a","gender":"female","birthDate":"1966-01-01"}},
                 {"fullUrl":"http://ehr/fhir/Patient/b","resource":{"resourceType":"Patient","id":"b","gender":"male","birthDate":"1950-01-01"}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"http://ehr/fhir/Patient/a"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"52552-7"}]},"effectiveDateTime":"2025-03-01",
                   "valueQuantity":{"value":2}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/a"},
                   "code":{"text":"menopausal status"},"effectiveDateTime":"2024-03-01",
                   "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"76498008"}]}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/b"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"52552-7"}]},"effectiveDateTime":"2025-03-01",
                   "valueQuantity":{"value":1}}}
                ]}""";
        List<ParsedRecord> records;
        try (Stream<ParsedRecord> s = FhirInput.read(TestRules.bundled(), bundle, "two", LocalDate.of(2025, 6, 1), null)) {
            records = s.toList();
        }
        assertEquals(2, records.size());
        PatientRecord a = ((ParsedRecord.Valid) records.get(0)).record();
        PatientRecord b = ((ParsedRecord.Valid) records.get(1)).record();
        assertEquals("a", a.id());
        assertEquals(2, a.fallsLast12Months());
        assertEquals(Boolean.TRUE, a.postmenopausal());
        assertEquals("b", b.id());
        assertEquals(1, b.fallsLast12Months());
        assertEquals(null, b.postmenopausal());
        assertTrue(TestRules.bundled().assess(b, LocalDate.of(2025, 6, 1)).hasAdvice("LIFESTYLE-FALL-PREVENTION"));
    }

    @Test
    void unitsAreConvertedAndTheLatestValueWins() {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"u1","gender":"female","birthDate":"1950-05-01"}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/u1"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"62292-8"}]},"effectiveDateTime":"2025-01-01",
                   "valueQuantity":{"value":30,"unit":"nmol/L","code":"nmol/L"}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/u1"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"62292-8"}]},"effectiveDateTime":"2024-01-01",
                   "valueQuantity":{"value":60,"unit":"ng/mL","code":"ng/mL"}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/u1"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"74013-4"}]},"effectiveDateTime":"2025-02-01",
                   "valueQuantity":{"value":3,"unit":"{drinks}/d"}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/u1"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"effectiveDateTime":"2025-02-01",
                   "valueQuantity":{"value":110,"unit":"lb","code":"[lb_av]"}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/u1"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"8302-2"}]},"effectiveDateTime":"2025-02-01",
                   "valueQuantity":{"value":1.65,"unit":"m","code":"m"}}},
                 {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
                   "subject":{"reference":"Patient/u1"},
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                     "code":"197579","display":"dexamethasone 1 MG Oral Tablet"}]},
                   "dosageInstruction":[{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d",
                     "boundsPeriod":{"start":"2025-01-01"}}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"TAB"}}]}]}}
                ]}""";
        OsteoCds cds = TestRules.bundled();
        LocalDate asOf = LocalDate.of(2025, 6, 1);
        List<FhirMapping> mappings = new ArrayList<>();
        List<ParsedRecord> records;
        try (Stream<ParsedRecord> s = FhirInput.read(cds, bundle, "units", asOf, mappings::add)) {
            records = s.toList();
        }
        PatientRecord r = ((ParsedRecord.Valid) records.get(0)).record();
        assertEquals(12.0, r.serum25OHDNgPerMl(), 1e-9, "30 nmol/L = 12 ng/mL, and 2025 beats 2024");
        assertEquals(21.0, r.alcoholDrinksPerWeek(), 1e-9);
        assertEquals(49.9, r.weightKg(), 0.05);
        assertEquals(165.0, r.heightCm(), 1e-9);
        Medication m = r.medications().get(0);
        assertEquals(1.0, m.doseMgPerDay(), 1e-9, "the medicine's own dose: 1 tablet of 1 mg a day");
        assertEquals("oral tablet", m.route());
        Assessment a = cds.assess(r, asOf);
        assertTrue(a.hasAdvice("MEDICATION-GLUCOCORTICOID-ASSESSMENT"), a.adviceCodes().toString());
        assertTrue(a.advice().stream().filter(x -> x.code().equals("MEDICATION-GLUCOCORTICOID-ASSESSMENT"))
                .anyMatch(x -> x.rationale().contains("prednisone-equivalent 6.7 mg/day")),
                "dexamethasone 1 mg = 6.67 mg prednisone, converted by the engine");
        assertTrue(a.hasAdvice("NUTRITION-VITAMIN-D-LOW"));
        assertTrue(a.findings().hasRiskFactor("alcohol-over-2-per-day"));
        assertTrue(mappings.get(0).fields().get("serum25OHDNgPerMl").get(0).contains("2025-01-01"));
    }
}
