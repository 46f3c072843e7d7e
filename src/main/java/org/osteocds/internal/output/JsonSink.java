package org.osteocds.internal.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.Writer;
import org.osteocds.Assessment;
import org.osteocds.internal.JsonSupport;

/**
 * Assessments as a JSON array (indented) or as NDJSON (one compact object per line). {@link #render} turns an
 * assessment into its text and is safe to call on worker threads; {@link #write} appends rendered text in order.
 */
public final class JsonSink implements AssessmentSink {
    private static final ObjectWriter COMPACT = JsonSupport.MAPPER.writer();
    private static final ObjectWriter PRETTY = JsonSupport.MAPPER.writerWithDefaultPrettyPrinter();

    private final Writer out;
    private final boolean ndjson;
    private boolean first = true;

    /**
     * @param out    where to write (not closed by this sink)
     * @param ndjson one compact object per line instead of an indented array
     */
    public JsonSink(Writer out, boolean ndjson) {
        this.out = out;
        this.ndjson = ndjson;
    }

    /**
     * @param a      an assessment
     * @param ndjson compact (NDJSON) or indented as an element of the array
     * @return its JSON text
     */
    public static String render(Assessment a, boolean ndjson) {
        try {
            return ndjson ? COMPACT.writeValueAsString(a) : "  " + PRETTY.writeValueAsString(a).replace("\n", "\n  ");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void accept(Assessment a) throws IOException {
        write(render(a, ndjson));
    }

    /**
     * Appends one assessment rendered by {@link #render(Assessment, boolean)} in this sink's mode.
     *
     * @param text the rendered assessment
     * @throws IOException when writing fails
     */
    public void write(String text) throws IOException {
        if (ndjson) {
            out.write(text);
            out.write('\n');
        } else {
            out.write(first ? "[\n" : ",\n");
            out.write(text);
        }
        first = false;
    }

    @Override
    public void close() throws IOException {
        if (!ndjson) {
            out.write(first ? "[ ]\n" : "\n]\n");
        }
        out.flush();
    }
}
