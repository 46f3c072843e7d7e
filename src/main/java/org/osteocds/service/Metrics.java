package org.osteocds.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the service, as Prometheus text ({@code GET /metrics}). */
final class Metrics {
    /** Upper bounds of the latency histogram, in milliseconds. */
    private static final long[] BUCKETS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    final AtomicLong refused = new AtomicLong();
    final AtomicLong cards = new AtomicLong();
    final AtomicLong feedback = new AtomicLong();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
    private final LongAdder millis = new LongAdder();
    private final LongAdder count = new LongAdder();

    Metrics() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void call(String service, int status, long ms) {
        calls.computeIfAbsent("service=\"" + service + "\",status=\"" + status + "\"", k -> new LongAdder()).increment();
        int i = 0;
        while (i < BUCKETS.length && ms > BUCKETS[i]) {
            i++;
        }
        buckets[i].increment();
        millis.add(ms);
        count.increment();
    }

    String text(Audit audit, Semaphore assessing, ServiceConfig config, Batching batching) {
        StringBuilder b = new StringBuilder();
        b.append("# TYPE osteocds_hook_calls_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(calls).entrySet()) {
            b.append("osteocds_hook_calls_total{").append(e.getKey()).append("} ").append(e.getValue().sum()).append('\n');
        }
        b.append("# TYPE osteocds_hook_call_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += buckets[i].sum();
            b.append(String.format(Locale.ROOT, "osteocds_hook_call_seconds_bucket{le=\"%.3f\"} %d%n",
                    BUCKETS[i] / 1000.0, cumulative));
        }
        cumulative += buckets[BUCKETS.length].sum();
        b.append("osteocds_hook_call_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        b.append(String.format(Locale.ROOT, "osteocds_hook_call_seconds_sum %.3f%n", millis.sum() / 1000.0));
        b.append("osteocds_hook_call_seconds_count ").append(count.sum()).append('\n');
        line(b, "osteocds_unauthorized_total", "counter", refused.get());
        line(b, "osteocds_cards_total", "counter", cards.get());
        line(b, "osteocds_feedback_items_total", "counter", feedback.get());
        line(b, "osteocds_audit_rows_written_total", "counter", audit.written());
        line(b, "osteocds_audit_writes_total", "counter", audit.writes());
        line(b, "osteocds_audit_rows_dropped_total", "counter", audit.dropped());
        line(b, "osteocds_audit_rows_pending", "gauge", audit.pending());
        line(b, "osteocds_assessments_in_flight", "gauge",
                config.maxConcurrentAssessments() - assessing.availablePermits());
        line(b, "osteocds_assessment_batches_total", "counter", batching.batches());
        line(b, "osteocds_assessment_batch_records_total", "counter", batching.records());
        line(b, "osteocds_assessments_waiting", "gauge", batching.waiting());
        return b.toString();
    }

    private static void line(StringBuilder b, String name, String type, long value) {
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n').append(name).append(' ').append(value)
                .append('\n');
    }
}
