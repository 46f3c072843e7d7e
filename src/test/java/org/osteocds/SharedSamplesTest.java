package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osteocds.fhir.FhirMappingGolden;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;

/**
 * The longer suite: the whole shared material read in place from ../shared (or OSTEOCDS_SHARED), when it is there.
 * Without it each test is skipped and says so; the build's own tests read the copies in the repository.
 */
class SharedSamplesTest {

    static Stream<Path> inputs() throws IOException {
        Path samples = TestRules.shared().resolve("fhir-samples");
        return Files.isDirectory(samples) ? FhirMappingGolden.inputs(samples).stream() : Stream.of(samples);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everySharedSampleMapsAsItsGoldenFileSaysAndIsAssessed(Path input) throws IOException {
        Path samples = TestRules.sharedOrSkip("fhir-samples");
        assertEquals(Files.readString(FhirMappingGolden.goldenFile(samples, input)),
                FhirMappingGolden.mapped(TestRules.bundled(), input), input.toString());
        List<Assessment> out = FhirSamplesTest.assess(input, FhirSamplesTest.AS_OF, null);
        assertFalse(out.isEmpty(), input + " yields patients");
        for (Assessment a : out) {
            if (FhirSamplesTest.DIED.containsKey(a.patientId())) {
                assertEquals(AssessmentStatus.OUT_OF_SCOPE, a.status(), a.patientId());
            } else if (!input.toString().contains("cds-hooks")) {
                assertEquals(AssessmentStatus.ASSESSED, a.status(), () -> a.patientId() + " " + a.errors());
            }
        }
    }

    @Test
    void theOnePatientSyntheaExportIsOnePatient() {
        Path samples = TestRules.sharedOrSkip("fhir-samples");
        assertEquals(1, FhirSamplesTest.assess(samples.resolve("bulk-ndjson/synthea-bulk-1-patient"),
                FhirSamplesTest.AS_OF, null).size());
    }

    @Test
    void theSpecListsTheSameCodesAndIndicators() throws IOException {
        Path spec = TestRules.sharedOrSkip("spec/advice-catalogue.md");
        String text = Files.readString(spec);
        Matcher m = Pattern.compile("^\\| `([A-Z-]+)` \\| (\\w+)", Pattern.MULTILINE).matcher(text);
        Set<String> specCodes = new TreeSet<>();
        Catalogue c = CatalogueTest.load();
        while (m.find()) {
            specCodes.add(m.group(1));
            assertEquals(m.group(2), c.entry(m.group(1)) == null ? "missing" : c.entry(m.group(1)).indicator().code(),
                    m.group(1));
        }
        assertEquals(new TreeSet<>(CatalogueTest.catalogueCodes()), specCodes);
    }
}
