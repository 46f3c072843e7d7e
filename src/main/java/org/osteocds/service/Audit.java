package org.osteocds.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit rows and the cards given in batches from one thread, so that a hook call only puts its row in a
 * queue: the database never slows a request. A batch is written at most once per {@code auditFlushMillis} (a row
 * that arrives when the last write is older than that goes at once), so a busy service commits a few times a second
 * whatever its call rate: each commit of a durable database costs a flush to disk. When the queue is full (the
 * database is down or far too slow) rows are dropped and counted, and the count is logged and shown in the metrics.
 */
final class Audit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final int CAPACITY = 100_000;
    /** The most rows one transaction writes. */
    private static final int MAX_BATCH = 5_000;

    private record Item(Store.AuditRow audit, List<Store.CardRow> cards) {
    }

    private final Store store;
    private final long flushMillis;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    Audit(Store store, long flushMillis) {
        this.store = store;
        this.flushMillis = flushMillis;
        this.writer = new Thread(this::loop, "osteo-cds-audit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * @param row   the call's audit row
     * @param cards the cards it gave
     */
    void record(Store.AuditRow row, List<Store.CardRow> cards) {
        if (queue.offer(new Item(row, cards))) {
            accepted.incrementAndGet();
        } else {
            if (dropped.incrementAndGet() % 1_000 == 1) {
                LOG.warn("audit queue full: {} audit rows dropped so far", dropped.get());
            }
        }
    }

    /** @return audit rows written */
    long written() {
        return written.get();
    }

    /** @return transactions written (each holds every row that arrived since the one before) */
    long writes() {
        return writes.get();
    }

    /** @return audit rows dropped because the queue was full */
    long dropped() {
        return dropped.get();
    }

    /** @return rows waiting to be written */
    int pending() {
        return queue.size();
    }

    private void loop() {
        List<Item> batch = new ArrayList<>();
        long interval = TimeUnit.MILLISECONDS.toNanos(flushMillis);
        long lastWrite = System.nanoTime() - interval;
        while (running || !queue.isEmpty()) {
            try {
                Item first = queue.poll(flushMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // gather until the batch is due (one write per interval) or full
                for (long wait = lastWrite + interval - System.nanoTime(); running && wait > 0
                        && batch.size() < MAX_BATCH; wait = lastWrite + interval - System.nanoTime()) {
                    Item next = queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                    }
                }
                queue.drainTo(batch, MAX_BATCH - batch.size());
                flush(batch);
                lastWrite = System.nanoTime();
            } catch (InterruptedException e) {
                running = false;
            }
        }
        queue.drainTo(batch);
        flush(batch);
    }

    private void flush(List<Item> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Store.AuditRow> audits = new ArrayList<>();
        List<Store.CardRow> cards = new ArrayList<>();
        for (Item i : batch) {
            audits.add(i.audit());
            cards.addAll(i.cards());
        }
        try {
            store.write(cards, audits);
            written.addAndGet(audits.size());
            writes.incrementAndGet();
        } catch (java.sql.SQLException | RuntimeException e) {
            dropped.addAndGet(audits.size());
            LOG.warn("{} audit rows could not be written: {}", audits.size(), e.getMessage());
        }
        done.addAndGet(audits.size());
        batch.clear();
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (up to 10 s) until every row queued so far has been written or given up. */
    void flushNow() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
