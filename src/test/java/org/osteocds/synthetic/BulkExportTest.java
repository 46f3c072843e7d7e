package org.osteocds.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;
import org.osteocds.io.FhirInput;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.ConditionEntry;
import org.osteocds.model.FractureSite;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/**
 * The synthetic FHIR Bulk Data export reads back, through the same FHIR mapping the command line uses, as exactly
 * the patients it was written from, less what FHIR in our code tables cannot carry (the projection below says
 * what, field by field), and its manifest is a Bulk Data manifest.
 */
class BulkExportTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final int COUNT = 1_500;

    /** The generated record as the FHIR mapping gives it back. */
    static PatientRecord representable(PatientRecord r) {
        PatientRecord.Builder b = r.toBuilder();
        if (r.birthDate() == null) {
            b.birthDate(AS_OF.minusYears(r.age())).age(null);
        }
        LocalDate birth = r.birthDate() != null ? r.birthDate() : AS_OF.minusYears(r.age());
        // not in FHIR as the tables code it: intakes, vigorous minutes, balance days, FRAX hip, "no"
        b.calciumIntakeMgPerDay(null).vitaminDIntakeIuPerDay(null).vigorousActivityMinutesPerWeek(null)
                .balanceDaysPerWeek(null).fraxHipPercent(null);
        b.postmenopausal(Boolean.TRUE.equals(r.postmenopausal()) ? true : null);
        b.parentalHipFracture(Boolean.TRUE.equals(r.parentalHipFracture()) ? true : null);
        b.prematureMenopause(null);
        List<ConditionEntry> conditions = new ArrayList<>();
        if (Boolean.TRUE.equals(r.prematureMenopause())) {
            conditions.add(ConditionEntry.of("premature-menopause"));
        }
        if (r.conditions() != null) {
            conditions.addAll(r.conditions());
        }
        // fractures, as BulkExport codes them a year before the export (at it for one who was then a child)
        List<FractureSite> sites = r.fractureSites() == null ? List.of() : r.fractureSites();
        LocalDate onset = AS_OF.minusYears(1).isBefore(birth.plusYears(18)) ? AS_OF : AS_OF.minusYears(1);
        boolean fifty = java.time.Period.between(birth, onset).getYears() >= 50;
        boolean hip = Boolean.TRUE.equals(r.hipFracture()) || sites.contains(FractureSite.HIP);
        List<FractureSite> others = sites.stream().filter(x -> x != FractureSite.HIP).toList();
        if (others.isEmpty() && Boolean.TRUE.equals(r.fragilityFracture()) && !hip) {
            others = java.util.Collections.singletonList(null);
        }
        java.util.Set<FractureSite> kept = new java.util.LinkedHashSet<>();
        boolean fragility = hip && fifty;
        if (hip && fifty) {
            kept.add(FractureSite.HIP);
        }
        for (FractureSite site : others) {
            if (fifty && (site == null || site == FractureSite.DISTAL_FOREARM)) {
                fragility = true;
                kept.add(FractureSite.DISTAL_FOREARM);
            } else if (fifty && site != FractureSite.OTHER) {
                fragility = true;
                conditions.add(ConditionEntry.of("osteoporosis", onset));
            }
        }
        b.conditions(r.conditions() == null && conditions.isEmpty() ? List.of() : conditions);
        b.fragilityFracture(fragility ? true : null);
        b.hipFracture(hip ? true : null).vertebralFracture(null);
        b.fractureSites(kept.isEmpty() ? null : List.copyOf(kept));
        if (r.alcoholDrinksPerWeek() != null) {
            b.alcoholDrinksPerWeek(r.alcoholDrinksPerWeek() / 7 * 7);
        }
        if (r.medications() != null) {
            List<Medication> meds = new ArrayList<>();
            for (Medication m : r.medications()) {
                Medication.Builder mb = m.toBuilder().durationMonths(null);
                String code = BulkExport.RXNORM_CODES.get(m.name());
                if (code != null) {
                    mb.system(BulkExport.RXNORM).code(code);
                }
                if (m.start() == null && m.durationMonths() != null) {
                    mb.start(AS_OF.minusDays(Math.round(m.durationMonths() * 30) - 1));
                }
                meds.add(mb.build());
            }
            b.medications(meds);
        } else {
            b.medications(List.of());
        }
        return b.build();
    }

    @Test
    void theExportReadsBackAsThePatientsItWasWrittenFrom(@TempDir Path dir) throws IOException {
        List<PatientRecord> written = new ArrayList<>();
        PanelGenerator g = new PanelGenerator(11, AS_OF);
        try (BulkExport bulk = new BulkExport(dir, AS_OF)) {
            for (int i = 0; i < COUNT; i++) {
                PatientRecord r = g.next();
                written.add(r);
                bulk.write(r);
            }
        }
        Map<String, PatientRecord> read = new LinkedHashMap<>();
        try (Stream<ParsedRecord> s = FhirInput.read(OsteoCds.bundled(), dir, AS_OF, m -> { })) {
            s.forEach(p -> {
                ParsedRecord.Valid v = (ParsedRecord.Valid) p;
                read.put(v.record().id(), v.record());
            });
        }
        assertEquals(COUNT, read.size(), "one patient per Patient resource, all valid");
        int withMedicines = 0;
        int withFractures = 0;
        for (PatientRecord r : written) {
            PatientRecord expected = representable(r);
            PatientRecord actual = read.get(r.id());
            assertEquals(PatientRecords.toJson(sorted(expected)), PatientRecords.toJson(sorted(actual)), r.id());
            withMedicines += r.medications() != null && !r.medications().isEmpty() ? 1 : 0;
            withFractures += Boolean.TRUE.equals(actual.fragilityFracture()) ? 1 : 0;
        }
        assertTrue(withMedicines > 200 && withFractures > 20, "the sample must exercise medicines (" + withMedicines
                + ") and fractures (" + withFractures + ")");
    }

    /** The mapping lists conditions and medicines by resource; the generator in its own order: compare sorted. */
    private static PatientRecord sorted(PatientRecord r) {
        PatientRecord.Builder b = r.toBuilder();
        if (r.conditions() != null) {
            b.conditions(r.conditions().stream().sorted(java.util.Comparator.comparing(ConditionEntry::key)
                    .thenComparing(c -> String.valueOf(c.onset()))).toList());
        }
        if (r.medications() != null) {
            b.medications(r.medications().stream().sorted(java.util.Comparator.comparing(Medication::name)
                    .thenComparing(m -> String.valueOf(m.start()))).toList());
        }
        return b.build();
    }

    @Test
    void noMedicineIsTakenForLongerThanItsPatientHasLived() {
        PanelGenerator g = new PanelGenerator(1, AS_OF);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            PatientRecord r = g.next();
            for (Medication m : r.medications() == null ? List.<Medication>of() : r.medications()) {
                if (m.durationMonths() != null && r.birthDate() != null) {
                    long lived = Math.max(1, java.time.Period.between(r.birthDate(), AS_OF).toTotalMonths());
                    assertTrue(m.durationMonths() <= lived,
                            r.id() + ": " + m.name() + " for " + m.durationMonths() + " months, lived " + lived);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1_000, "medicines checked: " + checked);
    }

    @Test
    void aRecordGivenByAgeAloneHasNothingDatedBeforeTheBirthDateWritten(@TempDir Path dir) throws IOException {
        // the generator capped the months at the true age (2 years 11 months); the export writes the latest birth
        // date an age of 2 allows, 2024-06-01: the peer benchmark found such a child invalid ("before the birth date")
        PatientRecord child = PatientRecord.builder("AGE-ONLY").age(2).sex(org.osteocds.model.Sex.FEMALE)
                .medications(List.of(Medication.builder().name("carbamazepine").durationMonths(33).build(),
                        Medication.builder().name("prednisolone").start(LocalDate.of(2023, 9, 1))
                                .end(LocalDate.of(2024, 1, 1)).build()))
                .build();
        try (BulkExport bulk = new BulkExport(dir, AS_OF)) {
            bulk.write(child);
        }
        LocalDate birth = LocalDate.of(2024, 6, 1);
        for (String type : List.of("MedicationRequest", "MedicationAdministration", "Condition")) {
            for (String line : Files.readAllLines(dir.resolve(type + ".ndjson"))) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(line);
                while (m.find()) {
                    assertTrue(!LocalDate.parse(m.group()).isBefore(birth), type + " dated before birth: " + line);
                }
            }
        }
        try (Stream<ParsedRecord> s = FhirInput.read(OsteoCds.bundled(), dir, AS_OF, m -> { })) {
            List<ParsedRecord> read = s.toList();
            assertEquals(1, read.size());
            assertTrue(read.get(0) instanceof ParsedRecord.Valid, read.get(0).toString());
        }
    }

    @Test
    void theManifestNamesEveryFileAndTheTransactionTime(@TempDir Path dir) throws IOException {
        new PanelGenerator(1, AS_OF).writeBulk(20, dir);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("2026-06-01T00:00:00Z", manifest.get("transactionTime").asText());
        assertEquals(BulkExport.TYPES.size(), manifest.get("output").size());
        for (JsonNode o : manifest.get("output")) {
            assertTrue(Files.exists(dir.resolve(o.get("url").asText())), o.toString());
        }
        assertEquals(20, Files.readAllLines(dir.resolve("Patient.ndjson")).size());
    }
}
