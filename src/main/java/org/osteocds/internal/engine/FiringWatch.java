package org.osteocds.internal.engine;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.osteocds.facts.OfPatient;
import org.osteocds.facts.Patient;

/**
 * Watches a session's firings: the rule firing now (for a time-out), the last one, and firings per patient,
 * halting the session when one patient's rules pass the limit, whatever the batch. Watching one record, it also
 * counts firings and updates by rule, to name the rule of a runaway: the one that updated facts most (a rule
 * that modifies what it matches re-fires itself and every rule on that fact), else the one that fired most.
 */
final class FiringWatch extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final int[] firings;
    private final Map<String, int[]> byRule;
    KieSession session;
    volatile String current;
    volatile String last;
    volatile String runawayRule;
    volatile boolean abandoned;
    /** Firings that matched no patient's fact (a rule over facts of its own): the batch's, counted together. */
    private int unattributed;

    /**
     * @param patients  the patients' {@code seq} numbers run below this
     * @param oneRecord whether the session holds one record: its firings are then all its own (also those that
     *                  match no patient fact), and they are counted by rule to name a runaway
     */
    FiringWatch(int patients, boolean oneRecord) {
        this.firings = new int[patients];
        this.byRule = oneRecord ? new HashMap<>() : null;
    }

    /** @return whether rules are counted by rule (the session holds one record) */
    boolean countsByRule() {
        return byRule != null;
    }

    /** @return the rule to blame for a runaway, with how often the busiest rules fired */
    String blame() {
        if (byRule == null || byRule.isEmpty()) {
            return runawayRule;
        }
        return byRule.entrySet().stream().max(Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[1])
                .thenComparingInt(e -> e.getValue()[0])).map(Map.Entry::getKey).orElse(runawayRule);
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        if (byRule != null && event.getRule() != null) {
            byRule.computeIfAbsent(event.getRule().getName(), k -> new int[2])[1]++;
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule().getName();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        last = current;
        current = null;
        if (byRule != null) {
            byRule.computeIfAbsent(last, k -> new int[2])[0]++;
        }
        int seq = patientOf(event.getMatch().getObjects());
        if (seq < 0 && byRule != null) {
            seq = firings.length - 1;   // one record in the session (the last seq): a firing matching no patient is its own
        }
        boolean over = seq >= 0 && seq < firings.length ? ++firings[seq] > Engine.MAX_FIRINGS_PER_RECORD
                // a batch: past the batch's share, its records are rerun alone and each counted on its own
                : ++unattributed > Engine.MAX_FIRINGS_PER_RECORD * firings.length;
        if (over && runawayRule == null) {
            runawayRule = last;
            session.halt();
        }
    }

    /** @return the rule firing now, else the one that fired last (a time-out may fall between two firings) */
    String firingNow() {
        String now = current;
        return now != null ? now : last;
    }

    static int patientOf(List<Object> objects) {
        for (Object o : objects) {
            if (o instanceof Patient p) {
                return p.seq();
            }
            if (o instanceof OfPatient f) {
                return f.patient().seq();
            }
        }
        return -1;
    }
}
