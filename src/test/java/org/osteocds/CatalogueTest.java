package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.RuleProblem;

/** The advice texts file holds exactly the codes of the catalogue, each with the catalogue's indicator. */
class CatalogueTest {
    /** The codes of ../shared/spec/advice-catalogue.md (kept here too, so the suite runs without shared/). */
    static List<String> catalogueCodes() {
        return List.of("EXERCISE-YOUTH-BONE-STRENGTHENING", "EXERCISE-RESISTANCE-TRAINING",
                "EXERCISE-WEIGHT-BEARING-AEROBIC", "EXERCISE-MULTICOMPONENT-OLDER", "EXERCISE-BONE-LOSS-PROGRAMME",
                "EXERCISE-SPINE-SAFETY", "EXERCISE-KEEP-UP", "NUTRITION-CALCIUM-INCREASE", "NUTRITION-CALCIUM-EXCESS",
                "NUTRITION-VITAMIN-D-INTAKE", "NUTRITION-VITAMIN-D-LOW", "NUTRITION-VITAMIN-D-EXCESS",
                "LIFESTYLE-ALCOHOL-LIMIT", "LIFESTYLE-SMOKING-CESSATION", "LIFESTYLE-FALL-PREVENTION",
                "LIFESTYLE-HEALTHY-WEIGHT", "MEDICATION-BONE-REVIEW", "MEDICATION-GLUCOCORTICOID-ASSESSMENT",
                "CONDITION-BONE-HEALTH-REVIEW", "SCREENING-BONE-DENSITY-TEST", "REFERRAL-OSTEOPOROSIS-EVALUATION");
    }

    static Catalogue load() {
        List<RuleProblem> problems = new java.util.ArrayList<>();
        Catalogue c = Catalogue.load(RuleFiles.read(TestRules.rulesDir()), problems);
        assertTrue(problems.stream().noneMatch(RuleProblem::isError), problems.toString());
        return c;
    }

    @Test
    void contentCodesAreTheCatalogueCodes() {
        assertEquals(new TreeSet<>(catalogueCodes()), new TreeSet<>(load().codes()));
    }

    @Test
    void theSpecListsTheSameCodesAndIndicators() throws IOException {
        Path spec = TestRules.shared().resolve("spec/advice-catalogue.md");
        if (!Files.exists(spec)) {
            return;   // shared/ is beside the repo on every developer machine and in CI; the list above still holds
        }
        String text = Files.readString(spec);
        Matcher m = Pattern.compile("^\\| `([A-Z-]+)` \\| (\\w+)", Pattern.MULTILINE).matcher(text);
        Set<String> specCodes = new TreeSet<>();
        Catalogue c = load();
        while (m.find()) {
            specCodes.add(m.group(1));
            assertEquals(m.group(2), c.entry(m.group(1)).indicator().code(), m.group(1));
        }
        assertEquals(new TreeSet<>(catalogueCodes()), specCodes);
    }

    @Test
    void everyCategoryMatchesTheCodePrefix() {
        for (Catalogue.Entry e : load().entries()) {
            String prefix = e.code().substring(0, e.code().indexOf('-'));
            String expected = prefix.equals("CONDITION") ? "MEDICATION" : prefix;
            assertEquals(expected, e.category().name(), e.code());
        }
    }

    @Test
    void everyCitationHasAUrlAndAnHonestCertainty() {
        for (Catalogue.Entry e : load().entries()) {
            assertTrue(!e.evidence().isEmpty(), e.code());
            e.evidence().forEach(ev -> assertTrue(ev.url().startsWith("https://"), ev.url()));
        }
        assertEquals("mixed", load().evidence().get("massini-2022").certainty());
    }
}
