package org.osteocds.internal.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.facts.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final Outcomes outcomes;

    /** @param rules the compiled rules */
    public Engine(CompiledRules rules) {
        this.rules = rules;
        this.factBuilder = new FactBuilder(rules.terminology());
        this.outcomes = new Outcomes(rules);
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
            return outcomes.collect(prepared, session.getObjects(), asOf);
        } finally {
            session.dispose();
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
