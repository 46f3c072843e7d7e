package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.Evidence;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.Sex;

/**
 * The wording rules of catalogue 1.1: unverified claims are hedged (checked when the rules load), each reviewed
 * medicine class cites its own source in the advice a patient gets, the referral names the population the WHO
 * criteria apply to, and adults hear that it is never too late to start.
 */
class ClinicalWordingTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    @Test
    void theSourcesEvidenceMdCallsUnverifiedListTheirClaims() throws IOException {
        String evidence = Files.readString(TestRules.rulesDir().resolve(Catalogue.EVIDENCE_FILE));
        for (String id : List.of("obryan-2022", "watson-2018", "aaos", "leboff-2022")) {
            String block = evidence.substring(evidence.indexOf("\n" + id + ":"));
            block = block.substring(0, block.indexOf("\n\n") < 0 ? block.length() : block.indexOf("\n\n"));
            assertTrue(block.contains("unverifiedClaims:"), id + " lists no unverified claim");
        }
        assertTrue(CatalogueTest.load().entries().size() > 20, "the bundled wording passes the check");
    }

    @Test
    void aCertainSoundingUnverifiedClaimIsAnErrorNamingTheCodeAndTheSentence() {
        RuleFiles bundled = RuleFiles.read(TestRules.rulesDir());
        Map<String, byte[]> files = new HashMap<>(bundled.files());
        String advice = new String(files.get(Catalogue.ADVICE_FILE), StandardCharsets.UTF_8);
        String hedged = "A 2022 analysis, probably O'Bryan 2022 (the seed article's source is not confirmed), reported\n"
                + "    that progressive resistance training may raise";
        assertTrue(advice.contains(hedged), "the fixture sentence moved; update this test");
        files.put(Catalogue.ADVICE_FILE, advice.replace(hedged, "A 2022 analysis, O'Bryan 2022, showed\n"
                + "    that progressive resistance training will raise").getBytes(StandardCharsets.UTF_8));
        List<RuleProblem> problems = new ArrayList<>();
        Catalogue.load(new RuleFiles("edited", files), problems);
        List<RuleProblem> errors = problems.stream().filter(RuleProblem::isError).toList();
        assertEquals(1, errors.size(), problems.toString());
        RuleProblem p = errors.get(0);
        assertEquals(Catalogue.ADVICE_FILE, p.file());
        assertTrue(p.line() > 1, "points at the code's line");
        assertTrue(p.message().startsWith("EXERCISE-RESISTANCE-TRAINING: states an unverified claim of obryan-2022 "
                + "(\"O'Bryan 2022\") as certain") && p.message().contains("will raise hip and femur"), p.message());
    }

    @Test
    void eachReviewedMedicineClassCitesItsOwnSourceInTheAdviceThePatientGets() throws IOException {
        Map<String, String> example = new LinkedHashMap<>();
        example.put("aromatase-inhibitor", "letrozole");
        example.put("androgen-deprivation", "leuprolide");
        example.put("antiepileptic", "phenytoin");
        example.put("proton-pump-inhibitor", "omeprazole");
        example.put("ssri", "fluoxetine");
        example.put("thiazolidinedione", "pioglitazone");
        example.put("heparin", "heparin");
        example.put("depot-medroxyprogesterone", "depo-provera");
        example.put("calcineurin-inhibitor", "cyclosporine");
        example.put("loop-diuretic", "furosemide");
        example.put("glucocorticoid", "prednisone");
        Map<String, String> evidenceOf = reviewEvidence();
        assertEquals(evidenceOf.keySet(), example.keySet(), "every reviewed class of medication-review.csv is tried");
        Catalogue catalogue = CatalogueTest.load();
        OsteoCds cds = TestRules.bundled();
        for (Map.Entry<String, String> e : example.entrySet()) {
            PatientRecord r = PatientRecord.builder("review-" + e.getKey()).age(60).sex(Sex.MALE)
                    .medications(List.of(Medication.of(e.getValue(), 5.0, 36.0))).build();
            Assessment a = cds.assess(r, AS_OF);
            Advice review = a.advice().stream().filter(x -> x.code().equals("MEDICATION-BONE-REVIEW")).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getValue() + " is not reviewed: " + a.adviceCodes()));
            assertTrue(review.rationale().contains(e.getValue() + " (" + e.getKey()), review.rationale());
            for (String id : evidenceOf.get(e.getKey()).split(";")) {
                Evidence cited = catalogue.evidence().get(id);
                assertTrue(review.evidence().contains(cited), e.getKey() + " does not cite " + id);
            }
        }
    }

    @Test
    void medicinesNotReviewedDoNotCallForAReview() {
        OsteoCds cds = TestRules.bundled();
        for (String name : List.of("levothyroxine", "estradiol", "alendronate", "metformin")) {
            PatientRecord r = PatientRecord.builder("no-review-" + name).age(60).sex(Sex.FEMALE)
                    .medications(List.of(Medication.of(name, 5.0, 36.0))).build();
            assertFalse(cds.assess(r, AS_OF).hasAdvice("MEDICATION-BONE-REVIEW"), name);
        }
    }

    /** @return the reviewed classes of medication-review.csv and the evidence ids each cites */
    static Map<String, String> reviewEvidence() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TestRules.rulesDir().resolve("terminology/medication-review.csv"))) {
            if (line.startsWith("#") || line.startsWith("class,") || line.isBlank()) {
                continue;
            }
            String[] c = line.split(",", -1);
            if (!c[4].isBlank()) {
                out.put(c[0], c[4]);
            }
        }
        return out;
    }

    @Test
    void theReferralNamesWhomTheWhoCriteriaApplyToAndAdultsHearItIsNeverTooLate() {
        Catalogue c = CatalogueTest.load();
        String referral = c.entry("REFERRAL-OSTEOPOROSIS-EVALUATION").detail();
        assertTrue(referral.contains("the WHO criteria apply to postmenopausal women and men aged 50 and over"), referral);
        assertTrue(referral.contains("the WHO T-score criteria do not apply"), referral);
        assertTrue(c.entry("EXERCISE-RESISTANCE-TRAINING").detail().startsWith("It is never too late to start"));
    }
}
