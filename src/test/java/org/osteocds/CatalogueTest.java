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
public class CatalogueTest {
    /** The codes of ../shared/spec/advice-catalogue.md (kept here too, so the suite runs without shared/). */
    public static List<String> catalogueCodes() {
        return List.of("EXERCISE-YOUTH-BONE-STRENGTHENING", "EXERCISE-RESISTANCE-TRAINING",
                "EXERCISE-WEIGHT-BEARING-AEROBIC", "EXERCISE-MULTICOMPONENT-OLDER", "EXERCISE-BONE-LOSS-PROGRAMME",
                "EXERCISE-SPINE-SAFETY", "EXERCISE-KEEP-UP", "NUTRITION-CALCIUM-INCREASE", "NUTRITION-CALCIUM-EXCESS",
                "NUTRITION-VITAMIN-D-INTAKE", "NUTRITION-VITAMIN-D-LOW", "NUTRITION-VITAMIN-D-EXCESS",
                "LIFESTYLE-ALCOHOL-LIMIT", "LIFESTYLE-SMOKING-CESSATION", "LIFESTYLE-FALL-PREVENTION",
                "LIFESTYLE-HEALTHY-WEIGHT", "MEDICATION-BONE-REVIEW", "MEDICATION-GLUCOCORTICOID-ASSESSMENT",
                "CONDITION-BONE-HEALTH-REVIEW", "SCREENING-BONE-DENSITY-TEST", "REFERRAL-OSTEOPOROSIS-EVALUATION",
                "REFERRAL-LOW-BONE-DENSITY-FOR-AGE", "MEDICATION-DENOSUMAB-DELAYED");
    }

    public static Catalogue load() {
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
