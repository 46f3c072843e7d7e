package org.osteocds;

import org.osteocds.internal.engine.Engines;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.osteocds.internal.engine.Engine;
import org.osteocds.model.PatientRecord;

/**
 * JMH: records assessed per second on one thread, by how many records share one KIE session
 * (1 = a session per record). Run with {@code bin/bench-engine}; results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    static final int RECORDS = 10_000;

    @Param({"1", "10", "100", "250", "1000"})
    public int recordsPerSession;

    List<PatientRecord> records;
    Engine engine;
    final LocalDate asOf = LocalDate.of(2026, 6, 1);

    @Setup
    public void setUp() {
        records = RandomRecords.generate(RECORDS, 42L);
        engine = Engines.of(OsteoCds.bundled());
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void assess(Blackhole bh) {
        for (int i = 0; i < RECORDS; i += recordsPerSession) {
            bh.consume(engine.assess(records.subList(i, Math.min(RECORDS, i + recordsPerSession)), asOf));
        }
    }
}
