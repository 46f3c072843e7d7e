package example;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.io.AssessmentWriter;
import org.osteocds.io.CardsWriter;
import org.osteocds.io.FhirInput;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.Medication;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/** The README's embedding example, as an EHR integrator's project would hold it (bin/check-embedding runs it). */
public final class Embed {
    private Embed() {
    }

    /**
     * @param args a folder of FHIR R4 Bundles, and the file to write the cards to
     * @throws Exception when reading or writing fails
     */
    public static void main(String[] args) throws Exception {
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
        System.out.println(json.length() + " characters of JSON");

        LocalDate asOf = LocalDate.of(2026, 6, 1);
        try (Stream<ParsedRecord> records = FhirInput.read(cds, Path.of(args[0]), asOf, null);
             Writer out = Files.newBufferedWriter(Path.of(args[1]));
             AssessmentWriter cards = new CardsWriter(out, cds)) {
            cards.writeAll(cds.assessAll(records, asOf, 2));   // one CDS Hooks response per patient
        }
    }
}
