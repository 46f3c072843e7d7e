package org.osteocds.population;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.fhir.FhirMapper;
import org.osteocds.model.ParsedRecord;

/**
 * What every task of a job needs, shipped with its closures: the assessment date and which rules (with the
 * driver's ruleset identity). The engine itself is never shipped; {@link ExecutorRules} builds it once per JVM.
 *
 * @param asOf  the assessment date
 * @param rules the rules and the driver's identity of them
 */
record JobContext(LocalDate asOf, ExecutorRules.Ref rules) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return this JVM's engine, checked against the driver's ruleset */
    OsteoCds cds() {
        return ExecutorRules.get(rules);
    }

    /** @return a FHIR mapper with the rules' terminology, as of the assessment date */
    FhirMapper mapper() {
        return new FhirMapper(Engines.of(cds()).rules().terminology(), asOf);
    }

    /**
     * Assesses a partition's records lazily, in batches of {@link OsteoCds#BATCH_SIZE} per KIE session on the
     * task's thread (sessions are never shared between tasks), as the CLI assesses them.
     *
     * @param records the partition's records
     * @return the rows of their assessments
     */
    Iterator<Row> assess(Iterator<ParsedRecord> records) {
        Stream<ParsedRecord> in = StreamSupport.stream(Spliterators.spliteratorUnknownSize(records,
                Spliterator.ORDERED), false);
        Stream<Row> out = cds().assessAll(in, asOf, 1, AssessmentRows::toRow);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> out.close());
        }
        return out.iterator();
    }
}
