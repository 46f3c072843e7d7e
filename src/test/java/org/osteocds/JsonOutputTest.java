package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.io.JsonWriter;
import org.osteocds.model.Advice;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.Category;
import org.osteocds.model.Evidence;
import org.osteocds.model.Findings;
import org.osteocds.model.Indicator;
import org.osteocds.model.Ruleset;

/**
 * The command line's JSON renderer copies each advice's catalogue texts from JSON rendered once; its text must be
 * exactly what the library's mapper writes, compact and indented.
 */
class JsonOutputTest {
    private static final ObjectWriter COMPACT = JsonSupport.MAPPER.writer();
    private static final ObjectWriter PRETTY = JsonSupport.MAPPER.writerWithDefaultPrettyPrinter();

    @Test
    void renderedAssessmentsEqualTheMappersText() throws Exception {
        List<Assessment> all = OsteoCds.bundled().assessAll(RandomRecords.generate(3_000, 11L),
                LocalDate.of(2026, 6, 1));
        int advice = 0;
        for (Assessment a : all) {
            advice += a.advice().size();
            assertEquals(COMPACT.writeValueAsString(a), JsonWriter.render(a, true), a.patientId());
            assertEquals("  " + PRETTY.writeValueAsString(a).replace("\n", "\n  "), JsonWriter.render(a, false),
                    a.patientId());
        }
        assertTrue(advice > 10_000, "the records should carry plenty of advice, got " + advice);
    }

    @Test
    void adviceWithEverNewTextsStillRendersExactly() throws Exception {
        // more distinct texts than the renderer keeps, with characters that need escaping
        Ruleset ruleset = OsteoCds.bundled().ruleset();
        List<Advice> advice = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            advice.add(new Advice("EXERCISE-RESISTANCE-TRAINING", Category.EXERCISE, Indicator.INFO,
                    "summary \"" + i + "\" é\n", "for the clinician " + (i % 7), "detail \\ " + i + "\t\u0001",
                    "why " + i,
                    List.of(new Evidence("citation " + i, "https://example.org/" + i, "moderate")), "rule " + i));
        }
        for (int i = 0; i < advice.size(); i += 50) {
            Assessment a = new Assessment("P-" + i, LocalDate.of(2026, 6, 1), AssessmentStatus.ASSESSED, ruleset,
                    new Findings(AgeGroup.ADULT, BoneStatus.UNKNOWN, List.of()), advice.subList(i, i + 50),
                    List.of(), List.of(), null, null, null);
            assertEquals(COMPACT.writeValueAsString(a), JsonWriter.render(a, true));
            assertEquals("  " + PRETTY.writeValueAsString(a).replace("\n", "\n  "), JsonWriter.render(a, false));
        }
    }
}
