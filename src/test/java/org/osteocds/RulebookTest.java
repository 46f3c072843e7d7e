package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.authoring.Rulebook;

/** docs/rulebook.md is generated from the rules; this fails when it is stale. */
class RulebookTest {
    static final Path RULEBOOK = Path.of("docs", "rulebook.md");

    @Test
    void rulebookIsCurrent() throws IOException {
        String generated = Rulebook.generate(RuleFiles.read(TestRules.rulesDir()));
        if (Boolean.getBoolean("rulebook.update")) {
            Files.writeString(RULEBOOK, generated);
        }
        assertEquals(generated, Files.readString(RULEBOOK),
                "docs/rulebook.md is stale: mvn -B -q test -Dtest=RulebookTest -Drulebook.update=true");
    }

    @Test
    void everyCodeHasARuleThatGivesIt() {
        String generated = Rulebook.generate(RuleFiles.read(TestRules.rulesDir()));
        assertFalse(generated.contains("(no rule gives this code)"));
        for (String code : CatalogueTest.catalogueCodes()) {
            assertTrue(generated.contains("### " + code + "\n"), code);
        }
    }
}
