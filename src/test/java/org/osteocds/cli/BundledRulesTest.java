package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.OsteoCds;
import org.osteocds.model.PatientRecord;

class BundledRulesTest {
    @Test
    void rulesBuiltAheadAreTheBundledRulesAndAreHandedOutOnce() {
        BundledRules.prefetch();
        BundledRules.prefetch();   // a second call does not start another build
        OsteoCds ahead = BundledRules.get();
        assertEquals(OsteoCds.bundled().ruleset(), ahead.ruleset());
        PatientRecord r = PatientRecord.builder("P-1").age(70).sex(org.osteocds.model.Sex.FEMALE).build();
        assertEquals(AssessmentStatus.ASSESSED, ahead.assess(r, LocalDate.of(2026, 6, 1)).status());
        OsteoCds later = BundledRules.get();   // not prefetched again: built anew
        assertNotSame(ahead, later);
        assertEquals(ahead.ruleset(), later.ruleset());
    }
}
