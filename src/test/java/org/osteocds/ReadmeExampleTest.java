package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.Indicator;

/** The README's library example is this test's source, so it keeps compiling and stays true. */
class ReadmeExampleTest {

    @Test
    void readmeShowsTheCompiledExample() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/osteocds/ReadmeExample.java"));
        String region = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                source.indexOf("        // README-END"));
        String dedented = Arrays.stream(region.split("\n")).map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(dedented.strip()), "README.md must show the example of ReadmeExample.java:\n" + dedented);
        String embed = Files.readString(Path.of("src/test/resources/embedding/Embed.java"));
        assertTrue(embed.contains(region.strip()), "the embedding project (bin/check-embedding) runs the same example");
    }

    @Test
    void theExampleGivesTheAdviceItPromises() {
        Assessment a = ReadmeExample.run();
        assertEquals(AssessmentStatus.ASSESSED, a.status());
        assertEquals(Indicator.CRITICAL, a.advice().get(0).indicator());
        assertTrue(a.hasAdvice("REFERRAL-OSTEOPOROSIS-EVALUATION"));
        assertTrue(a.hasAdvice("MEDICATION-GLUCOCORTICOID-ASSESSMENT"));
        assertTrue(a.hasAdvice("LIFESTYLE-SMOKING-CESSATION"));
    }

    @Test
    void readmeQuickStartCommandsAreTheOnesCiRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String ci = Files.readString(Path.of(".ci/run"));
        assertTrue(readme.contains("bin/osteo-cds assess --as-of 2026-06-01 test-fixtures/samples/patients.json"));
        assertTrue(readme.contains("mvn -B test") && ci.contains("mvn -B test"));
        assertTrue(ci.contains("bin/osteo-cds assess --as-of 2026-06-01 test-fixtures/samples/patients.json"));
    }
}
