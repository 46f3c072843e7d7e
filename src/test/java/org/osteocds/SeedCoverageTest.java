package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.knowledge.RuleFiles;

/** Every advice code and rule name that docs/seed-coverage.md cites exists in the ruleset. */
class SeedCoverageTest {

    @Test
    void everyCitedCodeAndRuleExists() throws IOException {
        String doc = Files.readString(Path.of("docs", "seed-coverage.md"));
        Set<String> codes = new HashSet<>(CatalogueTest.catalogueCodes());
        Set<String> rules = new HashSet<>(CompiledRules.compile(RuleFiles.read(TestRules.rulesDir())).ruleNames());
        Matcher c = Pattern.compile("`([A-Z]+(?:-[A-Z0-9]+)+)`").matcher(doc);
        int seenCodes = 0;
        while (c.find()) {
            seenCodes++;
            assertTrue(codes.contains(c.group(1)), "unknown code in seed-coverage.md: " + c.group(1));
        }
        Matcher list = Pattern.compile("rules? ((?:\"[^\"]+\"(?:, )?)+)").matcher(doc);
        int seenRules = 0;
        while (list.find()) {
            Matcher r = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
            while (r.find()) {
                seenRules++;
                assertTrue(rules.contains(r.group(1)), "unknown rule in seed-coverage.md: " + r.group(1));
            }
        }
        assertTrue(seenCodes >= 21 && seenRules >= 15, "codes " + seenCodes + ", rules " + seenRules);
        for (String code : CatalogueTest.catalogueCodes()) {
            assertTrue(doc.contains("`" + code + "`"), "seed-coverage.md never mentions " + code);
        }
    }

    @Test
    void everySeedParagraphIsNumberedInTheTable() throws IOException {
        String doc = Files.readString(Path.of("docs", "seed-coverage.md"));
        for (int i = 1; i <= 28; i++) {
            assertTrue(doc.contains("\n| " + i + " | "), "row " + i);
        }
    }
}
