package org.osteocds;

import org.osteocds.internal.engine.Engines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.PatientRecord;

/**
 * The bundled rules load from the executable model precompiled at build time (ModelPrecompiler), and give exactly
 * the assessments the DRL compiled at run time gives.
 */
class PrecompiledModelTest {

    @Test
    void theBundledRulesUseThePrecompiledModel() {
        assertTrue(Engines.of(TestRules.bundled()).rules().precompiled(), "the build precompiles rules/ (process-classes)");
        assertFalse(Engines.of(OsteoCds.fromRules(TestRules.rulesDir())).rules().precompiled(), "--rules DIR compiles DRL");
        assertEquals(Engines.of(TestRules.bundled()).rules().ruleNames(),
                CompiledRules.compile(RuleFiles.read(TestRules.rulesDir())).ruleNames());
    }

    @Test
    void precompiledAndRunTimeCompiledRulesGiveTheSameAssessments() {
        OsteoCds precompiled = TestRules.bundled();
        OsteoCds classic = OsteoCds.fromRules(TestRules.rulesDir());
        List<PatientRecord> records = RandomRecords.generate(3_000, 99L);
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        assertEquals(classic.assessAll(records, asOf), precompiled.assessAll(records, asOf));
    }
}
