package org.osteocds.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.osteocds.OsteoCds;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Assessment;

/**
 * The peer benchmark (issue 15). Usage: {@code Bench --bulk DIR [--n N] [--cql-n M] [--samples DIR] [--threads 1,2]
 * [--rounds R] [--as-of DATE]}. Prints its tables as Markdown on standard output.
 */
public final class Bench {
    private static final int CHUNK = OsteoCds.BATCH_SIZE;
    /** The worker threads, made once: per-thread state (the CQL engine's translated library) lives on them. */
    private static int POOL_SIZE = 2;
    private static java.util.concurrent.ExecutorService POOL;

    private Bench() {
    }

    /** The osteo-cds full catalogue: every assessment rendered as the output contract's JSON. */
    private record FullCatalogue(OsteoEvaluator osteo) implements SubsetEvaluator {
        @Override
        public String name() {
            return "osteo-cds full catalogue (JSON out)";
        }

        @Override
        public List<Subset> evaluate(List<String> bundles) {
            List<Subset> out = new ArrayList<>(bundles.size());
            for (Assessment a : osteo.assess(bundles)) {
                if (PatientRecords.toJson(a).isEmpty()) {
                    throw new IllegalStateException();
                }
                out.add(null);
            }
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LocalDate asOf = LocalDate.parse(o.getOrDefault("as-of", "2026-06-01"));
        int n = Integer.parseInt(o.getOrDefault("n", "100000"));
        int cqlN = Integer.parseInt(o.getOrDefault("cql-n", "5000"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
        List<Integer> threads = new ArrayList<>();
        for (String t : o.getOrDefault("threads", "1,2").split(",")) {
            threads.add(Integer.parseInt(t.strip()));
        }
        POOL_SIZE = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        POOL = java.util.concurrent.Executors.newFixedThreadPool(POOL_SIZE, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
        Path samples = Path.of(o.getOrDefault("samples", "../shared/fhir-samples"));
        Path bulk = Path.of(o.getOrDefault("bulk", "bench/target/bulk"));

        out("# Peer benchmark run, %s, JDK %s, %d cores, as of %s", java.time.LocalDateTime.now().withNano(0),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), asOf);
        out("");
        // ---- cold start to first result (each in this JVM, in this order; the first pays for shared classes) ----
        List<String> one = Patients.fromBulk(bulk, 1);
        out("## Cold start to first result (in-JVM, in this order)");
        out("");
        out("| evaluator | ms |");
        out("|---|---|");
        long t0 = System.nanoTime();
        PlainEvaluator plain = new PlainEvaluator(asOf);
        plain.evaluate(one);
        out("| plain Java | %.0f |", (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        OsteoEvaluator osteo = new OsteoEvaluator(OsteoCds.bundled(), asOf);
        osteo.evaluate(one);
        out("| osteo-cds (rules loaded, first assessment) | %.0f |", (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        CqlEvaluator cql = new CqlEvaluator(asOf);
        long translated = System.nanoTime();
        cql.evaluate(one);
        out("| CQL engine (translation %.0f ms, HAPI context and first evaluation %.0f ms) | %.0f |",
                (translated - t0) / 1e6, (System.nanoTime() - translated) / 1e6, (System.nanoTime() - t0) / 1e6);
        out("");

        // ---- patients ----
        List<String> generated = Patients.fromBulk(bulk, n);
        List<String> cqlGenerated = generated.subList(0, Math.min(cqlN, generated.size()));
        List<String> real = new ArrayList<>();
        for (String sub : List.of("synthea", "ecqm-cms249")) {
            List<String> files = Patients.bundleFiles(samples.resolve(sub));
            if (files.isEmpty()) {
                out("(skipped: no samples in %s)", samples.resolve(sub));
            }
            real.addAll(files);
        }
        out("Patients: %d generated (CQL engine on the first %d), %d real samples.", generated.size(),
                cqlGenerated.size(), real.size());
        out("");

        // ---- agreement ----
        out("## Agreement");
        out("");
        int disagreements = 0;
        disagreements += agree("generated", generated, cqlGenerated.size(), plain, osteo, cql);
        disagreements += agree("real samples", real, real.size(), plain, osteo, cql);
        out("");

        // ---- throughput, interleaved rounds ----
        out("## Throughput (interleaved rounds; wall patients/s, CPU µs per patient summed over worker threads)");
        out("");
        out("| round | threads | evaluator | patients | wall s | patients/s | CPU µs/patient |");
        out("|---|---|---|---|---|---|---|");
        SubsetEvaluator full = new FullCatalogue(osteo);
        // each worker thread translates the CQL once, before any timing (the cold start above counts one translation)
        onEveryWorker(() -> cql.evaluate(one));
        Map<String, List<double[]>> rates = new java.util.LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            for (int th : threads) {
                for (SubsetEvaluator e : List.of(cql, osteo, full, plain)) {
                    List<String> set = e == cql ? cqlGenerated : generated;
                    double[] m = time(e, set, th);
                    out("| %d | %d | %s | %d | %.2f | %.0f | %.1f |", r, th, e.name(), set.size(), m[0],
                            set.size() / m[0], m[1] * 1e6 / set.size());
                    rates.computeIfAbsent(th + "|" + e.name(), k -> new ArrayList<>())
                            .add(new double[] {set.size() / m[0], m[1] * 1e6 / set.size()});
                }
            }
        }
        out("");
        out("## Summary (best round of each; ratios of patients/s)");
        out("");
        out("| threads | CQL engine /s | osteo-cds /s | osteo-cds full catalogue /s | plain Java /s | osteo-cds / CQL | plain / osteo-cds | CPU µs: CQL, osteo-cds, plain |");
        out("|---|---|---|---|---|---|---|---|");
        for (int th : threads) {
            double c = best(rates.get(th + "|" + cql.name()), 0);
            double s = best(rates.get(th + "|" + osteo.name()), 0);
            double f = best(rates.get(th + "|" + full.name()), 0);
            double p = best(rates.get(th + "|" + plain.name()), 0);
            out("| %d | %.0f | %.0f | %.0f | %.0f | %.1fx | %.2fx | %.0f, %.1f, %.1f |", th, c, s, f, p, s / c, p / s,
                    least(rates.get(th + "|" + cql.name())), least(rates.get(th + "|" + osteo.name())),
                    least(rates.get(th + "|" + plain.name())));
        }
        out("");
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        String rss = "?";
        Path status = Path.of("/proc/self/status");
        if (Files.exists(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    rss = line.substring(6).strip();
                }
            }
        }
        out("## Memory (whole JVM: all three evaluators and every patient's Bundle text held in memory)");
        out("");
        out("Peak heap (sum of pool peaks): %d MB; peak RSS: %s; max heap: %d MB.", heapPeak >> 20, rss,
                Runtime.getRuntime().maxMemory() >> 20);
        out("");
        out("Disagreements: %d", disagreements);
        System.exit(disagreements == 0 ? 0 : 1);
    }

    private static double best(List<double[]> rs, int i) {
        return rs.stream().mapToDouble(x -> x[i]).max().orElse(Double.NaN);
    }

    private static double least(List<double[]> rs) {
        return rs.stream().mapToDouble(x -> x[1]).min().orElse(Double.NaN);
    }

    /**
     * Runs all three on the patients and reports every disagreement.
     *
     * @return the number of patients on which they disagree
     */
    static int agree(String label, List<String> patients, int cqlCount, PlainEvaluator plain, OsteoEvaluator osteo,
                     CqlEvaluator cql) {
        if (patients.isEmpty()) {
            return 0;
        }
        List<Subset> p = plain.evaluate(patients);
        List<Subset> s = osteo.evaluate(patients);
        List<Subset> c = cql.evaluate(patients.subList(0, cqlCount));
        int bad = 0;
        int invalid = 0;
        int dxa = 0;
        int withRf = 0;
        for (int i = 0; i < patients.size(); i++) {
            boolean cqlOk = i >= cqlCount || c.get(i).equals(s.get(i));
            if (!p.get(i).equals(s.get(i)) || !cqlOk) {
                bad++;
                if (s.get(i).status().equals("invalid")) {
                    invalid++;
                }
                if (bad - invalid <= 20 && !s.get(i).status().equals("invalid") || invalid <= 5
                        && s.get(i).status().equals("invalid")) {
                    out("- DISAGREE %s: osteo-cds %s | plain %s | CQL %s", label, s.get(i), p.get(i),
                            i < cqlCount ? c.get(i) : "(not run)");
                }
            }
            dxa += s.get(i).dxaDue() ? 1 : 0;
            withRf += s.get(i).riskFactors().isEmpty() ? 0 : 1;
        }
        out("%s: %d patients (CQL on %d): %d disagreements (%d of them records osteo-cds finds invalid); osteo-cds "
                + "finds %d with a risk factor, %d with a DXA due.", label, patients.size(), cqlCount, bad, invalid,
                withRf, dxa);
        return bad;
    }

    /**
     * Evaluates every patient on {@code threads} threads, chunks of 100 dealt in turn.
     *
     * @return wall seconds and CPU seconds: summed over the worker threads and the threads osteo-cds fires its rules
     *         on ({@code osteo-cds-rules-N}, which do the rule work while the caller waits), so that no evaluator's
     *         work escapes the count; the JIT and GC threads are left out for all three alike
     */
    static double[] time(SubsetEvaluator e, List<String> patients, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        java.util.Map<Long, Long> before = workCpu();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            running.add(POOL.submit(() -> {
                int from;
                while ((from = next.getAndAdd(CHUNK)) < patients.size()) {
                    e.evaluate(patients.subList(from, Math.min(patients.size(), from + CHUNK)));
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long cpu = 0;
        for (java.util.Map.Entry<Long, Long> after : workCpu().entrySet()) {
            cpu += after.getValue() - before.getOrDefault(after.getKey(), 0L);
        }
        return new double[] {wall, cpu / 1e9};
    }

    /** @return CPU nanoseconds so far of each live worker and rule-firing thread, by thread id */
    private static java.util.Map<Long, Long> workCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("bench-worker") || name.startsWith("osteo-cds-rules-")) {
                long ns = mx.getThreadCpuTime(t.getId());
                if (ns >= 0) {
                    cpu.put(t.getId(), ns);
                }
            }
        }
        return cpu;
    }

    /**
     * Runs a task once on each pool thread at the same time, so that every worker thread has its per-thread state
     * (the CQL engine's translated library) before timing.
     */
    static void onEveryWorker(Runnable task) throws Exception {
        java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(POOL_SIZE);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int t = 0; t < POOL_SIZE; t++) {
            running.add(POOL.submit(() -> {
                all.await();
                task.run();
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
