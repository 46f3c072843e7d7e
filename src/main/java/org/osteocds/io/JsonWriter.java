package org.osteocds.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ConcurrentHashMap;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.internal.parse.JsonSupport;

/**
 * Assessments as a JSON array (indented) or as NDJSON (one compact object per line). {@link #render} turns an
 * assessment into its text and is safe to call on worker threads; {@link #write} appends rendered text in order.
 *
 * <p>The text is the same as {@link JsonSupport#MAPPER} writes, but faster: an advice's catalogue texts (summary,
 * detail, evidence), the same for every patient given that code and most of an assessment's characters, are
 * rendered to JSON once and copied from then on (docs/performance.md).
 */
public final class JsonWriter implements AssessmentWriter {
    private static final ObjectMapper MAPPER = JsonSupport.MAPPER.copy()
            .registerModule(new SimpleModule("osteo-cds-advice-texts").addSerializer(new CachedAdviceTexts()));
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private final Writer out;
    private final boolean ndjson;
    private boolean first = true;

    /**
     * @param out    where to write (not closed by this sink)
     * @param ndjson one compact object per line instead of an indented array
     */
    public JsonWriter(Writer out, boolean ndjson) {
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

    /**
     * Writes an {@link Advice} as the default record serializer does (same fields, order and escaping), taking the
     * summary, the detail and (when not indenting) the evidence list from JSON rendered once per distinct value.
     * At most {@link #MAX_ENTRIES} values are kept, so advice built elsewhere with ever new texts cannot grow it
     * without bound; values beyond that are rendered each time.
     */
    static final class CachedAdviceTexts extends StdSerializer<Advice> {
        private static final long serialVersionUID = 1L;
        static final int MAX_ENTRIES = 4_096;

        private final transient ConcurrentHashMap<Object, String> rendered = new ConcurrentHashMap<>();

        CachedAdviceTexts() {
            super(Advice.class);
        }

        @Override
        public void serialize(Advice a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject(a);
            g.writeStringField("code", a.code());
            p.defaultSerializeField("category", a.category(), g);
            p.defaultSerializeField("indicator", a.indicator(), g);
            g.writeFieldName("summary");
            g.writeRawValue(json(a.summary()));
            g.writeFieldName("clinicianSummary");
            g.writeRawValue(json(a.clinicianSummary()));
            g.writeFieldName("detail");
            g.writeRawValue(json(a.detail()));
            g.writeStringField("rationale", a.rationale());
            if (g.getPrettyPrinter() == null) {
                g.writeFieldName("evidence");
                g.writeRawValue(json(a.evidence()));
            } else {
                p.defaultSerializeField("evidence", a.evidence(), g);
            }
            g.writeStringField("rule", a.rule());
            g.writeEndObject();
        }

        private String json(Object value) throws JsonProcessingException {
            String text = rendered.get(value);
            if (text == null) {
                text = JsonSupport.MAPPER.writeValueAsString(value);
                if (rendered.size() < MAX_ENTRIES) {
                    rendered.put(value, text);
                }
            }
            return text;
        }
    }
}
