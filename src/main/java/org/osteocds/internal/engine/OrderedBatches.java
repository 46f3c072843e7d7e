package org.osteocds.internal.engine;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/**
 * Assesses a stream of parsed records in batches on a pool of threads and hands the results back in input order.
 * At most {@code 2 × threads} batches are read ahead, so memory stays bounded whatever the input size.
 */
public final class OrderedBatches<T> implements Iterator<T>, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Iterator<ParsedRecord> input;
    private final Function<List<ParsedRecord>, List<T>> work;
    private final int batchSize;
    private final int maxInFlight;
    private final ExecutorService pool;
    private final ArrayDeque<Future<List<T>>> inFlight = new ArrayDeque<>();
    private Iterator<T> current = Collections.emptyIterator();

    /**
     * @param input     the records
     * @param engine    the engine
     * @param asOf      the assessment date
     * @param threads   worker threads; 1 runs on the caller's thread
     * @param batchSize records per KIE session
     * @param then      applied to each assessment on the worker thread (for example, serialising it)
     */
    public OrderedBatches(Iterator<ParsedRecord> input, Engine engine, LocalDate asOf, int threads, int batchSize,
                          Function<Assessment, T> then) {
        this.input = input;
        this.batchSize = batchSize;
        this.maxInFlight = Math.max(1, threads * 2);
        this.work = batch -> {
            List<Assessment> assessed = assessBatch(batch, engine, asOf);
            List<T> out = new ArrayList<>(assessed.size());
            for (Assessment a : assessed) {
                out.add(then.apply(a));
            }
            return out;
        };
        if (threads > 1) {
            int n = POOLS.incrementAndGet();
            AtomicInteger t = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "osteo-cds-" + n + "-" + t.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
        } else {
            this.pool = null;
        }
    }

    /** Assesses one batch: valid records through the engine, invalid ones straight to an invalid assessment. */
    static List<Assessment> assessBatch(List<ParsedRecord> batch, Engine engine, LocalDate asOf) {
        List<PatientRecord> valid = new ArrayList<>();
        for (ParsedRecord p : batch) {
            if (p instanceof ParsedRecord.Valid v) {
                valid.add(v.record());
            }
        }
        Iterator<Assessment> assessed = engine.assess(valid, asOf).iterator();
        List<Assessment> out = new ArrayList<>(batch.size());
        for (ParsedRecord p : batch) {
            Assessment a = p instanceof ParsedRecord.Invalid inv
                    ? Assessment.invalid(inv.patientId(), asOf, engine.rules().ruleset(), inv.errors())
                    : assessed.next();
            out.add(p.source() == null ? a : a.withSource(p.source()));
        }
        return out;
    }

    private List<ParsedRecord> readBatch() {
        List<ParsedRecord> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && input.hasNext()) {
            batch.add(input.next());
        }
        return batch;
    }

    private void fill() {
        while (inFlight.size() < maxInFlight) {
            List<ParsedRecord> batch = readBatch();
            if (batch.isEmpty()) {
                return;
            }
            inFlight.add(pool.submit(() -> work.apply(batch)));
        }
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (pool == null) {
                List<ParsedRecord> batch = readBatch();
                if (batch.isEmpty()) {
                    return false;
                }
                current = work.apply(batch).iterator();
                continue;
            }
            fill();
            Future<List<T>> next = inFlight.poll();
            if (next == null) {
                close();
                return false;
            }
            try {
                current = next.get().iterator();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                close();
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
