package org.osteocds.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.internal.parse.RecordMapper;
import org.osteocds.internal.parse.RecordReader;
import org.osteocds.model.Assessment;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;

/**
 * Reads patient records from JSON, NDJSON or CSV (detected from the content) and writes assessments as JSON.
 * Reading streams: memory is bounded by one record, and every input record yields one {@link ParsedRecord}.
 */
public final class PatientRecords {
    private PatientRecords() {
    }

    /**
     * Reads records lazily. The kind (JSON object or array, NDJSON, CSV) is detected from the content.
     * Close the stream to close the reader.
     *
     * @param in the input
     * @return one parsed record per input record, in order
     */
    public static Stream<ParsedRecord> read(Reader in) {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        RecordReader.Kind kind;
        try {
            kind = RecordReader.detect(br);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<ParsedRecord> it = RecordReader.records(br, kind);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        br.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Parses one record from a JSON object.
     *
     * @param json the object's text
     * @return the record
     * @throws InvalidRecordException listing every problem
     */
    public static PatientRecord fromJson(String json) {
        ParsedRecord p;
        try {
            p = new RecordMapper(false).map(JsonSupport.MAPPER.readTree(json), "#1");
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(null, List.of(new RecordError("record", null,
                    "not valid JSON: " + e.getOriginalMessage())));
        }
        if (p instanceof ParsedRecord.Invalid inv) {
            throw new InvalidRecordException(inv.patientId(), inv.errors());
        }
        return ((ParsedRecord.Valid) p).record();
    }

    /**
     * Writes an assessment (or any contract value) as compact JSON, exactly as the output contract names it.
     *
     * @param value an {@link Assessment}, a list of them, or another contract type
     * @return its JSON
     */
    public static String toJson(Object value) {
        try {
            return JsonSupport.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #toJson(Object)}, indented for people.
     *
     * @param value the value
     * @return its JSON, indented
     */
    public static String toPrettyJson(Object value) {
        try {
            return JsonSupport.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
