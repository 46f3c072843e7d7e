package org.osteocds;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.engine.Engine;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.engine.OrderedBatches;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.RulesCompilationException;
import org.osteocds.model.Ruleset;
import org.osteocds.model.Sex;
import org.osteocds.model.Smoking;

/**
 * The osteo-cds engine: patient records in, explained and cited bone-health advice out.
 *
 * <p>Create one instance from the bundled rules or a rules folder; it compiles the rules once and is then
 * immutable and safe to share between threads. Every assessment takes an explicit assessment date ({@code asOf}):
 * no rule reads the clock, so the same record and date always give the same assessment.
 *
 * <pre>{@code
 * OsteoCds cds = OsteoCds.bundled();
 * PatientRecord record = PatientRecord.builder("P-001")
 *         .age(67).sex(Sex.FEMALE).calciumIntakeMgPerDay(650.0).smoking(Smoking.CURRENT)
 *         .build();
 * Assessment a = cds.assess(record, LocalDate.of(2026, 6, 1));
 * for (Advice advice : a.advice()) {
 *     System.out.println(advice.indicator() + " " + advice.code() + ": " + advice.summary());
 * }
 * }</pre>
 */
public final class OsteoCds {
    /** Records per KIE session in batch assessments (see docs/decisions.md for the measurement). */
    public static final int BATCH_SIZE = 100;

    static {
        Engines.grant(cds -> ((OsteoCds) cds).engine);
    }

    private final Engine engine;

    private OsteoCds(CompiledRules rules) {
        this.engine = new Engine(rules);
    }

    /**
     * Compiles the ruleset bundled with this library (the repository's {@code rules/} folder).
     *
     * @return the engine
     * @throws RulesCompilationException if the bundled rules do not compile (a build defect)
     */
    public static OsteoCds bundled() {
        return new OsteoCds(CompiledRules.compile(RuleFiles.bundled()));
    }

    /**
     * Compiles the rules in a folder: {@code .drl} files in topic folders (package = folder), plus
     * {@code ruleset.yaml}, {@code content/} and {@code terminology/}.
     *
     * @param rulesDir the folder
     * @return the engine
     * @throws RulesCompilationException listing every error with its file and line
     * @throws IllegalArgumentException  if the folder does not exist
     */
    public static OsteoCds fromRules(Path rulesDir) {
        return new OsteoCds(CompiledRules.compile(RuleFiles.read(rulesDir)));
    }

    /** @return the identity of the rules in use: id, version and SHA-256 */
    public Ruleset ruleset() {
        return engine.rules().ruleset();
    }

    /** @return compiler warnings of the rules in use (they did not stop compilation) */
    public List<RuleProblem> warnings() {
        return engine.rules().warnings();
    }

    /**
     * Assesses one record.
     *
     * @param record the record
     * @param asOf   the assessment date
     * @return its assessment; {@code invalid} if the record breaks a date-dependent check, {@code failed} if a
     *         rule threw or looped
     */
    public Assessment assess(PatientRecord record, LocalDate asOf) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(asOf, "asOf");
        return engine.assess(List.of(record), asOf).get(0);
    }

    /**
     * Assesses many records, several per KIE session, on the calling thread.
     *
     * @param records the records
     * @param asOf    the assessment date
     * @return one assessment per record, in order
     */
    public List<Assessment> assessAll(List<PatientRecord> records, LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        List<Assessment> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i += BATCH_SIZE) {
            out.addAll(engine.assess(records.subList(i, Math.min(records.size(), i + BATCH_SIZE)), asOf));
        }
        return out;
    }

    /**
     * Assesses a stream of parsed records (valid or not) lazily, on {@code threads} worker threads, keeping input
     * order. Invalid records become {@code invalid} assessments; nothing is dropped. Memory stays bounded: only a
     * few batches are read ahead. Close the returned stream to stop the workers early.
     *
     * @param records the records, for example from {@link PatientRecords#read(java.io.Reader)}
     * @param asOf    the assessment date
     * @param threads worker threads (1 = the consuming thread)
     * @return the assessments, one per input record, in input order
     */
    public Stream<Assessment> assessAll(Stream<ParsedRecord> records, LocalDate asOf, int threads) {
        return assessAll(records, asOf, threads, Function.identity());
    }

    /**
     * As {@link #assessAll(Stream, LocalDate, int)}, and applies {@code then} to each assessment on the worker
     * threads, so that work such as serialising the output runs in parallel too. Order is kept.
     *
     * @param records the records
     * @param asOf    the assessment date
     * @param threads worker threads (1 = the consuming thread)
     * @param then    a thread-safe function of one assessment, for example {@link PatientRecords#toJson(Object)}
     * @param <T>     what {@code then} makes
     * @return one result per input record, in input order
     */
    public <T> Stream<T> assessAll(Stream<ParsedRecord> records, LocalDate asOf, int threads,
                                   Function<Assessment, T> then) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(then, "then");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        OrderedBatches<T> batches = new OrderedBatches<>(records.iterator(), engine, asOf, threads, BATCH_SIZE, then);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, Spliterator.ORDERED), false)
                .onClose(batches::close).onClose(records::close);
    }

}
