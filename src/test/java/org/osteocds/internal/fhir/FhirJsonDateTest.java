package org.osteocds.internal.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FHIR dates are parsed by hand on the usual path: the same dates, and the same refusals, as {@code LocalDate.parse}. */
class FhirJsonDateTest {
    private static final FhirResource R = new FhirResource("Observation", "o-1", null);

    @Test
    void everyDayOfFourHundredYearsParsesAsLocalDateParseDoes() {
        for (LocalDate d = LocalDate.of(1800, 1, 1); d.isBefore(LocalDate.of(2200, 1, 1)); d = d.plusDays(1)) {
            assertEquals(d, FhirJson.date(d.toString(), R, "effectiveDateTime"));
            assertEquals(d, FhirJson.date(d + "T10:30:00+01:00", R, "effectiveDateTime"));
        }
    }

    @Test
    void whatLocalDateParseRefusesIsNotAFhirDate() {
        for (String bad : List.of("2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-01-00", "2023/01/01",
                "2023-1-01x", "20230-01-01", "2023-01-01X", "abcd-ef-gh", "+2023-01-0")) {
            FhirDataException e = assertThrows(FhirDataException.class,
                    () -> FhirJson.date(bad, R, "effectiveDateTime"), bad);
            assertEquals(bad, e.error().value());
        }
        assertEquals(LocalDate.of(2024, 2, 29), FhirJson.date("2024-02-29", R, "x"));
        assertEquals(LocalDate.of(1999, 1, 1), FhirJson.date("1999", R, "x"));
        assertEquals(null, FhirJson.date("1999-07", R, "x"));
    }
}
