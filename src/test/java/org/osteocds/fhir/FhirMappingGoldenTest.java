package org.osteocds.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osteocds.OsteoCds;
import org.osteocds.TestRules;

/**
 * The streaming JSON mapping of every FHIR sample in the repository equals what the HAPI-object-model mapper gave
 * (the golden files, written by it before it was replaced), record for record and source for source, at two dates.
 */
class FhirMappingGoldenTest {
    static Stream<Path> inputs() throws IOException {
        return FhirMappingGolden.inputs(TestRules.samples()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void mapsAsTheGoldenFileSays(Path input) throws IOException {
        Path golden = FhirMappingGolden.goldenFile(TestRules.samples(), input);
        assertTrue(Files.exists(golden), "no golden file " + golden);
        assertEquals(Files.readString(golden), FhirMappingGolden.mapped(Cds.INSTANCE, input), input.toString());
    }

    private static final class Cds {
        static final OsteoCds INSTANCE = OsteoCds.bundled();
    }
}
