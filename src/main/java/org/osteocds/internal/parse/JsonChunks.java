package org.osteocds.internal.parse;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits JSON text into its records without parsing them: every top-level value, and every element of a top-level
 * array, is one chunk with the lines it spans. It follows only brackets and strings, so a record that Jackson
 * rejects (a bad token, {@code NaN}, a NUL byte, a missing comma) costs only itself; one JSON object, an array,
 * several arrays, objects one after another on one line or pretty-printed over many, and NDJSON all read the same.
 *
 * <p>Where even the brackets cannot be followed (a string left open at the end of its line, which JSON forbids) the
 * chunk ends there, marked broken, and reading resumes at the next line that opens an object no deeper than the
 * broken one did. Limits: a record nested deeper than {@value #MAX_DEPTH} levels, or longer than
 * {@value #MAX_CHARS} characters, is a broken chunk too, read to its end but not kept.
 */
final class JsonChunks {
    /** Deepest nesting a record may have (a record is three levels deep: record, list, medicine). */
    static final int MAX_DEPTH = 64;
    /** Longest record kept, in characters. */
    static final int MAX_CHARS = 1 << 20;

    /**
     * One record's text.
     *
     * @param text      its text (cut at {@link #MAX_CHARS} when {@code problem} says it is too long)
     * @param startLine the line it starts on, 1-based
     * @param endLine   the line it ends on
     * @param inArray   whether it is an element of an array
     * @param problem   why it cannot be parsed, or {@code null} when its brackets and strings are whole
     * @param column    the column its first character is in, from 1
     * @param start     the offset of its first character in the text read
     * @param end       the offset after its last character
     */
    record Chunk(String text, int startLine, int endLine, boolean inArray, String problem, int column, long start,
                 long end) {
    }

    private final Reader in;
    private final StringBuilder pushedBack = new StringBuilder();
    private int pushedPos;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int line = 1;
    private long offset;
    private int column;
    private boolean inArray;

    JsonChunks(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        int c = peek();
        if (c < 0) {
            return -1;
        }
        if (pushedPos < pushedBack.length()) {
            pushedPos++;
        } else {
            pos++;
        }
        return count((char) c);
    }

    private int count(char c) {
        offset++;
        if (c == '\n') {
            line++;
            column = 0;
        } else {
            column++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (pushedPos < pushedBack.length()) {
            return pushedBack.charAt(pushedPos);
        }
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos];
    }

    private static boolean space(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF';
    }

    /**
     * @return the next record's chunk, or {@code null} at the end
     * @throws IOException when reading fails
     */
    Chunk next() throws IOException {
        for (int c = read(); c >= 0; c = read()) {
            if (space(c) || c == ',') {
                continue;
            }
            if (inArray && c == ']') {
                inArray = false;
                continue;
            }
            if (!inArray && c == '[') {
                inArray = true;
                continue;
            }
            return value(c);
        }
        return null;
    }

    private Chunk value(int first) throws IOException {
        long start = offset - 1;
        int startLine = line;
        int startColumn = column;
        StringBuilder text = new StringBuilder().append((char) first);
        String problem = null;
        if (first == '{' || first == '[') {
            int depth = 1;
            boolean string = false;
            while (depth > 0) {
                int c = read();
                if (c < 0) {
                    problem = "the input ends inside this record, which starts at line " + startLine;
                    Chunk split = retry(new Chunk(text.toString(), startLine, line, inArray, problem, startColumn,
                            start, offset));
                    if (split != null) {
                        return split;
                    }
                    break;
                }
                if (text.length() < MAX_CHARS) {
                    text.append((char) c);
                } else if (problem == null) {
                    problem = "a record longer than " + MAX_CHARS + " characters";
                }
                if (string) {
                    if (c == '\\') {
                        int e = read();
                        if (e >= 0 && e != '\n' && text.length() < MAX_CHARS) {
                            text.append((char) e);
                        }
                        if (e == '\n' || e < 0) {
                            string = false;
                            problem = "a string is not closed at the end of line " + (line - 1);
                            return broken(text, start, startLine, startColumn, problem);
                        }
                    } else if (c == '"') {
                        string = false;
                    } else if (c == '\n') {
                        problem = "a string is not closed at the end of line " + (line - 1);
                        return broken(text, start, startLine, startColumn, problem);
                    }
                } else if (c == '"') {
                    string = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                    if (depth > MAX_DEPTH && problem == null) {
                        problem = "nested more than " + MAX_DEPTH + " levels deep";
                    }
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
        } else if (first == '"') {
            for (int c = read(); c >= 0 && c != '"' && c != '\n'; c = read()) {
                text.append((char) c);
                if (c == '\\' && read() < 0) {
                    break;
                }
            }
            text.append('"');
        } else {
            // a bare word or number: up to the next comma, bracket or end of line (a line of junk is one record)
            for (int c = peek(); c >= 0 && c != '\n' && c != ',' && c != ']' && c != '[' && c != '{'; c = peek()) {
                text.append((char) read());
                if (text.length() > 200) {
                    problem = "not JSON";
                    skipLine();
                    break;
                }
            }
        }
        return new Chunk(text.toString(), startLine, line, inArray, problem, startColumn, start, offset);
    }

    /**
     * A chunk that spans lines and cannot be read whole (it never closes, or Jackson rejects it) may be a record
     * left open with more records after it, as in NDJSON with a missing brace: it ends before the first later line
     * that opens an object at its own indentation or less, and the lines from there are read again.
     *
     * @param c the chunk
     * @return the shortened chunk, or {@code null} when no later line opens a record
     */
    Chunk retry(Chunk c) {
        String t = c.text();
        if (t.length() >= MAX_CHARS) {
            return null;   // cut: the text is not all there to read again
        }
        int from = t.indexOf('\n');
        int lineNo = c.startLine();
        while (from >= 0) {
            lineNo++;
            int i = from + 1;
            int indent = 0;
            while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
                i++;
                indent++;
            }
            if (i < t.length() && t.charAt(i) == '{' && indent + 1 <= c.column()) {
                pushedBack.delete(0, pushedPos).insert(0, t.substring(from + 1));
                pushedPos = 0;
                line = lineNo;
                column = 0;
                offset = c.start() + from + 1;
                return new Chunk(t.substring(0, from), c.startLine(), lineNo - 1, c.inArray(),
                        "this record is not closed before line " + lineNo, c.column(), c.start(), c.start() + from);
            }
            from = t.indexOf('\n', from + 1);
        }
        return null;
    }

    private void skipLine() throws IOException {
        for (int c = read(); c >= 0 && c != '\n'; c = read()) {
            // skip
        }
    }

    /**
     * A chunk whose brackets cannot be followed: skips to the next line that opens an object at the broken one's
     * indentation or less (the next record in a pretty-printed array, the next line of NDJSON).
     */
    private Chunk broken(StringBuilder text, long start, int startLine, int startColumn, String problem)
            throws IOException {
        int end = line - 1;
        while (true) {
            int indent = 0;
            int c = peek();
            while (c == ' ' || c == '\t') {
                read();
                indent++;
                c = peek();
            }
            if (c < 0) {
                break;
            }
            if (c == '{' && indent + 1 <= startColumn) {
                break;
            }
            if (c == ']' && inArray && indent + 1 <= startColumn) {
                break;
            }
            skipLine();
            end = line - 1;
        }
        return new Chunk(text.toString(), startLine, Math.max(startLine, end), inArray, problem, startColumn, start,
                offset);
    }
}
