package org.osteocds.internal.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.PatientRecord;
import org.osteocds.synthetic.PanelGenerator;

/**
 * Rule CPU per patient, for comparing two rules folders on this noisy VM: paired, interleaved rounds (A, B, A, B...)
 * on the same generated patients, counting the CPU time of the threads that run the rules (the caller and the rule
 * threads), not the JIT or GC. {@code bin/bench-engine-cpu A-DIR B-DIR [ROUNDS] [PATIENTS]}.
 */
public final class EngineCpuBench {
    private EngineCpuBench() {
    }

    /**
     * @param args rules folder A, rules folder B, rounds (default 8), patients (default 20,000)
     */
    public static void main(String[] args) {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        List<PatientRecord> records = patients(n, asOf);
        Engine[] engines = {new Engine(CompiledRules.compile(RuleFiles.read(Path.of(args[0])))),
            new Engine(CompiledRules.compile(RuleFiles.read(Path.of(args[1]))))};
        for (int w = 0; w < 3; w++) {   // warm both up
            for (Engine e : engines) {
                run(e, records, asOf);
            }
        }
        double[][] micros = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int which = r % 2 == 0 ? k : 1 - k;   // alternate who goes first
                micros[which][r] = run(engines[which], records, asOf) / 1e3 / n;
            }
        }
        for (int k = 0; k < 2; k++) {
            StringBuilder sb = new StringBuilder(k == 0 ? "A " : "B ").append(args[k]).append(": ");
            for (double m : micros[k]) {
                sb.append(String.format(Locale.ROOT, "%.1f ", m));
            }
            double[] sorted = micros[k].clone();
            java.util.Arrays.sort(sorted);
            sb.append(String.format(Locale.ROOT, "| median %.1f µs CPU per patient", sorted[rounds / 2]));
            System.out.println(sb);
        }
    }

    /** @return the first {@code n} generated patients of seed 1 */
    static List<PatientRecord> patients(int n, LocalDate asOf) {
        PanelGenerator g = new PanelGenerator(1, asOf);
        List<PatientRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(g.next());
        }
        return records;
    }

    /** @return CPU nanoseconds of the caller and the rule threads for one pass over the records */
    private static long run(Engine e, List<PatientRecord> records, LocalDate asOf) {
        long before = ruleCpu();
        for (int i = 0; i < records.size(); i += 100) {
            e.assess(records.subList(i, Math.min(records.size(), i + 100)), asOf);
        }
        return ruleCpu() - before;
    }

    private static long ruleCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = mx.getCurrentThreadCpuTime();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("osteo-cds-rules-")) {
                total += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }
}
