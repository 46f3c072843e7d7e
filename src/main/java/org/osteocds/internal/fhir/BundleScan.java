package org.osteocds.internal.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cuts the entries out of a Bundle file that Jackson could not stream through (a syntax error or a byte that is not
 * UTF-8 in one entry), tolerating the damage, so that each entry can be read alone and a broken one costs only
 * itself. It follows only strings (with their escapes) and brackets on the raw bytes, which UTF-8 never uses inside
 * a multi-byte character: each element of the root object's {@code entry} array is cut from its opening brace to
 * the brace that closes it. A string still open at the end of its line ends there (JSON strings hold no raw line
 * breaks). Bytes between elements other than commas, spaces and brackets are a part of their own, so nothing in the
 * array goes unseen.
 */
final class BundleScan {
    /** The longest part kept whole; a longer one is reported by what it names, never parsed. */
    static final int MAX_PART = 32 << 20;
    private static final int BEFORE = 0;
    private static final int ROOT = 1;
    private static final int ARRAY = 2;
    private static final int ELEMENT = 3;
    private static final int JUNK = 4;

    /**
     * One element of the entry array, or bytes between elements.
     *
     * @param offset  where it starts in the file
     * @param length  its length in bytes
     * @param number  its number in the array, from 1 (for bytes between elements: the element before them)
     * @param line    the line it starts on
     * @param between whether it is bytes between elements
     * @param bytes   its text, or {@code null} when longer than {@link #MAX_PART}
     * @param problem why it is bad before it is even parsed (bytes between elements, the file ends inside it, too
     *                long), or {@code null}
     * @param names   what a part too long to keep names
     */
    record Part(long offset, long length, int number, int line, boolean between, byte[] bytes, String problem,
                ResourceText.Names names) {
        /** @return where it is, for messages: {@code file entry N (line L)} */
        String where(String file) {
            return file + (between ? " after entry " : " entry ") + number + " (line " + line + ")";
        }
    }

    /**
     * What the scan saw of the root object.
     *
     * @param type    its resourceType, or {@code null}
     * @param request whether it is a CDS Hooks request
     * @param entries whether it has an {@code entry} array
     */
    record Root(String type, boolean request, boolean entries) {
    }

    private final Consumer<Part> sink;
    private int state = BEFORE;
    private long pos;
    private int line = 1;
    private int depth;
    private int elementDepth;
    private boolean inString;
    private boolean escape;
    private final StringBuilder string = new StringBuilder();
    private String key;
    private boolean afterColon;
    private String rootType;
    private boolean request;
    private boolean entries;
    private int number;
    private long partStart;
    private int partLine;
    private byte[] buf = new byte[8192];
    private int size;
    private Set<String> longRefs;
    private int match;
    private int candidate;
    private long candidatePos;
    private int candidateLine;
    private boolean suspect;
    private ResourceText.Names longNames;

    private BundleScan(Consumer<Part> sink) {
        this.sink = sink;
    }

    /**
     * @param file a file that holds one JSON object, perhaps damaged
     * @param sink receives each part of its {@code entry} array, in order
     * @return what the root object is
     * @throws IOException when the file cannot be read
     */
    static Root scan(Path file, Consumer<Part> sink) throws IOException {
        BundleScan s = new BundleScan(sink);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    s.accept(chunk[i] & 0xff);
                }
            }
        }
        s.end();
        return new Root(s.rootType, s.request, s.entries);
    }

    private void accept(int c) {
        switch (state) {
            case BEFORE -> {
                if (c == '{') {
                    state = ROOT;
                    depth = 1;
                }
            }
            case ROOT -> root(c);
            case ARRAY -> array(c);
            case ELEMENT -> element(c);
            default -> junk(c);
        }
        if (c == '\n') {
            line++;
        }
        pos++;
    }

    /**
     * Inside a string: follows its escapes.
     *
     * @return whether {@code c} ends it (a quote, or a line break, which a JSON string never holds)
     */
    private boolean closesString(int c) {
        if (escape) {
            escape = false;
            return false;
        }
        if (c == '\\') {
            escape = true;
            return false;
        }
        return c == '"' || c == '\n';
    }

    /** Outside the entry array: keeps the root's keys and its resourceType. */
    private void root(int c) {
        if (inString) {
            boolean ordinary = !escape && c != '\\';
            if (closesString(c)) {
                inString = false;
                if (depth == 1 && afterColon && "resourceType".equals(key)) {
                    rootType = string.toString();
                } else if (depth == 1 && !afterColon) {
                    key = string.toString();
                }
            } else if (ordinary && depth == 1 && string.length() < 64) {
                string.append((char) c);
            }
            return;
        }
        switch (c) {
            case '"' -> {
                inString = true;
                string.setLength(0);
            }
            case ':' -> {
                if (depth == 1) {
                    afterColon = true;
                    request |= "hook".equals(key);
                }
            }
            case ',' -> {
                if (depth == 1) {
                    afterColon = false;
                }
            }
            case '{', '[' -> {
                if (c == '[' && depth == 1 && afterColon && "entry".equals(key)) {
                    state = ARRAY;
                    entries = true;
                } else {
                    depth++;
                }
            }
            case '}', ']' -> depth = Math.max(1, depth - 1);
            default -> { }
        }
    }

    /** Between the elements of the entry array. */
    private void array(int c) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
            return;
        }
        if (c == ']') {
            state = ROOT;
            afterColon = false;
            return;
        }
        start(c == '{' ? ELEMENT : JUNK);
        if (c == '{') {
            number++;
            elementDepth = 1;
        }
        add(c);
    }

    private void element(int c) {
        add(c);
        boolean wasInString = inString;
        structure(c);
        if (state == ELEMENT) {
            resync(c, wasInString);
        }
    }

    /** Follows the strings and brackets of an element; emits it when its opening brace is closed. */
    private void structure(int c) {
        if (inString) {
            if (closesString(c)) {
                inString = false;
            }
            return;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            elementDepth++;
        } else if ((c == '}' || c == ']') && --elementDepth == 0) {
            emit(size, pos + 1, null);
            state = ARRAY;
        }
    }

    /**
     * Watches for the start of an entry ({@code {"fullUrl":} or {@code {"resource":{}), bytes that never occur inside a
     * JSON string. Where no entry can start (inside an entry's resource, or where the scan believes it is inside a
     * string, its quotes being damaged), the element before it was left open: it ends there, and the entry is read.
     */
    private void resync(int c, boolean wasInString) {
        boolean space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (match != 2 && match != 4 && c == '{') {
            match = 1;
            candidate = size - 1;
            candidatePos = pos;
            candidateLine = line;
            suspect = wasInString || elementDepth == 2 || elementDepth == 3;
        } else if (match == 1 && c == '"') {
            match = 2;
            string.setLength(0);
        } else if (match == 2) {
            if (c == '"') {
                match = 3;
            } else if (string.length() < 8) {
                string.append((char) c);
            } else {
                match = 0;
            }
        } else if (match == 3 && c == ':') {
            String k = string.toString();
            match = k.equals("resource") ? 4 : 0;
            if (k.equals("fullUrl")) {
                split();
            }
        } else if (match == 4 && c == '{') {
            match = 0;
            split();
        } else if (!space) {
            match = 0;
        }
    }

    private void split() {
        match = 0;
        if (!suspect || candidate <= 0) {
            return;
        }
        emit(candidate, candidatePos, "not closed before the next entry starts");
        int tail = size - candidate;
        System.arraycopy(buf, candidate, buf, 0, tail);
        size = 0;
        state = ELEMENT;
        partStart = candidatePos;
        partLine = candidateLine;
        number++;
        longRefs = null;
        longNames = null;
        inString = false;
        escape = false;
        elementDepth = 0;
        for (int i = 0; i < tail; i++) {
            int b = buf[i] & 0xff;
            size++;
            structure(b);
        }
    }

    private void junk(int c) {
        if (c == '{' || c == ']') {
            emit(size, pos, "bytes between entries that belong to none");
            state = ARRAY;
            array(c);
        } else {
            add(c);
        }
    }

    private void start(int kind) {
        state = kind;
        partStart = pos;
        partLine = line;
        size = 0;
        inString = false;
        escape = false;
        longRefs = null;
        longNames = null;
        match = 0;
    }

    private void add(int c) {
        if (size == MAX_PART) {
            // too long to keep: note what it names, keep the end in case a name runs on, and go on
            String text = new String(buf, 0, size, StandardCharsets.UTF_8);
            boolean first = longRefs == null;
            longRefs = longRefs == null ? new LinkedHashSet<>() : longRefs;
            ResourceText.Names n = ResourceText.names(text, first, longRefs);
            longNames = first ? n : longNames;
            System.arraycopy(buf, size - 4096, buf, 0, 4096);
            size = 4096;
            match = 0;
        }
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(MAX_PART, buf.length * 2));
        }
        buf[size++] = (byte) c;
    }

    /** Hands on the part held in the first {@code upTo} bytes of the buffer, which ends at {@code end} in the file. */
    private void emit(int upTo, long end, String problem) {
        byte[] bytes = Arrays.copyOf(buf, upTo);
        if (buf.length > 1 << 20 && upTo == size) {
            buf = new byte[8192];
        }
        if (state == JUNK && !holdsData(bytes)) {
            return;   // a stray bracket or comma holds nothing
        }
        ResourceText.Names names = null;
        if (longRefs != null) {
            ResourceText.Names tail = ResourceText.names(new String(bytes, StandardCharsets.UTF_8), false, longRefs);
            names = new ResourceText.Names(longNames.patientId(), tail.references());
            bytes = null;
            problem = problem != null ? problem : "longer than " + (MAX_PART >> 20) + " MiB, too long to read alone";
        }
        sink.accept(new Part(partStart, end - partStart, number, partLine, state == JUNK, bytes, problem, names));
    }

    private static boolean holdsData(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ',' && b != '}' && b != ']') {
                return true;
            }
        }
        return false;
    }

    private void end() {
        if (state == ELEMENT) {
            emit(size, pos, "the file ends inside it");
        } else if (state == JUNK) {
            emit(size, pos, "bytes between entries that belong to none");
        }
    }
}
