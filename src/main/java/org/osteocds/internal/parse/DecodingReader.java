package org.osteocds.internal.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Decodes bytes to text without ever failing on a bad byte: a byte sequence invalid in the encoding becomes U+FFFD
 * and the line it is on is remembered, so that the reader above makes only the record on that line invalid. A
 * UTF-8 byte-order mark is skipped. Streams in fixed-size chunks, so a file of one enormous line costs no more memory
 * than any other.
 *
 * <p>Encodings: {@link Mode#UTF8} for JSON (RFC 8259); {@link Mode#SPREADSHEET} for CSV as spreadsheets write it
 * (patient-record.md): UTF-8, or Windows-1252 when the first byte outside ASCII is not the start of valid UTF-8.
 */
public final class DecodingReader extends Reader {
    /** How the bytes are read. */
    public enum Mode {
        /** UTF-8 only */
        UTF8,
        /** UTF-8, or Windows-1252 when the first non-ASCII bytes are not UTF-8 */
        SPREADSHEET
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final Mode mode;
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
    private final CharBuffer chars = CharBuffer.allocate(CHUNK);
    private final BitSet malformed = new BitSet();
    private final java.util.ArrayDeque<long[]> badChars = new java.util.ArrayDeque<>();   // {char offset, line}
    private long produced;
    private CharsetDecoder decoder;
    private boolean decided;
    private boolean eof;
    private boolean bomChecked;
    private boolean bom;
    private int line = 1;

    /**
     * @param in   the bytes (closed with this reader)
     * @param mode how to decode them
     */
    public DecodingReader(InputStream in, Mode mode) {
        this.in = in;
        this.mode = mode;
        this.decoder = newDecoder(StandardCharsets.UTF_8);
        this.decided = mode == Mode.UTF8;
        bytes.flip();
        chars.flip();
    }

    private static CharsetDecoder newDecoder(Charset cs) {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** @return the encoding in use: {@code UTF-8} (with " with a byte-order mark") or {@code windows-1252} */
    public String encoding() {
        return decoder.charset().name() + (bom ? " with a byte-order mark" : "");
    }

    /**
     * @param from first line, 1-based
     * @param to   last line, inclusive
     * @return the first line in that range holding bytes invalid in the encoding, or 0 for none
     */
    public int malformedLine(int from, int to) {
        int i = malformed.nextSetBit(Math.max(1, from));
        return i >= 0 && i <= to ? i : 0;
    }

    /**
     * @param from first character, counted from 0 over the text this reader gives
     * @param to   the character after the last
     * @return the line of the first character in that range that stands for bytes invalid in the encoding, or 0
     */
    public int malformedAt(long from, long to) {
        for (long[] b : badChars) {
            if (b[0] >= from && b[0] < to) {
                return (int) b[1];
            }
        }
        return 0;
    }

    /**
     * Forgets malformed places before {@code line} and before character {@code offset} (memory stays bounded).
     *
     * @param line   a line
     * @param offset a character offset
     */
    public void forgetBefore(int line, long offset) {
        if (line > 1) {
            malformed.clear(0, line);
        }
        while (!badChars.isEmpty() && badChars.peekFirst()[0] < offset) {
            badChars.pollFirst();
        }
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes the next piece; returns false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof && !bytes.hasRemaining()) {
            return false;
        }
        if (!eof && bytes.remaining() < 8) {
            bytes.compact();
            int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (r < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + r);
            }
            bytes.flip();
            if (!bomChecked && (eof || bytes.remaining() >= 3)) {
                bomChecked = true;
                if (bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF && (bytes.get(1) & 0xFF) == 0xBB
                        && (bytes.get(2) & 0xFF) == 0xBF) {
                    bytes.position(3);
                    bom = true;
                    decided = true;   // a UTF-8 byte-order mark says the encoding
                }
            }
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
            int bad = result.length();
            if (!decided && !sawNonAscii()) {
                // the first bytes outside ASCII are not UTF-8: a spreadsheet's Windows-1252
                decoder = newDecoder(WINDOWS_1252);
                decided = true;
            } else {
                markBad();
                bytes.position(bytes.position() + bad);
            }
        } else if (eof && result.isUnderflow() && bytes.hasRemaining()) {
            bytes.position(bytes.limit());   // trailing bytes of an incomplete sequence
            markBad();
        }
        if (eof && !bytes.hasRemaining()) {
            decoder.flush(chars);
        }
        chars.flip();
        countLines();
        produced += chars.remaining();
        return chars.hasRemaining() || !(eof && !bytes.hasRemaining());
    }

    /** Puts U+FFFD for bytes invalid in the encoding, remembering its line and character offset. */
    private void markBad() {
        int at = lineAfter();
        badChars.add(new long[] {produced + chars.position(), at});
        chars.put('\uFFFD');
        malformed.set(at);
    }

    private boolean nonAsciiSeen;

    /** Whether decoded text so far (this piece too) held a character outside ASCII: valid UTF-8, which settles it. */
    private boolean sawNonAscii() {
        for (int i = 0; i < chars.position() && !nonAsciiSeen; i++) {
            nonAsciiSeen = chars.get(i) > 0x7F;
        }
        return nonAsciiSeen;
    }

    /** The line the next decoded character is on: lines counted so far plus those in the pending chars. */
    private int lineAfter() {
        int n = line;
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private void countLines() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                line++;
            } else if (c > 0x7F && c != '\uFFFD') {
                nonAsciiSeen = true;
                if (mode == Mode.SPREADSHEET && !decided) {
                    decided = true;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
