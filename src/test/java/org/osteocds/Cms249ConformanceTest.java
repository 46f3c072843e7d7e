package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osteocds.model.Assessment;
import org.osteocds.model.BoneStatus;

/**
 * CMS249: for each of the 53 test cases, are risk factors (or an osteoporosis or osteopenia status) found as of
 * 2025-12-31 exactly when the measure's expected MeasureReport has the denominator exclusion? The disagreements are
 * listed, with their reasons, in docs/cms249-conformance.md; this test pins them.
 */
class Cms249ConformanceTest {
    static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    /** The measure looks only at risk factors present before its measurement period (2025); we assess at its end. */
    static final Map<String, String> KNOWN_DISAGREEMENTS = Map.of(
            "DENEXFail-ActiveMedsDurMP", "measure timing: risk factors recorded during the measurement period",
            "DENEXFail-OsteopeniaDurMP", "measure timing: osteopenia diagnosed during the measurement period",
            "DENEXFail-OsteoporosisDurMP", "measure timing: osteoporosis diagnosed during the measurement period");

    @Test
    void riskFactorsMatchTheExpectedDenominatorExclusions() throws IOException {
        ObjectMapper m = new ObjectMapper();
        Map<String, String> disagreements = new TreeMap<>();
        int cases = 0;
        try (Stream<Path> files = Files.list(FhirSamplesTest.samples().resolve("ecqm-cms249"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                cases++;
                String name = f.getFileName().toString().replace("CMS249FHIR-v0.2.001-", "").replace(".json", "");
                boolean expected = false;
                for (JsonNode e : m.readTree(f.toFile()).get("entry")) {
                    JsonNode r = e.get("resource");
                    if (r.get("resourceType").asText().equals("MeasureReport")) {
                        for (JsonNode pop : r.get("group").get(0).get("population")) {
                            if (pop.get("code").get("coding").get(0).get("code").asText().equals("denominator-exclusion")) {
                                expected = pop.get("count").asInt() == 1;
                            }
                        }
                    }
                }
                Assessment a = FhirSamplesTest.assess(f, AS_OF, null).get(0);
                boolean found = !a.findings().riskFactors().isEmpty()
                        || a.findings().boneStatus() == BoneStatus.OSTEOPOROSIS
                        || a.findings().boneStatus() == BoneStatus.OSTEOPENIA;
                if (found != expected) {
                    disagreements.put(name, "expected exclusion " + expected + ", found " + a.findings());
                }
            }
        }
        assertEquals(53, cases);
        assertEquals(new TreeMap<>(KNOWN_DISAGREEMENTS).keySet(), disagreements.keySet(), disagreements.toString());
        assertTrue(cases - disagreements.size() >= 50);
    }
}
