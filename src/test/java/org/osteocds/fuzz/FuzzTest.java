package org.osteocds.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.engine.Engine;
import org.osteocds.internal.knowledge.RuleFiles;

/**
 * The fuzz suite's share of the build: about a minute of generated hostile inputs in every format (see {@link Fuzz}
 * for the promises checked). {@code -Dfuzz.count=N} runs more; {@code bin/fuzz N} runs a long campaign by hand.
 */
class FuzzTest {
    static final int COUNT = Integer.getInteger("fuzz.count", 2_500);
    static final long FIRST_SEED = Long.getLong("fuzz.seed", 20261202L);

    @Test
    void hostileInputsLoseNothingAndBreakNothing() throws IOException {
        Fuzz fuzz = new Fuzz(OsteoCds.bundled(), new Engine(CompiledRules.compile(RuleFiles.bundled())));
        for (long seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
            fuzz.check(seed, 2 + (int) (seed % 12));
        }
        assertTrue(fuzz.records() > COUNT, "records checked: " + fuzz.records());
    }
}
