package org.osteocds;

import java.time.LocalDate;
import java.util.List;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.Medication;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/** The library example shown in README.md, compiled and run by {@link ReadmeExampleTest}. */
final class ReadmeExample {
    private ReadmeExample() {
    }

    static Assessment run() {
        // README-BEGIN
        OsteoCds cds = OsteoCds.bundled();   // compile once, share between threads

        PatientRecord record = PatientRecord.builder("P-001")
                .birthDate(LocalDate.of(1958, 3, 14))
                .sex(Sex.FEMALE)
                .tScoreLumbarSpine(-2.7)
                .calciumIntakeMgPerDay(650)
                .smoking(Smoking.CURRENT)
                .medications(List.of(Medication.of("prednisone", 7.5, 6)))
                .build();                     // throws InvalidRecordException listing every bad field

        Assessment a = cds.assess(record, LocalDate.of(2026, 6, 1));
        for (Advice advice : a.advice()) {    // most urgent first
            System.out.println(advice.indicator() + " " + advice.code() + ": " + advice.rationale());
        }
        String json = PatientRecords.toJson(a);   // exactly the output contract
        // README-END
        return a;
    }
}
