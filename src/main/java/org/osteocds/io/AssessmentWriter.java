package org.osteocds.io;

import java.io.IOException;
import org.osteocds.model.Assessment;

/** Receives assessments one at a time, in input order, and writes them somewhere. */
public interface AssessmentWriter extends AutoCloseable {
    /**
     * @param a the next assessment
     * @throws IOException when writing fails
     */
    void accept(Assessment a) throws IOException;

    /** Finishes the output (a report writes its summary here). */
    @Override
    void close() throws IOException;
}
