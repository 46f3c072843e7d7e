package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;

/** Every validation rule of patient-record.md: each error names the record, the field and the value. */
class ValidationTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    private static ParsedRecord parse(String json) {
        try (var s = PatientRecords.read(new StringReader(json))) {
            List<ParsedRecord> all = s.toList();
            assertEquals(1, all.size());
            return all.get(0);
        }
    }

    private static RecordError onlyError(String json) {
        ParsedRecord p = parse(json);
        ParsedRecord.Invalid inv = assertInstanceOf(ParsedRecord.Invalid.class, p, json);
        assertEquals(1, inv.errors().size(), () -> "errors: " + inv.errors());
        return inv.errors().get(0);
    }

    @ParameterizedTest(name = "{0} = {1} is rejected")
    @CsvSource(delimiter = '|', value = {
        "age|-1", "age|121",
        "tScoreLumbarSpine|-7.1", "tScoreLumbarSpine|5.1", "tScoreFemoralNeck|-7.5", "tScoreTotalHip|6",
        "tScore|-8", "calciumIntakeMgPerDay|-1", "vitaminDIntakeIuPerDay|-5", "serum25OHDNgPerMl|-0.1",
        "alcoholDrinksPerWeek|-2", "moderateActivityMinutesPerWeek|-10", "vigorousActivityMinutesPerWeek|-1",
        "activityMinutesPerDay|-3", "strengthDaysPerWeek|8", "strengthDaysPerWeek|-1", "balanceDaysPerWeek|7.5",
        "fallsLast12Months|-1", "heightCm|0", "weightKg|-60", "bmi|0"})
    void outOfRangeValuesNameRecordFieldAndValue(String field, String value) {
        String age = field.equals("age") ? "" : "\"age\":40,";
        ParsedRecord p = parse("{\"id\":\"P-9\"," + age + "\"" + field + "\":" + value + "}");
        ParsedRecord.Invalid inv = assertInstanceOf(ParsedRecord.Invalid.class, p);
        assertEquals("P-9", inv.patientId());
        RecordError e = inv.errors().stream().filter(x -> x.field().equals(field)).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(value), Double.parseDouble(e.value()));
        assertTrue(e.message().contains(field), e.message());
    }

    @Test
    void tScoreLimitsThemselvesAreAccepted() {
        assertInstanceOf(ParsedRecord.Valid.class, parse("{\"id\":\"a\",\"tScore\":-7,\"tScoreTotalHip\":5}"));
        assertInstanceOf(ParsedRecord.Valid.class, parse("{\"id\":\"a\",\"age\":0,\"strengthDaysPerWeek\":7}"));
        assertInstanceOf(ParsedRecord.Valid.class, parse("{\"id\":\"a\",\"age\":120}"));
    }

    @Test
    void postmenopausalManIsRejected() {
        RecordError e = onlyError("{\"id\":\"M\",\"sex\":\"male\",\"postmenopausal\":true}");
        assertEquals("postmenopausal", e.field());
        assertEquals("true", e.value());
    }

    @Test
    void unknownFieldIsAnErrorWithASuggestion() {
        RecordError e = onlyError("{\"id\":\"T\",\"calciumIntakeMgPerDy\":900}");
        assertEquals("calciumIntakeMgPerDy", e.field());
        assertEquals("900", e.value());
        assertTrue(e.message().contains("did you mean 'calciumIntakeMgPerDay'"), e.message());
    }

    @Test
    void wrongTypesAreErrors() {
        assertEquals("age", onlyError("{\"id\":\"T\",\"age\":\"forty\"}").field());
        assertEquals("smoking", onlyError("{\"id\":\"T\",\"smoking\":\"sometimes\"}").field());
        assertEquals("sex", onlyError("{\"id\":\"T\",\"sex\":\"x\"}").field());
        assertEquals("birthDate", onlyError("{\"id\":\"T\",\"birthDate\":\"01/02/1960\"}").field());
        assertEquals("fragilityFracture", onlyError("{\"id\":\"T\",\"fragilityFracture\":\"yes\"}").field());
        assertEquals("age", onlyError("{\"id\":\"T\",\"age\":40.5}").field());
        assertEquals("medications", onlyError("{\"id\":\"T\",\"medications\":\"prednisone\"}").field());
    }

    @Test
    void everyBadFieldIsReportedNotJustTheFirst() {
        ParsedRecord.Invalid inv = assertInstanceOf(ParsedRecord.Invalid.class,
                parse("{\"id\":\"T\",\"age\":130,\"tScore\":9,\"strengthDaysPerWeek\":10,\"bogus\":1}"));
        assertEquals(List.of("age", "bogus", "strengthDaysPerWeek", "tScore"),
                inv.errors().stream().map(RecordError::field).sorted().toList());
    }

    @Test
    void missingIdUsesTheSourcePosition() {
        try (var s = PatientRecords.read(new StringReader("{\"id\":\"A\"}\n{\"age\":40}\n"))) {
            ParsedRecord.Invalid inv = assertInstanceOf(ParsedRecord.Invalid.class, s.toList().get(1));
            assertEquals("line 2", inv.patientId());
            assertEquals("id", inv.errors().get(0).field());
        }
    }

    @Test
    void medicationAndConditionEntriesAreChecked() {
        assertEquals("medications[0].doseMgPerDay",
                onlyError("{\"id\":\"T\",\"medications\":[{\"name\":\"x\",\"doseMgPerDay\":-1}]}").field());
        assertEquals("medications[0]", onlyError("{\"id\":\"T\",\"medications\":[{\"route\":\"oral\"}]}").field());
        assertEquals("medications[0].dose", onlyError("{\"id\":\"T\",\"medications\":[{\"name\":\"x\",\"dose\":1}]}").field());
        assertEquals("medications[0].end",
                onlyError("{\"id\":\"T\",\"medications\":[{\"name\":\"x\",\"start\":\"2025-02-01\",\"end\":\"2025-01-01\"}]}").field());
        RecordError c = onlyError("{\"id\":\"T\",\"conditions\":[\"lupsu\"]}");
        assertEquals("conditions[0].key", c.field());
        assertEquals("lupsu", c.value());
        assertTrue(c.message().contains("did you mean 'lupus'?"), c.message());
        assertFalse(c.message().contains(".md"), "no pointer to a file the jar does not ship: " + c.message());
        assertTrue(c.message().contains("osteocds-schemas/patient-record.schema.json"), c.message());
        assertTrue(getClass().getResource("/osteocds-schemas/patient-record.schema.json") != null, "and it is shipped");
        assertTrue(onlyError("{\"id\":\"T\",\"conditions\":[{\"key\":\"osteopena\"}]}").message()
                .contains("did you mean 'osteopenia'?"));
    }

    @Test
    void aLongBadValueIsEchoedShortAndNumbersMustBePlausible() {
        String big = "x".repeat(60_000);
        RecordError e = onlyError("{\"id\":\"T\",\"sex\":\"" + big + "\"}");
        assertTrue(e.value().length() <= 80, "at most 80 characters of a bad value");
        assertEquals("heightCm", onlyError("{\"id\":\"T\",\"heightCm\":1e308}").field());
        assertTrue(onlyError("{\"id\":\"T\",\"bmi\":4.9}").message().contains("between 5 and 150"));
        assertTrue(onlyError("{\"id\":\"T\",\"zScore\":-7.5}").message().contains("between -7 and 5"));
        assertTrue(onlyError("{\"id\":\"T\",\"fraxHipPercent\":101}").message().contains("between 0 and 100"));
        assertEquals("lastDxaDate", onlyError("{\"id\":\"T\",\"birthDate\":\"1960-01-01\",\"lastDxaDate\":\"1959-12-31\"}").field());
        assertEquals("medications[0].prednisoneEquivalentMgPerDay", onlyError("{\"id\":\"T\",\"medications\":"
                + "[{\"name\":\"prednisone\",\"doseMgPerDay\":5,\"prednisoneEquivalentMgPerDay\":5}]}").field());
    }

    @Test
    void birthDateAfterAsOfIsInvalidAtAssessment() {
        PatientRecord r = PatientRecord.builder("B").birthDate(LocalDate.of(2026, 7, 1)).build();
        Assessment a = TestRules.bundled().assess(r, AS_OF);
        assertEquals(AssessmentStatus.INVALID, a.status());
        assertEquals("birthDate", a.errors().get(0).field());
        assertEquals("2026-07-01", a.errors().get(0).value());
        assertEquals("B", a.patientId());
    }

    @Test
    void ageOver120FromBirthDateIsInvalid() {
        Assessment a = TestRules.bundled().assess(PatientRecord.builder("O").birthDate(LocalDate.of(1900, 1, 1)).build(), AS_OF);
        assertEquals(AssessmentStatus.INVALID, a.status());
        assertEquals("birthDate", a.errors().get(0).field());
    }

    @Test
    void aDeathDateWithDeceasedFalseIsRejected() {
        RecordError e = onlyError("{\"id\":\"D\",\"deceased\":false,\"deceasedDate\":\"2020-01-02\"}");
        assertEquals("deceasedDate", e.field());
        assertEquals("2020-01-02", e.value());
        assertTrue(e.message().contains("deceased is false"), e.message());
    }

    @Test
    void aDeathBeforeBirthIsRejected() {
        RecordError e = onlyError("{\"id\":\"D\",\"birthDate\":\"1950-05-05\",\"deceasedDate\":\"1950-05-04\"}");
        assertEquals("deceasedDate", e.field());
        assertTrue(e.message().contains("before birthDate 1950-05-05"), e.message());
        assertInstanceOf(ParsedRecord.Valid.class,
                parse("{\"id\":\"D\",\"birthDate\":\"1950-05-05\",\"deceasedDate\":\"1950-05-05\"}"));
    }

    @Test
    void deceasedFieldsAreTypedInJsonAndReadFromCsvText() {
        RecordError e = onlyError("{\"id\":\"D\",\"deceased\":\"yes\"}");
        assertEquals("deceased", e.field());
        PatientRecord r = assertInstanceOf(ParsedRecord.Valid.class,
                parse("id,age,deceased,deceasedDate\nC,70,true,2025-02-03\n")).record();
        assertEquals(Boolean.TRUE, r.deceased());
        assertEquals(LocalDate.of(2025, 2, 3), r.deceasedDate());
    }

    @Test
    void anUnknownCsvColumnIsNamedAndATabHeaderGetsAHint() {
        RecordError e = assertInstanceOf(ParsedRecord.Invalid.class, parse("id,agee\nA,70\n")).errors().get(0);
        assertEquals("agee", e.field());
        assertTrue(e.message().startsWith("unknown column; did you mean 'age'?"), e.message());
        RecordError tab = assertInstanceOf(ParsedRecord.Invalid.class, parse("id\tage\tsex\nA\t70\tfemale\n"))
                .errors().get(0);
        assertEquals("id\tage\tsex", tab.field());
        assertTrue(tab.message().contains("the header looks tab-separated: save the file with ',' or ';' between cells"),
                tab.message());
    }

    @Test
    void aSemicolonCsvWithDecimalCommasIsReadAsSpreadsheetsWriteIt() {
        PatientRecord r = assertInstanceOf(ParsedRecord.Valid.class,
                parse("id;age;bmi;medications\nA;70;22,5;\"prednisone:7,5:6\"\n")).record();
        assertEquals(22.5, r.bmi());
        assertEquals(7.5, r.medications().get(0).doseMgPerDay());
    }

    @Test
    void builderValidatesToo() {
        InvalidRecordException e = assertThrows(InvalidRecordException.class,
                () -> PatientRecord.builder("Q").age(200).tScore(-9.0).build());
        assertEquals(2, e.errors().size());
        assertEquals("Q", e.patientId());
    }

    @Test
    void invalidRecordsDoNotStopTheOthers() {
        String ndjson = "{\"id\":\"A\",\"age\":40}\n{\"id\":\"B\",\"age\":400}\nnot json\n\n{\"id\":\"C\",\"age\":70}\n";
        try (var s = PatientRecords.read(new StringReader(ndjson));
             var out = TestRules.bundled().assessAll(s, AS_OF, 2)) {
            List<Assessment> all = out.toList();
            assertEquals(List.of("A", "B", "line 3", "C"), all.stream().map(Assessment::patientId).toList());
            assertEquals(List.of(AssessmentStatus.ASSESSED, AssessmentStatus.INVALID, AssessmentStatus.INVALID,
                    AssessmentStatus.ASSESSED), all.stream().map(Assessment::status).toList());
        }
    }
}
