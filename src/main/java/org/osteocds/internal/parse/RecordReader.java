package org.osteocds.internal.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;

/**
 * Streams records out of JSON (one object, an array, or objects one after another), NDJSON or CSV, detected from
 * the content. Memory stays bounded by one record. Every input record yields exactly one {@link ParsedRecord}:
 * a record that cannot be read becomes an {@code Invalid} one naming its line, row or position.
 */
public final class RecordReader {
    /** Input kinds. */
    public enum Kind {
        /** one JSON object, an array of them, or several objects in a row */
        JSON,
        /** one JSON object per line */
        NDJSON,
        /** a header row of field names, then one patient per row */
        CSV
    }

    private static final int PEEK = 1 << 16;
    private static final CSVFormat LINE = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
    /** How many physical lines one quoted CSV field may span before the quote is taken to be broken. */
    private static final int MAX_CSV_RECORD_LINES = 20;

    private RecordReader() {
    }

    /**
     * Detects the kind from the first characters, leaving the reader where it was.
     *
     * @param in a reader that supports mark
     * @return the kind
     * @throws IOException when reading fails
     */
    public static Kind detect(BufferedReader in) throws IOException {
        in.mark(PEEK);
        try {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xFEFF);
            if (c == '[') {
                return Kind.JSON;
            }
            if (c == '{') {
                String firstLine = "{" + in.readLine();
                try {
                    JsonSupport.MAPPER.readTree(firstLine);
                    return Kind.NDJSON;
                } catch (JsonProcessingException e) {
                    return Kind.JSON;
                }
            }
            return Kind.CSV;
        } finally {
            in.reset();
        }
    }

    /**
     * @param in   the input
     * @param kind its kind
     * @return an iterator over its records; reading errors surface as {@link UncheckedIOException}
     */
    public static Iterator<ParsedRecord> records(BufferedReader in, Kind kind) {
        return switch (kind) {
            case NDJSON -> ndjson(in);
            case JSON -> json(in);
            case CSV -> csv(in);
        };
    }

    private static Iterator<ParsedRecord> ndjson(BufferedReader in) {
        RecordMapper mapper = new RecordMapper(false);
        return new Producer() {
            int line;

            @Override
            ParsedRecord produce() throws IOException {
                String text;
                do {
                    text = in.readLine();
                    line++;
                } while (text != null && text.isBlank());
                if (text == null) {
                    return null;
                }
                String source = "line " + line;
                try {
                    return mapper.map(JsonSupport.MAPPER.readTree(text), source);
                } catch (JsonProcessingException e) {
                    return new ParsedRecord.Invalid(source, source, List.of(new RecordError("record",
                            RecordMapper.abbreviate(text), "not valid JSON: " + e.getOriginalMessage())));
                }
            }
        };
    }

    private static Iterator<ParsedRecord> json(BufferedReader in) {
        RecordMapper mapper = new RecordMapper(false);
        JsonParser parser;
        try {
            parser = JsonSupport.MAPPER.createParser(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Producer() {
            int index;
            boolean inArray;
            boolean started;
            boolean broken;

            @Override
            ParsedRecord produce() throws IOException {
                if (broken) {
                    return null;
                }
                String source = "#" + (index + 1);
                try {
                    JsonToken t = parser.nextToken();
                    if (!started) {
                        started = true;
                        if (t == JsonToken.START_ARRAY) {
                            inArray = true;
                            t = parser.nextToken();
                        }
                    }
                    if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
                        return null;
                    }
                    index++;
                    JsonNode node = JsonSupport.MAPPER.readTree(parser);
                    return mapper.map(node, source);
                } catch (JsonProcessingException e) {
                    broken = true;   // a syntax error leaves no safe place to resume
                    index++;
                    return new ParsedRecord.Invalid(source, source, List.of(new RecordError("record", null,
                            "not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()
                                    + "; the rest of this input could not be read")));
                }
            }
        };
    }

    private static Iterator<ParsedRecord> csv(BufferedReader in) {
        RecordMapper mapper = new RecordMapper(true);
        return new Producer() {
            List<String> header;
            List<RecordError> headerErrors = List.of();
            final List<String> pushedBack = new ArrayList<>();
            int line;
            int row;

            private String nextLine() throws IOException {
                if (!pushedBack.isEmpty()) {
                    line++;
                    return pushedBack.remove(0);
                }
                String s = in.readLine();
                if (s != null) {
                    line++;
                }
                return s;
            }

            @Override
            ParsedRecord produce() throws IOException {
                if (header == null) {
                    String h;
                    do {
                        h = nextLine();
                    } while (h != null && h.isBlank());
                    if (h == null) {
                        return null;
                    }
                    if (h.startsWith("\uFEFF")) {
                        h = h.substring(1);
                    }
                    header = parseLine(h);
                    List<RecordError> errs = new ArrayList<>();
                    for (String col : header) {
                        if (!RecordMapper.FIELDS.contains(col)) {
                            errs.add(new RecordError(col, null, "unknown column" + delimiterHint(col)
                                    + RecordMapper.suggestion(col, RecordMapper.FIELDS)));
                        }
                    }
                    headerErrors = errs;
                }
                String first;
                do {
                    first = nextLine();
                } while (first != null && first.isBlank());
                if (first == null) {
                    return null;
                }
                row++;
                int startLine = line;
                String source = "row " + row;
                // join physical lines while a quoted field is open
                StringBuilder logical = new StringBuilder(first);
                List<String> consumed = new ArrayList<>();
                while (quotes(logical) % 2 == 1 && consumed.size() < MAX_CSV_RECORD_LINES) {
                    String more = nextLine();
                    if (more == null) {
                        break;
                    }
                    consumed.add(more);
                    logical.append('\n').append(more);
                }
                List<String> cells;
                try {
                    if (quotes(logical) % 2 == 1) {
                        throw new IOException("unbalanced quotes");
                    }
                    cells = parseLine(logical.toString());
                } catch (IOException | IllegalStateException e) {
                    // broken quoting: this physical line alone is the bad row; read on from the next line
                    pushedBack.addAll(0, consumed);
                    line = startLine;
                    return new ParsedRecord.Invalid(source, source, List.of(new RecordError("record",
                            RecordMapper.abbreviate(first), "line " + startLine + ": broken CSV quoting")));
                }
                if (cells.size() != header.size()) {
                    return new ParsedRecord.Invalid(source, source, List.of(new RecordError("record",
                            RecordMapper.abbreviate(first), "line " + startLine + ": " + cells.size()
                                    + " cells where the header has " + header.size())));
                }
                ObjectNode node = JsonSupport.MAPPER.createObjectNode();
                for (int i = 0; i < header.size(); i++) {
                    if (RecordMapper.FIELDS.contains(header.get(i))) {
                        node.put(header.get(i), cells.get(i));
                    }
                }
                ParsedRecord parsed = mapper.map(node, source);
                if (headerErrors.isEmpty()) {
                    return parsed;
                }
                List<RecordError> all = new ArrayList<>(headerErrors);
                String pid = source;
                if (parsed instanceof ParsedRecord.Invalid inv) {
                    all.addAll(inv.errors());
                    pid = inv.patientId();
                } else if (parsed instanceof ParsedRecord.Valid v) {
                    pid = v.record().id();
                }
                return new ParsedRecord.Invalid(pid, source, all);
            }
        };
    }

    private static int quotes(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static List<String> parseLine(String text) throws IOException {
        if (text.indexOf('"') < 0) {
            // without quotes a CSV record is exactly its comma-separated cells
            List<String> cells = new ArrayList<>();
            int from = 0;
            for (int i = text.indexOf(','); i >= 0; i = text.indexOf(',', from)) {
                cells.add(text.substring(from, i).strip());
                from = i + 1;
            }
            cells.add(text.substring(from).strip());
            return cells;
        }
        try (CSVParser p = LINE.parse(new StringReader(text))) {
            List<CSVRecord> recs = p.getRecords();
            if (recs.size() != 1) {
                throw new IOException("expected one CSV record");
            }
            List<String> out = new ArrayList<>();
            recs.get(0).forEach(out::add);
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** An iterator over a producer that returns null at the end. */
    private abstract static class Producer implements Iterator<ParsedRecord> {
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

    /** A hint when a header cell holds several field names joined by another delimiter (a semicolon-separated
     *  export from a spreadsheet, or tab-separated). */
    static String delimiterHint(String col) {
        for (String d : new String[] {";", "\t", "|"}) {
            String[] parts = col.split(Pattern.quote(d), -1);
            if (parts.length > 1 && Arrays.stream(parts).map(String::trim).allMatch(RecordMapper.FIELDS::contains)) {
                return "; the header looks " + (d.equals("\t") ? "tab" : "'" + d + "'")
                        + "-separated: save the file as comma-separated CSV";
            }
        }
        return "";
    }
}
