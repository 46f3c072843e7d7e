package org.osteocds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osteocds.OsteoCds;

/** The three evaluations agree on the CMS249 test cases copied into src/test/resources/cms249. */
class AgreementTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);   // the end of the measurement period

    @Test
    void cqlOsteoCdsAndPlainJavaAgreeOnTheCms249Cases() throws Exception {
        List<String> bundles = Patients.bundleFiles(Path.of("src/test/resources/cms249"));
        assertEquals(17, bundles.size());
        List<Subset> osteo = new OsteoEvaluator(OsteoCds.bundled(), AS_OF).evaluate(bundles);
        List<Subset> plain = new PlainEvaluator(AS_OF).evaluate(bundles);
        List<Subset> cql = new CqlEvaluator(AS_OF).evaluate(bundles);
        assertEquals(osteo, plain, "plain Java against osteo-cds");
        assertEquals(osteo, cql, "CQL against osteo-cds");
        // the cases do exercise the subset
        assertTrue(osteo.stream().filter(s -> !s.riskFactors().isEmpty()).count() >= 10, osteo.toString());
        assertTrue(osteo.stream().anyMatch(s -> s.riskFactors().contains("glucocorticoid-exposure")));
        assertTrue(osteo.stream().anyMatch(s -> s.riskFactors().contains("aromatase-inhibitor")));
        assertTrue(osteo.stream().anyMatch(s -> s.riskFactors().contains("low-bmi")));
        assertTrue(osteo.stream().anyMatch(s -> s.riskFactors().contains("alcohol-over-2-per-day")));
    }
}
