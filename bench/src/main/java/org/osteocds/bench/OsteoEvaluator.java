package org.osteocds.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.osteocds.OsteoCds;
import org.osteocds.io.FhirInput;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RiskFactor;

/**
 * osteo-cds through its public API: {@link FhirInput#read(OsteoCds, String, String, LocalDate,
 * java.util.function.Consumer)} maps each patient's JSON text to a record, {@link OsteoCds#assessAll(List, LocalDate)}
 * assesses the slice (the full catalogue, in sessions of {@value OsteoCds#BATCH_SIZE} as the library does), and the
 * subset is read off each {@link Assessment}.
 */
public final class OsteoEvaluator implements SubsetEvaluator {
    private final OsteoCds cds;
    private final LocalDate asOf;

    /**
     * @param cds  the engine (shared between threads)
     * @param asOf the assessment date
     */
    public OsteoEvaluator(OsteoCds cds, LocalDate asOf) {
        this.cds = cds;
        this.asOf = asOf;
    }

    @Override
    public String name() {
        return "osteo-cds";
    }

    @Override
    public List<Subset> evaluate(List<String> bundles) {
        List<Subset> out = new ArrayList<>(bundles.size());
        for (Assessment a : assess(bundles)) {
            out.add(a.status() == AssessmentStatus.INVALID ? Subset.invalid(a.patientId()) : subset(a));
        }
        return out;
    }

    /**
     * @param bundles one Bundle (JSON text) per patient
     * @return the full assessments, one per patient
     */
    public List<Assessment> assess(List<String> bundles) {
        List<ParsedRecord> records = new ArrayList<>(bundles.size());
        for (String b : bundles) {
            List<ParsedRecord> parsed = FhirInput.read(cds, b, "bundle", asOf, null).toList();
            if (parsed.size() != 1) {
                throw new IllegalStateException("expected one patient, got " + parsed);
            }
            records.add(parsed.get(0));
        }
        // the library's own batching (sessions of 100) on the calling thread; an invalid record is an invalid
        // assessment naming its errors
        return cds.assessAll(records.stream(), asOf, 1).toList();
    }

    /**
     * @param a an assessment
     * @return its subset: scope, risk-factor keys, whether SCREENING-BONE-DENSITY-TEST is advised
     */
    public static Subset subset(Assessment a) {
        if (a.status() == AssessmentStatus.OUT_OF_SCOPE) {
            return Subset.outOfScope(a.patientId());
        }
        if (a.status() != AssessmentStatus.ASSESSED) {
            throw new IllegalStateException(a.patientId() + " is " + a.status() + ": " + a.errors());
        }
        Set<String> keys = a.findings().riskFactors().stream().map(RiskFactor::key)
                .collect(Collectors.toCollection(TreeSet::new));
        return Subset.assessed(a.patientId(), keys, a.hasAdvice(Subset.DXA_ADVICE));
    }
}
