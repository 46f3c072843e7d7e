package org.osteocds.internal.engine;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.utils.KieHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.osteocds.model.ParsedRecord;
import org.osteocds.io.PatientRecords;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.internal.knowledge.Terminology;
import org.osteocds.synthetic.PanelGenerator;

/**
 * JMH: what the rules cost per patient, by rule folder. Each run compiles a subset of {@code rules/} (or the
 * ten-rule floor in {@code src/test/resources/bench/floor.drl}) and runs the facts of 10,000 generated patients
 * ({@code generate --seed 1}) through it in sessions of 100, as the engine does, without turning the facts into
 * assessments. Run with {@code bin/bench-rules}; results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleCostBenchmark {
    static final int RECORDS = 10_000;
    static final int PER_SESSION = 100;

    /** "floor", or rule folders joined by "+", or "all". */
    @Param({"floor", "classification", "classification+exercise", "classification+lifestyle",
            "classification+medication", "classification+nutrition", "classification+screening", "all"})
    public String rules;

    KieBase kieBase;
    List<List<FactBuilder.Facts>> sessions;

    @Setup
    public void setUp() throws IOException {
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        StringWriter csv = new StringWriter();
        new PanelGenerator(1, asOf).write(RECORDS, csv);
        FactBuilder facts = new FactBuilder(CompiledRules.compile(RuleFiles.read(Path.of("rules"))).terminology());
        sessions = new ArrayList<>();
        List<FactBuilder.Facts> session = new ArrayList<>();
        try (Stream<ParsedRecord> records = PatientRecords.read(new StringReader(csv.toString()))) {
            for (ParsedRecord r : (Iterable<ParsedRecord>) records::iterator) {
                if (r instanceof ParsedRecord.Valid v) {
                    session.add(facts.build(v.record(), asOf, session.size()));
                    if (session.size() == PER_SESSION) {
                        sessions.add(session);
                        session = new ArrayList<>();
                    }
                }
            }
        }
        if (!session.isEmpty()) {
            sessions.add(session);
        }
        KieHelper helper = new KieHelper();
        for (Path file : files(rules)) {
            helper.addContent(Files.readString(file), ResourceType.DRL);
        }
        kieBase = helper.build();
    }

    static List<Path> files(String rules) throws IOException {
        if (rules.equals("floor")) {
            return List.of(Path.of("src/test/resources/bench/floor.drl"));
        }
        List<Path> dirs = rules.equals("all") ? List.of(Path.of("rules"))
                : Stream.of(rules.split("\\+")).map(d -> Path.of("rules", d)).toList();
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().endsWith(".drl")).sorted().forEach(out::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void run(Blackhole bh) {
        for (List<FactBuilder.Facts> batch : sessions) {
            KieSession session = kieBase.newKieSession();
            try {
                for (FactBuilder.Facts f : batch) {
                    session.insert(f.patient());
                    for (Object o : f.others()) {
                        session.insert(o);
                    }
                }
                bh.consume(session.fireAllRules());   // classification
                for (String phase : new String[] {Engine.GAPS, Engine.ADVICE}) {
                    if (session.getAgenda().getAgendaGroup(phase) != null) {
                        session.getAgenda().getAgendaGroup(phase).setFocus();
                    }
                }
                bh.consume(session.fireAllRules());   // gaps and advice
                bh.consume(session.getObjects());
            } finally {
                session.dispose();
            }
        }
    }
}
