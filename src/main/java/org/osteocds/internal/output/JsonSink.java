package org.osteocds.internal.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.Writer;
import org.osteocds.Assessment;
import org.osteocds.internal.JsonSupport;

/** Assessments as a JSON array (indented) or as NDJSON (one compact object per line). */
public final class JsonSink implements AssessmentSink {
    private final Writer out;
    private final SequenceWriter seq;

    /**
     * @param out    where to write (not closed by this sink)
     * @param ndjson one object per line instead of an array
     * @throws IOException when writing fails
     */
    public JsonSink(Writer out, boolean ndjson) throws IOException {
        this.out = out;
        ObjectWriter w = (ndjson ? JsonSupport.MAPPER.writer().withRootValueSeparator("\n")
                : JsonSupport.MAPPER.writerWithDefaultPrettyPrinter()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.seq = ndjson ? w.writeValues(out) : w.writeValuesAsArray(out);
    }

    @Override
    public void accept(Assessment a) throws IOException {
        seq.write(a);
    }

    @Override
    public void close() throws IOException {
        seq.close();
        out.write('\n');
        out.flush();
    }
}
