package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.Assessment;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.Ruleset;

/** A ruleset's identity is its id, version and a SHA-256 over every file; any edit changes the hash. */
class RulesetIdentityTest {

    @Test
    void bundledRulesAreTheRepositoryRulesFolder() {
        Ruleset bundled = TestRules.bundled().ruleset();
        assertEquals("osteo-cds-core", bundled.id());
        assertEquals("2.0.0", bundled.version());
        assertEquals(RuleFiles.read(TestRules.rulesDir()).sha256(), bundled.sha256());
        assertTrue(bundled.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void editingARuleFileChangesTheHash(@TempDir Path dir) throws IOException {
        Path rules = RuleFolders.copyOfRules(dir);
        String before = RuleFiles.read(rules).sha256();
        assertEquals(TestRules.bundled().ruleset().sha256(), before);
        Path drl = rules.resolve("lifestyle/lifestyle-advice.drl");
        Files.writeString(drl, Files.readString(drl) + "\n// a comment is still a change\n");
        String after = RuleFiles.read(rules).sha256();
        assertNotEquals(before, after);
        Ruleset loaded = OsteoCds.fromRules(rules).ruleset();
        assertEquals(after, loaded.sha256());
        Assessment a = OsteoCds.fromRules(rules).assess(PatientRecord.builder("x").age(30).build(),
                LocalDate.of(2026, 1, 1));
        assertEquals(after, a.ruleset().sha256());
    }

    @Test
    void renamingOrEditingADataFileChangesTheHash(@TempDir Path dir) throws IOException {
        Path rules = RuleFolders.copyOfRules(dir);
        String before = RuleFiles.read(rules).sha256();
        Path csv = rules.resolve("terminology/routes.csv");
        Files.writeString(csv, Files.readString(csv).replace("oral,true", "oral,true\n"));
        String edited = RuleFiles.read(rules).sha256();
        assertNotEquals(before, edited);
        Files.move(rules.resolve("lifestyle"), rules.resolve("lifestyle2"));
        assertNotEquals(edited, RuleFiles.read(rules).sha256());
    }

    @Test
    void versionComesFromRulesetYaml(@TempDir Path dir) throws IOException {
        Path rules = RuleFolders.copyOfRules(dir);
        Files.writeString(rules.resolve("ruleset.yaml"), "id: local-variant\nversion: 2.3.4\n");
        Ruleset r = OsteoCds.fromRules(rules).ruleset();
        assertEquals("local-variant", r.id());
        assertEquals("2.3.4", r.version());
    }
}
