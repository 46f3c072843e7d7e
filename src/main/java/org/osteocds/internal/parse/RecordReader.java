package org.osteocds.internal.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * Streams records out of native inputs: JSON in any arrangement (one object, arrays, objects one after another,
 * NDJSON) and CSV. Memory stays bounded by one record. Every input record yields exactly one {@link ParsedRecord},
 * and a record that cannot be read costs only itself: it becomes an {@code Invalid} one naming its file and line,
 * row or position, and reading goes on after it.
 */
public final class RecordReader {
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']*)'");

    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private RecordReader() {
    }

    /**
     * An open native input: what it was detected to be, and its records.
     *
     * @param format   what it is
     * @param encoding the text encoding found ({@code UTF-8}, {@code windows-1252}), or {@code null} before reading
     *                 or for text given as characters
     * @param records  its records, read lazily; empty for an unsupported input
     * @param input    what to close
     */
    public record Opened(InputFormat format, Described encoding, Iterator<ParsedRecord> records, AutoCloseable input) {
    }

    /** Something that can say what it found while reading (the encoding, the CSV separator), for summaries. */
    public interface Described {
        /** @return what was detected, in words */
        String describe();
    }

    /**
     * Opens bytes: detects the format, then decodes them (JSON as UTF-8; CSV as UTF-8 or Windows-1252), so that a
     * byte invalid in the encoding makes only its record invalid.
     *
     * @param in   the bytes (closed when the records are)
     * @param file the file's name for sources, or {@code null}
     * @return the opened input
     * @throws IOException when the first bytes cannot be read
     */
    public static Opened open(InputStream in, String file) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(InputFormat.HEAD);
        byte[] head = b.readNBytes(InputFormat.HEAD);
        b.reset();
        InputFormat format = InputFormat.detect(head, head.length, file);
        return switch (format.kind()) {
            case JSON -> {
                DecodingReader text = new DecodingReader(b, DecodingReader.Mode.UTF8);
                yield new Opened(format, text::encoding, json(text, file, text), text);
            }
            case CSV -> {
                DecodingReader text = new DecodingReader(b, DecodingReader.Mode.SPREADSHEET);
                CsvRecords csv = new CsvRecords(text, file, text);
                yield new Opened(format, () -> text.encoding() + ", " + csv.describe(), csv, text);
            }
            case UNSUPPORTED -> new Opened(format, () -> format.reason(), java.util.Collections.emptyIterator(), b);
        };
    }

    /**
     * Reads text that is already characters (no encoding to detect): JSON when it starts with {@code {} or
     * {@code [}, else CSV.
     *
     * @param in   the text
     * @param file the file's name for sources, or {@code null}
     * @return its records
     * @throws IOException when reading fails
     */
    public static Iterator<ParsedRecord> records(Reader in, String file) throws IOException {
        java.io.PushbackReader p = new java.io.PushbackReader(in, 1);
        int c;
        do {
            c = p.read();
        } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xFEFF);
        if (c >= 0) {
            p.unread(c);
        }
        return c == '{' || c == '[' || c < 0 ? json(p, file, null) : new CsvRecords(p, file, null);
    }

    /** JSON: every value of the input is a record, or each element of an array. */
    static Iterator<ParsedRecord> json(Reader in, String file, DecodingReader decoding) {
        RecordMapper mapper = new RecordMapper(false);
        JsonChunks chunks = new JsonChunks(in);
        return new Producer() {
            int elements;

            RecordSource last;
            JsonChunks.Chunk lastChunk;

            /** The chunk's source, made once (an array element's number counts up). */
            RecordSource source(JsonChunks.Chunk c) {
                if (c != lastChunk || last == null) {
                    last = c.inArray() ? RecordSource.element(file, ++elements, c.startLine())
                            : RecordSource.line(file, c.startLine());
                    lastChunk = c;
                }
                return last;
            }

            @Override
            ParsedRecord produce() throws IOException {
                JsonChunks.Chunk c = chunks.next();
                if (c == null) {
                    return null;
                }
                JsonNode node = null;
                String parseError = null;
                if (c.problem() == null) {
                    try {
                        node = JsonSupport.MAPPER.readTree(c.text());
                    } catch (JsonProcessingException e) {
                        int at = c.startLine() + (e.getLocation() == null ? 0 : e.getLocation().getLineNr() - 1);
                        JsonChunks.Chunk shorter = c.endLine() > c.startLine() ? chunks.retry(c) : null;
                        if (shorter != null) {
                            c = shorter;   // a record left open: the lines after it are read again
                        } else {
                            java.util.regex.Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
                            if (dup.find()) {
                                RecordSource where = source(c);
                                return new ParsedRecord.Invalid(idOf(c.text(), where), where, List.of(new RecordError(
                                        dup.group(1), null, dup.group(1) + " is given twice in this record")));
                            }
                            parseError = "not valid JSON at line " + at + ": " + e.getOriginalMessage();
                        }
                    }
                }
                RecordSource source = source(c);
                int bad = decoding == null ? 0 : decoding.malformedAt(c.start(), c.end());
                if (decoding != null) {
                    decoding.forgetBefore(c.startLine(), c.start());
                }
                if (bad > 0) {
                    return invalid(source, RecordError.abbreviate(c.text()), "line " + bad
                            + " holds bytes that are not valid " + decoding.encoding());
                }
                if (c.problem() != null) {
                    return invalid(source, RecordError.abbreviate(c.text()), "not valid JSON: " + c.problem());
                }
                if (parseError != null) {
                    return invalid(source, RecordError.abbreviate(c.text()), parseError);
                }
                return mapper.map(node, source);
            }
        };
    }

    /** The id of a record Jackson rejects only for a repeated field, read leniently; else the source's name. */
    private static String idOf(String text, RecordSource source) {
        try {
            JsonNode id = LENIENT.readTree(text).get("id");
            return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : source.fallbackId();
        } catch (JsonProcessingException e) {
            return source.fallbackId();
        }
    }

    static ParsedRecord.Invalid invalid(RecordSource source, String value, String message) {
        return new ParsedRecord.Invalid(source.fallbackId(), source, List.of(new RecordError("record", value,
                message)));
    }

    /** An iterator over a producer that returns null at the end. */
    abstract static class Producer implements Iterator<ParsedRecord> {
        private ParsedRecord next;
        private boolean done;

        abstract ParsedRecord produce() throws IOException;

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = produce();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public ParsedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ParsedRecord r = next;
            next = null;
            return r;
        }
    }
}
