package org.osteocds.internal.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kie.api.runtime.KieSession;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.model.PatientRecord;

/**
 * Where the engine's CPU goes, per patient and stage (facts built, session made and facts inserted, rules fired in
 * their phases, assessments collected), on one thread, in sessions of 100 generated patients (or as many as asked); also facts and
 * firings per patient. {@code STAGES=1 bin/bench-engine-cpu [RULES-DIR] [ROUNDS] [PATIENTS] [PER-SESSION]};
 * with {@code JAVA_OPTS=-Dcounts=true}, inferred facts per type and firings per rule as well.
 */
public final class EngineStageBench {
    private EngineStageBench() {
    }

    /** @param args rules folder (default rules), rounds (default 6), patients (default 20,000), patients per session (default 100) */
    public static void main(String[] args) {
        CompiledRules rules = CompiledRules.compile(RuleFiles.read(Path.of(args.length > 0 ? args[0] : "rules")));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        List<PatientRecord> records = EngineCpuBench.patients(n, asOf);
        FactBuilder builder = new FactBuilder(rules.terminology());
        Outcomes outcomes = new Outcomes(rules);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds + 2; r++) {
            long[] t = new long[4];
            long facts = 0;
            long firings = 0;
            for (int i = 0; i < n; i += batch) {
                long c0 = mx.getCurrentThreadCpuTime();
                List<FactBuilder.Facts> prepared = new ArrayList<>();
                for (PatientRecord rec : records.subList(i, Math.min(n, i + batch))) {
                    prepared.add(builder.build(rec, asOf, prepared.size()));
                }
                long c1 = mx.getCurrentThreadCpuTime();
                KieSession s = rules.kieBase().newKieSession();
                org.osteocds.facts.Output output = new org.osteocds.facts.Output();
                s.setGlobal(Engine.OUTPUT, output);
                long inserted = 0;
                for (FactBuilder.Facts f : prepared) {
                    s.insert(f.patient());
                    for (Object o : f.others()) {
                        s.insert(o);
                    }
                    inserted += 1 + f.others().size();
                }
                long c2 = mx.getCurrentThreadCpuTime();
                firings += s.fireAllRules();
                for (String phase : new String[] {Engine.GAPS, Engine.ADVICE}) {
                    s.getAgenda().getAgendaGroup(phase).setFocus();
                }
                firings += s.fireAllRules();
                long c3 = mx.getCurrentThreadCpuTime();
                facts += s.getFactCount() - inserted;
                outcomes.collect(prepared, s.getObjects(), output, asOf);
                s.dispose();
                long c4 = mx.getCurrentThreadCpuTime();
                t[0] += c1 - c0;
                t[1] += c2 - c1;
                t[2] += c3 - c2;
                t[3] += c4 - c3;
            }
            if (r >= 2) {
                System.out.printf(Locale.ROOT, "round %d: build %.1f, session+insert %.1f, fire %.1f, collect %.1f, "
                        + "total %.1f µs CPU per patient; %.1f inferred facts, %.1f firings per patient%n", r - 1,
                        t[0] / 1e3 / n, t[1] / 1e3 / n, t[2] / 1e3 / n, t[3] / 1e3 / n,
                        (t[0] + t[1] + t[2] + t[3]) / 1e3 / n, (double) facts / n, (double) firings / n);
            }
        }
        if (Boolean.getBoolean("counts")) {
            counts(rules, builder, records, asOf, batch);
        }
    }

    /** With {@code -Dcounts=true}: inferred facts per type and firings per rule, per patient, the largest first. */
    private static void counts(CompiledRules rules, FactBuilder builder, List<PatientRecord> records, LocalDate asOf,
            int batch) {
        java.util.Map<String, Integer> facts = new java.util.TreeMap<>();
        java.util.Map<String, Integer> firings = new java.util.TreeMap<>();
        int n = records.size();
        for (int i = 0; i < n; i += batch) {
            List<FactBuilder.Facts> prepared = new ArrayList<>();
            java.util.Set<Object> given = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (PatientRecord rec : records.subList(i, Math.min(n, i + batch))) {
                prepared.add(builder.build(rec, asOf, prepared.size()));
            }
            KieSession s = rules.kieBase().newKieSession();
            org.osteocds.facts.Output output = new org.osteocds.facts.Output();
            s.setGlobal(Engine.OUTPUT, output);
            s.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent e) {
                    firings.merge(e.getMatch().getRule().getName(), 1, Integer::sum);
                }
            });
            for (FactBuilder.Facts f : prepared) {
                s.insert(f.patient());
                given.add(f.patient());
                for (Object o : f.others()) {
                    s.insert(o);
                    given.add(o);
                }
            }
            s.fireAllRules();
            for (String phase : new String[] {Engine.GAPS, Engine.ADVICE}) {
                s.getAgenda().getAgendaGroup(phase).setFocus();
            }
            s.fireAllRules();
            for (Object o : s.getObjects()) {
                if (!given.contains(o)) {
                    facts.merge(o.getClass().getSimpleName(), 1, Integer::sum);
                }
            }
            facts.merge("(output, not facts) Recommendation", output.advice().size(), Integer::sum);
            facts.merge("(output, not facts) Gap", output.gaps().size(), Integer::sum);
            s.dispose();
        }
        System.out.println("inferred facts per patient, by type:");
        facts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e ->
                System.out.printf(Locale.ROOT, "  %6.2f  %s%n", (double) e.getValue() / n, e.getKey()));
        System.out.println("firings per patient, by rule:");
        firings.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e ->
                System.out.printf(Locale.ROOT, "  %6.3f  %s%n", (double) e.getValue() / n, e.getKey()));
    }
}
