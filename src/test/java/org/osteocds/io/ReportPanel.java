package org.osteocds.io;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.Category;
import org.osteocds.model.Evidence;
import org.osteocds.model.Findings;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.Indicator;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.PatientSummary;
import org.osteocds.model.RecordError;
import org.osteocds.model.Sex;

/**
 * A small panel for the report and worklist tests: the bundled samples and a few native records read as the command
 * line reads them, records built in code, and hand-made assessments for what the bundled rules cannot give (a failed
 * record, codes the catalogue does not have).
 */
final class ReportPanel {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final OsteoCds CDS = OsteoCds.bundled();

    /** Native records: three out of scope (under 6, age unknown, two deceased) and one invalid with two errors. */
    static final String NDJSON = """
            {"id":"K-1","name":"Kim Small","age":3,"sex":"male"}
            {"id":"U-1","name":"Una Known","sex":"female"}
            {"id":"D-1","name":"Dora Late","age":80,"sex":"female","deceased":true,"deceasedDate":"2026-01-10"}
            {"id":"D-2","age":75,"sex":"male","deceased":true}
            {"id":"BAD-1","name":"Bea Broken","age":-4,"tScore":"low"}
            """;

    private ReportPanel() {
    }

    /** @return every assessment of the panel, in input order */
    static List<Assessment> assessments() throws IOException {
        List<Assessment> all = new ArrayList<>(read(Files.newBufferedReader(
                Path.of("test-fixtures", "samples", "patients.json"), StandardCharsets.UTF_8)));
        all.addAll(read(new StringReader(NDJSON)));
        for (PatientRecord r : built()) {
            all.add(CDS.assess(r, AS_OF));
        }
        all.add(failed("F-1", "Fay Failing"));
        return all;
    }

    static List<Assessment> read(Reader in) {
        try (Reader r = in; Stream<ParsedRecord> records = PatientRecords.read(r);
             Stream<Assessment> assessed = CDS.assessAll(records, AS_OF, 1)) {
            return assessed.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records built in code: names with markup and spreadsheet formulas, steroid use, osteoporosis untreated. */
    static List<PatientRecord> built() {
        return List.of(
                PatientRecord.builder("W-1").name("Ada <b>Lovelace</b>").age(70).sex(Sex.FEMALE)
                        .medications(List.of(Medication.of("prednisone", 7.5, 6.0))).build(),
                PatientRecord.builder("W-2").name("=HYPERLINK(\"http://example.invalid\")").age(72).sex(Sex.FEMALE)
                        .tScoreLumbarSpine(-2.8).lastDxaDate(LocalDate.of(2024, 5, 1)).build(),
                PatientRecord.builder("-M1").name("+Bob Stone").age(75).sex(Sex.MALE).build(),
                PatientRecord.builder("A-1").name("Al Young").age(40).sex(Sex.MALE).build());
    }

    /** A failed assessment, as the engine makes when a rule throws. */
    static Assessment failed(String id, String name) {
        return new Assessment(id, AS_OF, AssessmentStatus.FAILED, CDS.ruleset(), null, List.of(), List.of(),
                List.of(new RecordError("rule", null, "rule \"Broken rule\" threw: boom")), null, null,
                new PatientSummary(name, 66, Sex.FEMALE));
    }

    /** An assessed patient with exactly the given advice (codes need not be in the catalogue). */
    static Assessment withAdvice(String id, String name, Advice... advice) {
        return new Assessment(id, AS_OF, AssessmentStatus.ASSESSED, CDS.ruleset(),
                new Findings(AgeGroup.OLDER_ADULT, BoneStatus.OSTEOPOROSIS, List.of()), List.of(advice), List.of(),
                List.of(), null, null, new PatientSummary(name, 68, Sex.FEMALE));
    }

    static Advice advice(String code, Indicator indicator, String rationale) {
        return new Advice(code, Category.MEDICATION, indicator, "summary of " + code, "clinician summary of " + code,
                "detail", rationale,
                List.of(new Evidence("A citation. More.", "https://example.invalid", "guideline")), "a rule");
    }
}
