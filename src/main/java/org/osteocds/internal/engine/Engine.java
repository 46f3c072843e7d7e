package org.osteocds.internal.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EventListener;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.osteocds.model.Advice;
import org.osteocds.model.AgeGroup;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.BoneStatus;
import org.osteocds.model.DataGap;
import org.osteocds.model.Findings;
import org.osteocds.model.Indicator;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.PatientSummary;
import org.osteocds.model.RecordError;
import org.osteocds.model.RiskFactor;
import org.osteocds.facts.Gap;
import org.osteocds.facts.HasBoneStatus;
import org.osteocds.facts.HasRiskFactor;
import org.osteocds.facts.InAgeGroup;
import org.osteocds.facts.OutOfScope;
import org.osteocds.facts.Patient;
import org.osteocds.facts.Recommendation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osteocds.internal.knowledge.Catalogue;

/**
 * Runs compiled rules over records. Many records share one KIE session (every fact names its patient), which
 * measured several times faster than a session per record; when a session fails (a rule throws, or the firing
 * limit is reached) its records are run again one per session, so that only the record at fault is marked
 * {@code failed}, naming its rule. Stateless apart from the compiled rules, so safe to share between threads.
 */
public final class Engine {
    /** A record whose rules fire more often than this is taken to loop. */
    public static final int MAX_FIRINGS_PER_RECORD = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final CompiledRules rules;
    private final FactBuilder factBuilder;

    /** @param rules the compiled rules */
    public Engine(CompiledRules rules) {
        this.rules = rules;
        this.factBuilder = new FactBuilder(rules.terminology());
    }

    /** @return the compiled rules */
    public CompiledRules rules() {
        return rules;
    }

    /**
     * Assesses records in one KIE session (falling back to one session per record when that fails).
     *
     * @param records the records
     * @param asOf    the assessment date
     * @return one assessment per record, in order
     */
    public List<Assessment> assess(List<PatientRecord> records, LocalDate asOf) {
        return assess(records, asOf, null);
    }

    /**
     * As {@link #assess(List, LocalDate)}, with a listener on every session (for tracing and coverage).
     *
     * @param records  the records
     * @param asOf     the assessment date
     * @param listener an {@link AgendaEventListener} and/or {@link RuleRuntimeEventListener}, or {@code null}
     * @return one assessment per record, in order
     */
    public List<Assessment> assess(List<PatientRecord> records, LocalDate asOf, EventListener listener) {
        Assessment[] out = new Assessment[records.size()];
        List<FactBuilder.Facts> prepared = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            PatientRecord r = records.get(i);
            try {
                prepared.add(factBuilder.build(r, asOf, prepared.size()));
                positions.add(i);
            } catch (InvalidRecordException e) {
                out[i] = Assessment.invalid(r.id(), asOf, rules.ruleset(), e.errors());
            }
        }
        List<Assessment> results;
        try {
            results = run(prepared, asOf, listener, null);
        } catch (RuntimeException e) {
            if (prepared.size() == 1) {
                results = List.of(failed(prepared.get(0), asOf, e, null));
            } else {
                LOG.debug("a session of {} records failed ({}); running them one by one", prepared.size(),
                        e.toString());
                results = new ArrayList<>();
                for (FactBuilder.Facts f : prepared) {
                    results.add(runAlone(f, asOf, listener));
                }
            }
        }
        for (int k = 0; k < results.size(); k++) {
            out[positions.get(k)] = results.get(k);
        }
        return List.of(out);
    }

    private Assessment runAlone(FactBuilder.Facts f, LocalDate asOf, EventListener listener) {
        RuleCounter counter = new RuleCounter();
        try {
            return run(List.of(f), asOf, listener, counter).get(0);
        } catch (RuntimeException e) {
            return failed(f, asOf, e, counter);
        }
    }

    private List<Assessment> run(List<FactBuilder.Facts> prepared, LocalDate asOf, EventListener listener,
                                 AgendaEventListener counter) {
        if (prepared.isEmpty()) {
            return List.of();
        }
        KieSession session = rules.kieBase().newKieSession();
        try {
            if (listener instanceof AgendaEventListener a) {
                session.addEventListener(a);
            }
            if (listener instanceof RuleRuntimeEventListener r) {
                session.addEventListener(r);
            }
            if (counter != null) {
                session.addEventListener(counter);
            }
            for (FactBuilder.Facts f : prepared) {
                session.insert(f.patient());
                for (Object o : f.others()) {
                    session.insert(o);
                }
            }
            int limit = MAX_FIRINGS_PER_RECORD * prepared.size();
            int fired = session.fireAllRules(limit);
            if (fired >= limit) {
                throw new RunawayException(limit);
            }
            // every fact names its patient; a patient's seq is its place in the batch (a record run alone keeps it)
            int size = 0;
            for (FactBuilder.Facts f : prepared) {
                size = Math.max(size, f.patient().seq() + 1);
            }
            Bucket[] buckets = new Bucket[size];
            for (FactBuilder.Facts f : prepared) {
                buckets[f.patient().seq()] = new Bucket(f.patient(), f.summary());
            }
            for (Object o : session.getObjects()) {
                sort(o, buckets);
            }
            List<Assessment> out = new ArrayList<>(prepared.size());
            for (FactBuilder.Facts f : prepared) {
                out.add(toAssessment(buckets[f.patient().seq()], asOf));
            }
            return out;
        } finally {
            session.dispose();
        }
    }

    private static void sort(Object o, Bucket[] buckets) {
        if (o instanceof Recommendation r) {
            buckets[r.patient().seq()].advice.add(r);
        } else if (o instanceof HasRiskFactor r) {
            buckets[r.patient().seq()].riskFactors.add(r);
        } else if (o instanceof Gap g) {
            buckets[g.patient().seq()].gaps.add(g);
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
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            codes.addAll(g.blocksAll() ? rules.catalogue().codes() : g.blocks());
            if (i + 1 == gaps.size() || !gaps.get(i + 1).field().equals(g.field())) {
                codes.sort(null);
                List<String> distinct = new ArrayList<>(codes.size());
                for (String c : codes) {
                    if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(c)) {
                        distinct.add(c);
                    }
                }
                out.add(new DataGap(g.field(), distinct));
                codes.clear();
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
        for (Recommendation r : group) {
            if (r.indicator() != null && r.indicator().compareTo(indicator) < 0) {
                indicator = r.indicator();
            }
        }
        try {
            return new Advice(entry.code(), entry.category(), indicator, entry.summary(), entry.clinicianSummary(),
                    entry.detail(), rationale, entry.evidence(), rule);
        } catch (IllegalArgumentException ex) {
            throw new RuleOutputException(first.rule(), ex.getMessage());
        }
    }

    private Assessment failed(FactBuilder.Facts f, LocalDate asOf, RuntimeException e, RuleCounter counter) {
        Patient p = f.patient();
        String rule;
        String message;
        if (e instanceof ConsequenceException ce && ce.getMatch() != null) {
            rule = ce.getMatch().getRule().getName();
            Throwable cause = ce.getCause() == null ? ce : ce.getCause();
            message = "the rule threw " + cause;
        } else if (e instanceof RunawayException) {
            rule = counter == null ? "unknown" : counter.mostFired();
            message = "the rules fired more than " + MAX_FIRINGS_PER_RECORD
                    + " times for this record; this rule fired most, so it probably loops";
        } else {
            rule = counter == null || counter.last == null ? "unknown" : counter.last;
            message = "the rules failed: " + e;
        }
        LOG.warn("record {} failed in rule '{}': {}", p.id(), rule, message);
        return new Assessment(p.id(), asOf, AssessmentStatus.FAILED, rules.ruleset(), null, List.of(), List.of(),
                List.of(new RecordError("rule", rule, message)), null, null, f.summary());
    }

    /** The firing limit was reached. */
    private static final class RunawayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunawayException(int limit) {
            super("firing limit " + limit + " reached");
        }
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

    /** Counts firings per rule, to name the rule of a runaway record. */
    private static final class RuleCounter extends DefaultAgendaEventListener {
        final Map<String, Integer> counts = new HashMap<>();
        String last;

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            last = event.getMatch().getRule().getName();
            counts.merge(last, 1, Integer::sum);
        }

        String mostFired() {
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("unknown");
        }
    }
}
