package org.osteocds.internal.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.osteocds.facts.Output;
import org.kie.api.runtime.rule.ConsequenceException;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.facts.OutOfScope;
import org.osteocds.facts.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs compiled rules over records. Many records share one KIE session (every fact names its patient), which
 * measured several times faster than a session per record; when a session fails (a rule throws, a record's rules
 * fire more than {@link #MAX_FIRINGS_PER_RECORD} times, or the session runs past its time limit) its records are run
 * again one per session, so that only the record at fault is marked {@code failed}, naming its rule. Rules fire on a
 * worker thread watched by the caller: a rule that never returns costs its record, not the run (the stuck thread
 * cannot be stopped from outside; it is a daemon, and is left behind). Stateless apart from the compiled rules, so
 * safe to share between threads.
 */
public final class Engine {
    /** A record whose rules fire more often than this is taken to loop (whatever the batch it runs in). */
    public static final int MAX_FIRINGS_PER_RECORD = 5_000;
    /**
     * How long one session may fire, unless the system property {@code osteocds.ruleTimeoutSeconds} says otherwise:
     * far above any healthy batch (milliseconds), so that no healthy record fails on a slow machine.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(Long.getLong("osteocds.ruleTimeoutSeconds", 10));

    /** The agenda group of rules that give advice: they fire after classification, never out of scope. */
    public static final String ADVICE = "advice";
    /** The rule-flow group of rules that record data gaps: they fire after classification. */
    public static final String GAPS = "gaps";

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("[Rr]ule \"([^\"]+)\"");
    private static final AtomicInteger FIRING_THREADS = new AtomicInteger();
    private static final AtomicInteger ABANDONED = new AtomicInteger();
    private static final ExecutorService FIRING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "osteo-cds-rules-" + FIRING_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final CompiledRules rules;
    private final FactBuilder factBuilder;
    private final Outcomes outcomes;
    private final Duration timeout;
    /** Whether a rule file declares the {@code output} global (a ruleset that gives no output need not). */
    private final boolean declaresOutput;

    /** @param rules the compiled rules */
    public Engine(CompiledRules rules) {
        this(rules, DEFAULT_TIMEOUT);
    }

    /**
     * @param rules   the compiled rules
     * @param timeout how long one session may fire before it is abandoned and its records are run alone
     */
    public Engine(CompiledRules rules, Duration timeout) {
        this.rules = rules;
        this.factBuilder = new FactBuilder(rules.terminology());
        this.outcomes = new Outcomes(rules);
        this.timeout = timeout;
        this.declaresOutput = rules.kieBase().getKiePackages().stream()
                .anyMatch(p -> p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(OUTPUT)));
    }

    /** The name of the global that rules give advice and data gaps to ({@link Output}). */
    public static final String OUTPUT = "output";

    /** @return the compiled rules */
    public CompiledRules rules() {
        return rules;
    }

    /** @return how many firing threads were left behind stuck in a rule since the JVM started */
    public static int abandonedThreads() {
        return ABANDONED.get();
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
        if (prepared.size() == 1) {
            results = List.of(runAlone(prepared.get(0), asOf, listener));
        } else {
            try {
                results = run(prepared, asOf, listener, new FiringWatch(prepared.size(), false));
            } catch (RuntimeException e) {
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
        FiringWatch watch = new FiringWatch(f.patient().seq() + 1, true);
        try {
            return run(List.of(f), asOf, listener, watch).get(0);
        } catch (RuntimeException e) {
            return failed(f, asOf, e, watch);
        }
    }

    private List<Assessment> run(List<FactBuilder.Facts> prepared, LocalDate asOf, EventListener listener,
                                 FiringWatch watch) {
        if (prepared.isEmpty()) {
            return List.of();
        }
        KieSession session = rules.kieBase().newKieSession();
        Output output = new Output();
        boolean abandoned = false;
        try {
            if (declaresOutput) {
                session.setGlobal(OUTPUT, output);
            }
            if (listener instanceof AgendaEventListener a) {
                session.addEventListener(a);
            }
            if (listener instanceof RuleRuntimeEventListener r) {
                session.addEventListener(r);
            }
            watch.session = session;
            session.addEventListener((AgendaEventListener) watch);
            if (watch.countsByRule()) {
                session.addEventListener((RuleRuntimeEventListener) watch);
            }
            for (FactBuilder.Facts f : prepared) {
                session.insert(f.patient());
                for (Object o : f.others()) {
                    session.insert(o);
                }
            }
            Future<Integer> firing = FIRING.submit(() -> firePhases(session, watch));
            try {
                firing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                abandoned = true;
                watch.abandoned = true;   // before halt: the firing thread must not start the next phase
                session.halt();
                firing.cancel(true);
                int stuck = ABANDONED.incrementAndGet();
                LOG.warn("rules still firing after {} s in rule '{}'; the session is abandoned ({} firing threads "
                        + "left behind so far)", timeout.toSeconds(), watch.firingNow(), stuck);
                throw new TimedOut(watch.firingNow());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned = true;
                session.halt();
                throw new IllegalStateException("interrupted while the rules fired", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
            if (watch.runawayRule != null) {
                throw new Runaway(watch.blame());
            }
            return outcomes.collect(prepared, session.getObjects(), output, asOf);
        } finally {
            if (!abandoned) {
                session.dispose();   // an abandoned session is left to its thread
            }
        }
    }

    /**
     * Fires the rules in their phases (docs/rule-authoring.md): classification (the main agenda group) runs to the
     * end, then the rules of the {@value #GAPS} and {@value #ADVICE} groups see the finished picture. Advice rules
     * never fire for a patient out of scope, so they need not say so.
     */
    private int firePhases(KieSession session, FiringWatch watch) {
        int fired = session.fireAllRules();
        if (watch.runawayRule != null || watch.abandoned) {
            return fired;   // halted: the next fireAllRules would start firing again
        }
        Set<Integer> outOfScope = new HashSet<>();
        for (Object o : session.getObjects(o -> o instanceof OutOfScope)) {
            outOfScope.add(((OutOfScope) o).patient().seq());
        }
        for (String phase : new String[] {GAPS, ADVICE}) {
            org.kie.api.runtime.rule.AgendaGroup group = session.getAgenda().getAgendaGroup(phase);
            if (group != null) {   // a ruleset without phases has none
                group.setFocus();
            }
        }
        if (watch.abandoned) {
            return fired;
        }
        if (outOfScope.isEmpty()) {
            return fired + session.fireAllRules();
        }
        Set<String> advice = rules.adviceRules();
        return fired + session.fireAllRules(match -> !advice.contains(match.getRule().getName())
                || !outOfScope.contains(FiringWatch.patientOf(match.getObjects())));
    }

    private Assessment failed(FactBuilder.Facts f, LocalDate asOf, RuntimeException e, FiringWatch watch) {
        Patient p = f.patient();
        String rule;
        String message;
        if (e instanceof ConsequenceException ce && ce.getMatch() != null) {
            rule = ce.getMatch().getRule().getName();
            Throwable cause = ce.getCause() == null ? ce : ce.getCause();
            message = "the rule threw " + cause;
        } else if (e instanceof Runaway r) {
            rule = r.rule;
            message = "the rules fired more than " + MAX_FIRINGS_PER_RECORD + " times for this record; this rule "
                    + "updated facts most (or, when none did, fired most), so it probably loops";
        } else if (e instanceof TimedOut t) {
            rule = t.rule == null ? "unknown" : t.rule;
            message = "the rules were still firing after " + timeout.toSeconds() + " s, in this rule";
        } else {
            Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
            rule = m.find() ? m.group(1) : watch.current != null ? watch.current
                    : watch.last != null ? watch.last : "unknown";
            message = "the rules failed: " + e;
        }
        LOG.warn("record {} failed in rule '{}': {}", p.id(), rule, message);
        return new Assessment(p.id(), asOf, AssessmentStatus.FAILED, rules.ruleset(), null, List.of(), List.of(),
                List.of(new RecordError("rule", rule, message)), null, null, f.summary());
    }

    /** A record's rules fired more than the limit. */
    private static final class Runaway extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String rule;

        Runaway(String rule) {
            super("firing limit " + MAX_FIRINGS_PER_RECORD + " reached in rule '" + rule + "'");
            this.rule = rule;
        }
    }

    /** The session ran past its time limit. */
    private static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String rule;

        TimedOut(String rule) {
            super("time limit reached in rule '" + rule + "'");
            this.rule = rule;
        }
    }
}
