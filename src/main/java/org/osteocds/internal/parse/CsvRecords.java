package org.osteocds.internal.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * CSV records as spreadsheets write them (patient-record.md, CSV): a header row of field names, then one patient per
 * row; {@code ,} or {@code ;} between cells (found from the header; with {@code ;}, numbers may have a decimal
 * comma); quoted cells may span lines. A row that cannot be read (broken quoting, a wrong number of cells, bytes
 * invalid in the encoding) is one invalid record, and reading goes on with the next line.
 */
final class CsvRecords extends RecordReader.Producer {
    /** Most physical lines one quoted cell may span before its quote is taken to be broken. */
    static final int MAX_RECORD_LINES = 1000;
    /** Longest row, in characters, before its quote is taken to be broken. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final BufferedReader in;
    private final String file;
    private final DecodingReader decoding;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private RecordMapper mapper;
    private CSVFormat format;
    private char separator = ',';
    private List<String> header;
    private List<RecordError> headerErrors = List.of();
    private int line;
    private int row;

    /**
     * @param in       the text
     * @param file     the file's name for sources, or {@code null}
     * @param decoding the decoder under {@code in}, to find bytes invalid in the encoding, or {@code null}
     */
    CsvRecords(Reader in, String file, DecodingReader decoding) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        this.file = file;
        this.decoding = decoding;
    }

    /** @return the separator found, in words */
    String describe() {
        return separator == ';' ? "';' separator, decimal commas" : "',' separator";
    }

    private String nextLine() throws IOException {
        String s = pushedBack.isEmpty() ? in.readLine() : pushedBack.pop();
        if (s != null) {
            line++;
        }
        return s;
    }

    @Override
    ParsedRecord produce() throws IOException {
        if (header == null && !readHeader()) {
            return null;
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
        RecordSource source = RecordSource.row(file, row, startLine);
        // join physical lines while a quoted cell is open
        StringBuilder logical = new StringBuilder(first);
        List<String> consumed = new ArrayList<>();
        while (quotes(logical) % 2 == 1 && consumed.size() < MAX_RECORD_LINES && logical.length() < MAX_RECORD_CHARS) {
            String more = nextLine();
            if (more == null) {
                break;
            }
            consumed.add(more);
            logical.append('\n').append(more);
        }
        if (quotes(logical) % 2 == 1) {
            // broken quoting: this physical line alone is the bad row; read on from the next line
            for (int i = consumed.size() - 1; i >= 0; i--) {
                pushedBack.push(consumed.get(i));
            }
            line = startLine;
            return RecordReader.invalid(source, RecordError.abbreviate(first), "line " + startLine
                    + ": a quote is not closed");
        }
        int bad = decoding == null ? 0 : decoding.malformedLine(startLine, line);
        if (decoding != null) {
            decoding.forgetBefore(startLine, Long.MAX_VALUE);   // CSV finds bad bytes by line
        }
        if (bad > 0) {
            return RecordReader.invalid(source, RecordError.abbreviate(first), "line " + bad
                    + " holds bytes that are not valid " + decoding.encoding());
        }
        List<String> cells;
        try {
            cells = parse(logical.toString());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return RecordReader.invalid(source, RecordError.abbreviate(first), "line " + startLine
                    + ": broken CSV quoting");
        }
        if (cells.size() != header.size()) {
            return RecordReader.invalid(source, RecordError.abbreviate(first), "line " + startLine + ": "
                    + cells.size() + " cells where the header has " + header.size());
        }
        ObjectNode node = JsonSupport.MAPPER.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            if (RecordMapper.FIELDS.contains(header.get(i)) && !node.has(header.get(i))) {
                node.put(header.get(i), cells.get(i));
            }
        }
        ParsedRecord parsed = mapper.map(node, source);
        if (headerErrors.isEmpty()) {
            return parsed;
        }
        List<RecordError> all = new ArrayList<>(headerErrors);
        String pid = source.fallbackId();
        if (parsed instanceof ParsedRecord.Invalid inv) {
            all.addAll(inv.errors());
            pid = inv.patientId();
        } else if (parsed instanceof ParsedRecord.Valid v) {
            pid = v.record().id();
        }
        return new ParsedRecord.Invalid(pid, source, all);
    }

    /** Reads the header row: the separator, the columns, and what is wrong with them (every row carries it). */
    private boolean readHeader() throws IOException {
        String h;
        do {
            h = nextLine();
        } while (h != null && h.isBlank());
        if (h == null) {
            return false;
        }
        if (h.startsWith("\uFEFF")) {
            h = h.substring(1);
        }
        separator = outsideQuotes(h, ';') > outsideQuotes(h, ',') ? ';' : ',';
        format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreSurroundingSpaces(true).get();
        mapper = new RecordMapper(true, separator == ';');
        try {
            header = parse(h);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            header = Arrays.asList(h.split(Pattern.quote(String.valueOf(separator)), -1));
        }
        List<RecordError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String col : header) {
            if (!RecordMapper.FIELDS.contains(col)) {
                errs.add(new RecordError(col, null, "unknown column" + delimiterHint(col)
                        + RecordMapper.suggestion(col, RecordMapper.FIELDS)));
            } else if (!seen.add(col)) {
                errs.add(new RecordError(col, null, "the column " + col + " is given twice in the header"));
            }
        }
        headerErrors = errs;
        return true;
    }

    private static int outsideQuotes(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                n++;
            }
        }
        return n;
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

    private List<String> parse(String text) throws IOException {
        if (text.indexOf('"') < 0) {
            // without quotes a CSV record is exactly its separated cells
            List<String> cells = new ArrayList<>();
            int from = 0;
            for (int i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, from)) {
                cells.add(text.substring(from, i).strip());
                from = i + 1;
            }
            cells.add(text.substring(from).strip());
            return cells;
        }
        try (CSVParser p = format.parse(new StringReader(text))) {
            List<CSVRecord> recs = p.getRecords();
            if (recs.size() != 1) {
                throw new IOException("expected one CSV record");
            }
            List<String> out = new ArrayList<>();
            recs.get(0).forEach(out::add);
            return out;
        }
    }

    /** A hint when a header cell holds several field names joined by a separator not supported here. */
    static String delimiterHint(String col) {
        for (String d : new String[] {"\t", "|"}) {
            String[] parts = col.split(Pattern.quote(d), -1);
            if (parts.length > 1 && Arrays.stream(parts).map(String::trim).allMatch(RecordMapper.FIELDS::contains)) {
                return "; the header looks " + (d.equals("\t") ? "tab" : "'" + d + "'")
                        + "-separated: save the file with ',' or ';' between cells";
            }
        }
        return "";
    }
}
