package org.osteocds.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.osteocds.OsteoCds;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;

/**
 * Assesses the records of concurrent calls together, in one KIE session per batch, as a database groups commits.
 * A call's record waits only while earlier batches run: when a worker is free, the caller takes every record that
 * is waiting (its own among them) and assesses them as one batch; otherwise it waits for a worker to take it. An idle
 * service therefore assesses each call at once, alone, and a busy one in batches that grow with the load, which
 * spreads the cost of a session (its node memories are built per session: most of the rule time of a one-patient
 * session) over the calls that arrived together. Records of different rulesets (a reload between calls) or dates are
 * assessed in separate sessions of the batch; each record's assessment is the same as when assessed alone (the
 * engine isolates a record whose rules fail).
 */
final class Batching {
    /** The most records one session takes, as the library's own batches. */
    static final int MAX_BATCH = OsteoCds.BATCH_SIZE;

    /** One waiting record and, once assessed, its assessment. */
    private static final class Pending {
        final OsteoCds cds;
        final ParsedRecord record;
        final LocalDate asOf;
        Assessment result;
        RuntimeException failure;
        boolean taken;
        boolean done;

        Pending(OsteoCds cds, ParsedRecord record, LocalDate asOf) {
            this.cds = cds;
            this.record = record;
            this.asOf = asOf;
        }
    }

    private final int workers;
    private final Object lock = new Object();
    private List<Pending> waiting = new ArrayList<>();
    private int running;
    private final LongAdder batches = new LongAdder();
    private final LongAdder records = new LongAdder();

    /** @param workers how many batches may run at once (the cores the rules may use) */
    Batching(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        this.workers = workers;
    }

    /**
     * Assesses one record, in a batch with whatever other calls are waiting.
     *
     * @param cds    the rules of the call
     * @param record the record
     * @param asOf   the assessment date
     * @return its assessment
     * @throws InterruptedException if the calling thread is interrupted while its record waits
     */
    Assessment assess(OsteoCds cds, ParsedRecord record, LocalDate asOf) throws InterruptedException {
        Pending me = new Pending(cds, record, asOf);
        synchronized (lock) {
            waiting.add(me);
        }
        while (true) {
            List<Pending> batch;
            synchronized (lock) {
                while (!me.done && (me.taken || running >= workers)) {
                    try {
                        lock.wait();   // a worker has taken it, or none is free yet
                    } catch (InterruptedException e) {
                        if (!me.taken) {
                            waiting.remove(me);
                        }
                        throw e;
                    }
                }
                if (me.done) {
                    return result(me);
                }
                batch = take();   // the oldest waiting records; ours among them unless over a batch are older
                running++;
            }
            try {
                run(batch);
            } finally {
                synchronized (lock) {
                    running--;
                    lock.notifyAll();
                }
            }
        }
    }

    /** @return the next batch: the oldest waiting records, at most {@link #MAX_BATCH} (caller holds the lock) */
    private List<Pending> take() {
        List<Pending> batch = first();
        batch.forEach(p -> p.taken = true);
        return batch;
    }

    private List<Pending> first() {
        if (waiting.size() <= MAX_BATCH) {
            List<Pending> all = waiting;
            waiting = new ArrayList<>();
            return all;
        }
        List<Pending> first = new ArrayList<>(waiting.subList(0, MAX_BATCH));
        waiting = new ArrayList<>(waiting.subList(MAX_BATCH, waiting.size()));
        return first;
    }

    private void run(List<Pending> batch) {
        batches.increment();
        records.add(batch.size());
        Map<OsteoCds, Map<LocalDate, List<Pending>>> groups = new IdentityHashMap<>();
        for (Pending p : batch) {
            groups.computeIfAbsent(p.cds, k -> new LinkedHashMap<>()).computeIfAbsent(p.asOf, k -> new ArrayList<>())
                    .add(p);
        }
        for (Map.Entry<OsteoCds, Map<LocalDate, List<Pending>>> byRules : groups.entrySet()) {
            for (Map.Entry<LocalDate, List<Pending>> group : byRules.getValue().entrySet()) {
                List<Pending> ps = group.getValue();
                RuntimeException failure = null;
                List<Assessment> out = null;
                try {
                    out = byRules.getKey().assessAll(ps.stream().map(p -> p.record), group.getKey(), 1).toList();
                    if (out.size() != ps.size()) {
                        throw new IllegalStateException(ps.size() + " records gave " + out.size() + " assessments");
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
                synchronized (lock) {
                    for (int i = 0; i < ps.size(); i++) {
                        Pending p = ps.get(i);
                        p.result = out == null ? null : out.get(i);
                        p.failure = failure;
                        p.done = true;
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    private static Assessment result(Pending p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return p.result;
    }

    /** @return batches assessed so far */
    long batches() {
        return batches.sum();
    }

    /** @return records assessed so far in batches */
    long records() {
        return records.sum();
    }

    /** @return records waiting for a worker now */
    int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }
}
