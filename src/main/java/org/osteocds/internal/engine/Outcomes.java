package org.osteocds.internal.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osteocds.facts.Gap;
import org.osteocds.facts.Output;
import org.osteocds.facts.HasBoneStatus;
import org.osteocds.facts.HasRiskFactor;
import org.osteocds.facts.InAgeGroup;
import org.osteocds.facts.OutOfScope;
import org.osteocds.facts.Patient;
import org.osteocds.facts.Recommendation;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.model.Advice;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.DataGap;
import org.osteocds.model.Evidence;
import org.osteocds.model.Findings;
import org.osteocds.model.Indicator;
import org.osteocds.model.PatientSummary;
import org.osteocds.model.RecordError;
import org.osteocds.model.RiskFactor;

/**
 * Turns what the rules left in a session into assessments: the facts are sorted by patient, then each patient's
 * findings, advice (recommendations of one code merged, texts and citations from the catalogue) and data gaps are
 * built. Output the contract does not allow (an unknown code, two age groups, advice out of scope) makes that
 * patient's assessment {@code failed}, naming the rule.
 */
final class Outcomes {
    private final CompiledRules rules;

    Outcomes(CompiledRules rules) {
        this.rules = rules;
    }

    /**
     * @param prepared the patients of the session, in order
     * @param facts    every fact left in the session
     * @param output   the advice and data gaps the rules gave
     * @param asOf     the assessment date
     * @return one assessment per patient, in order
     */
    List<Assessment> collect(List<FactBuilder.Facts> prepared, Collection<?> facts, Output output, LocalDate asOf) {
        // every fact names its patient; a patient's seq is its place in the batch (a record run alone keeps it)
        int size = 0;
        for (FactBuilder.Facts f : prepared) {
            size = Math.max(size, f.patient().seq() + 1);
        }
        Bucket[] buckets = new Bucket[size];
        for (FactBuilder.Facts f : prepared) {
            buckets[f.patient().seq()] = new Bucket(f.patient(), f.summary());
        }
        for (Object o : facts) {
            sort(o, buckets);
        }
        for (Recommendation r : output.advice()) {
            buckets[r.patient().seq()].advice.add(r);
        }
        for (Gap g : output.gaps()) {
            buckets[g.patient().seq()].gaps.add(g);
        }
        List<Assessment> out = new ArrayList<>(prepared.size());
        for (FactBuilder.Facts f : prepared) {
            out.add(toAssessment(buckets[f.patient().seq()], asOf));
        }
        return out;
    }

    private static void sort(Object o, Bucket[] buckets) {
        if (o instanceof HasRiskFactor r) {
            buckets[r.patient().seq()].riskFactors.add(r);
        } else if (o instanceof InAgeGroup a) {
            buckets[a.patient().seq()].ageGroups.add(a.group());
        } else if (o instanceof HasBoneStatus s) {
            buckets[s.patient().seq()].boneStatus.add(s.status());
        } else if (o instanceof OutOfScope s) {
            buckets[s.patient().seq()].outOfScope.add(s.reason());
        }
    }

    /** What the rules inferred about one patient. */
    private static final class Bucket {
        final Patient patient;
        final PatientSummary summary;
        final List<Recommendation> advice = new ArrayList<>();
        final List<HasRiskFactor> riskFactors = new ArrayList<>();
        final List<Gap> gaps = new ArrayList<>();
        final List<AgeGroup> ageGroups = new ArrayList<>();
        final List<BoneStatus> boneStatus = new ArrayList<>();
        final TreeSet<String> outOfScope = new TreeSet<>();

        Bucket(Patient patient, PatientSummary summary) {
            this.patient = patient;
            this.summary = summary;
        }
    }

    private Assessment toAssessment(Bucket b, LocalDate asOf) {
        try {
            return build(b, asOf);
        } catch (RuleOutputException e) {
            return new Assessment(b.patient.id(), asOf, AssessmentStatus.FAILED, rules.ruleset(), null, List.of(),
                    List.of(), List.of(new RecordError("rule", e.rule, e.getMessage())), null, null, b.summary);
        }
    }

    private Assessment build(Bucket b, LocalDate asOf) {
        if (b.ageGroups.size() > 1) {
            throw new RuleOutputException(null, "the rules inferred more than one age group: " + b.ageGroups);
        }
        if (b.boneStatus.size() > 1) {
            throw new RuleOutputException(null, "the rules inferred more than one bone status: " + b.boneStatus);
        }
        AgeGroup ageGroup = b.ageGroups.isEmpty() ? null : b.ageGroups.get(0);
        BoneStatus boneStatus = b.boneStatus.isEmpty() ? BoneStatus.UNKNOWN : b.boneStatus.get(0);
        Map<String, TreeSet<String>> rf = new TreeMap<>();
        for (HasRiskFactor r : b.riskFactors) {
            rf.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(r.evidence());
        }
        List<RiskFactor> riskFactors = rf.entrySet().stream()
                .map(e -> new RiskFactor(e.getKey(), String.join("; ", e.getValue()))).toList();
        Findings findings = new Findings(ageGroup, boneStatus, riskFactors);
        List<Advice> advice = advice(b.advice);
        if (!b.outOfScope.isEmpty()) {
            if (!advice.isEmpty()) {
                throw new RuleOutputException(advice.get(0).rule(), "advice given to a patient out of scope");
            }
            // out of scope, scope is what blocks every code: only a gap that blocks them all (no birth date) says
            // what to record; a missing calcium intake blocks nothing for a patient who gets no advice anyway
            b.gaps.removeIf(g -> !g.blocksAll());
            return new Assessment(b.patient.id(), asOf, AssessmentStatus.OUT_OF_SCOPE, rules.ruleset(), findings,
                    List.of(), gaps(b.gaps), List.of(), String.join("; ", b.outOfScope), null, b.summary);
        }
        return new Assessment(b.patient.id(), asOf, AssessmentStatus.ASSESSED, rules.ruleset(), findings, advice,
                gaps(b.gaps), List.of(), null, null, b.summary);
    }

    /** Data gaps by field (alphabetical), each with the codes it blocks (sorted, once each). */
    private List<DataGap> gaps(List<Gap> gaps) {
        if (gaps.isEmpty()) {
            return List.of();
        }
        gaps.sort(BY_FIELD);
        List<DataGap> out = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        TreeSet<String> details = new TreeSet<>();
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            for (String c : g.blocksAll() ? List.<String>of() : g.blocks()) {
                if (rules.catalogue().entry(c) == null) {   // the output contract's codes are a closed list
                    throw new RuleOutputException("the rule giving the data gap on " + g.field(),
                            "a data gap on " + g.field() + " blocks advice code '" + c
                            + "', which is not in " + Catalogue.ADVICE_FILE);
                }
            }
            codes.addAll(g.blocksAll() ? rules.catalogue().codes() : g.blocks());
            if (g.detail() != null) {
                details.add(g.detail());
            }
            if (i + 1 == gaps.size() || !gaps.get(i + 1).field().equals(g.field())) {
                codes.sort(null);
                List<String> distinct = new ArrayList<>(codes.size());
                for (String c : codes) {
                    if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(c)) {
                        distinct.add(c);
                    }
                }
                out.add(new DataGap(g.field(), details.isEmpty() ? null : String.join("; ", details), distinct));
                codes.clear();
                details.clear();
            }
        }
        return out;
    }

    private static final Comparator<Gap> BY_FIELD = Comparator.comparing(Gap::field);

    /** Advice by code; several recommendations of one code merge (rules and rationales in rule order). */
    private List<Advice> advice(List<Recommendation> recs) {
        recs.sort(BY_CODE_THEN_RULE);
        List<Advice> out = new ArrayList<>(recs.size());
        for (int from = 0; from < recs.size(); ) {
            Recommendation first = recs.get(from);
            int to = from + 1;
            while (to < recs.size() && recs.get(to).code().equals(first.code())) {
                to++;
            }
            out.add(merged(recs.subList(from, to)));
            from = to;
        }
        return out;
    }

    private static final Comparator<Recommendation> BY_CODE_THEN_RULE =
            Comparator.comparing(Recommendation::code).thenComparing(Recommendation::rule);

    private Advice merged(List<Recommendation> group) {
        Recommendation first = group.get(0);
        Catalogue.Entry entry = rules.catalogue().entry(first.code());
        if (entry == null) {
            throw new RuleOutputException(first.rule(), "advice code '" + first.code()
                    + "' is not in the advice catalogue");
        }
        Indicator indicator = entry.indicator();
        String rationale = first.rationale();
        String rule = first.rule();
        if (group.size() > 1) {
            Set<String> rationales = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            for (Recommendation r : group) {
                rationales.add(r.rationale());
                names.add(r.rule());
            }
            rationale = String.join("; ", rationales);
            rule = String.join("; ", names);
        }
        List<Evidence> evidence = entry.evidence();
        for (Recommendation r : group) {
            if (r.indicator() != null && r.indicator().compareTo(indicator) < 0) {
                indicator = r.indicator();
            }
            if (r.evidence() != null) {
                evidence = withCited(evidence, r.evidence(), r.rule());
            }
        }
        try {
            return new Advice(entry.code(), entry.category(), indicator, entry.summary(), entry.clinicianSummary(),
                    entry.detail(), rationale, evidence, rule);
        } catch (IllegalArgumentException ex) {
            throw new RuleOutputException(first.rule(), ex.getMessage());
        }
    }

    /** The catalogue's citations for a code and, after them, those a recommendation cites (each once). */
    private List<Evidence> withCited(List<Evidence> base, String ids, String rule) {
        List<Evidence> out = new ArrayList<>(base);
        for (String id : ids.split(";")) {
            if (id.isBlank()) {
                continue;
            }
            Evidence e = rules.catalogue().evidence().get(id.strip());
            if (e == null) {
                throw new RuleOutputException(rule, "evidence id '" + id.strip() + "' is not in "
                        + Catalogue.EVIDENCE_FILE);
            }
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** A rule produced output the engine cannot accept (an unknown code, two age groups...). */
    private static final class RuleOutputException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String rule;

        RuleOutputException(String rule, String message) {
            super(message);
            this.rule = rule == null ? "unknown" : rule;
        }
    }

}
