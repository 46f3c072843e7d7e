package org.osteocds.io;

import java.io.IOException;
import java.util.Iterator;
import java.util.stream.Stream;
import org.osteocds.model.Assessment;

/**
 * Writes assessments somewhere, one at a time and in order: JSON ({@link JsonWriter}), CSV rows ({@link CsvWriter}),
 * CDS Hooks responses ({@link CardsWriter}), an HTML panel report ({@link HtmlReportWriter}) or clinic worklists
 * ({@link WorklistWriter}). Close it to finish the output (a report writes its summary then); the underlying
 * {@link java.io.Writer} is flushed, not closed. Not thread-safe: feed it from one thread.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("report.html"));
 *      AssessmentWriter report = new HtmlReportWriter(out, cds, "1.0")) {
 *     report.writeAll(cds.assessAll(records, asOf, 2));
 * }
 * }</pre>
 */
public interface AssessmentWriter extends AutoCloseable {
    /**
     * @param a the next assessment
     * @throws IOException when writing fails
     */
    void accept(Assessment a) throws IOException;

    /**
     * Writes every assessment of a stream, in order.
     *
     * @param assessments the assessments (the stream is consumed, not closed)
     * @throws IOException when writing fails
     */
    default void writeAll(Stream<Assessment> assessments) throws IOException {
        Iterator<Assessment> it = assessments.iterator();
        while (it.hasNext()) {
            accept(it.next());
        }
    }

    /** Finishes the output (a report writes its summary here) and flushes it. */
    @Override
    void close() throws IOException;
}
