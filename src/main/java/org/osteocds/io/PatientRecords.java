package org.osteocds.io;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.osteocds.internal.parse.InputFormat;
import org.osteocds.internal.parse.RecordReader;
import org.osteocds.model.Assessment;
import org.osteocds.model.InvalidRecordException;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * Reads patient records from JSON, NDJSON or CSV (detected from the content) and writes assessments as JSON.
 * Reading streams: memory is bounded by one record, and every input record yields one {@link ParsedRecord}.
 */
public final class PatientRecords {
    private PatientRecords() {
    }

    /**
     * Reads records lazily from text. The kind (JSON in any arrangement, NDJSON, CSV) is detected from the content.
     * A record that cannot be read becomes an invalid one naming its line, row or position, and reading goes on.
     * Close the stream to close the reader.
     *
     * @param in the input
     * @return one parsed record per input record, in order
     */
    public static Stream<ParsedRecord> read(Reader in) {
        return read(in, null);
    }

    /**
     * As {@link #read(Reader)}, naming the input in each record's {@link ParsedRecord#source() source}.
     *
     * @param in   the input
     * @param name the input's name (a file name), or {@code null}
     * @return one parsed record per input record, in order
     */
    public static Stream<ParsedRecord> read(Reader in, String name) {
        Iterator<ParsedRecord> it;
        try {
            it = RecordReader.records(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream(it, in);
    }

    /**
     * Reads a file's records lazily: JSON (UTF-8) or CSV (UTF-8 or Windows-1252, ',' or ';' separated), detected from
     * its first bytes. Bytes invalid in the encoding make only the record holding them invalid. Each record's source
     * names the file.
     *
     * @param file the file
     * @return one parsed record per input record, in order
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when the file is in no format read here (FHIR XML, a binary file...), saying so
     */
    public static Stream<ParsedRecord> read(Path file) throws IOException {
        RecordReader.Opened opened = RecordReader.open(Files.newInputStream(file), file.toString());
        if (opened.format().kind() == InputFormat.Kind.UNSUPPORTED) {
            closeQuietly(opened.input());
            throw new IllegalArgumentException(file + ": " + opened.format().reason());
        }
        return stream(opened.records(), opened.input());
    }

    private static Stream<ParsedRecord> stream(Iterator<ParsedRecord> it, AutoCloseable input) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(() -> closeQuietly(input));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the input", e);
        }
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
            p = new RecordMapper(false).map(JsonSupport.MAPPER.readTree(json), RecordSource.line(null, 1));
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
