package org.osteocds.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The text and byte edits of the fuzz suite ({@link Fuzz}): damage that keeps or breaks a record's shape. */
final class FuzzText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] JUNK = {"NaN", "7d", "-1.5f", "Infinity", "1e999", "\"x\"", "{}", "[]", "-", "0x10"};

    private FuzzText() {
    }

    /** One fault inside a record's text that keeps its brackets and quotes whole. */
    static String damageJson(String t, SplittableRandom rnd) {
        return switch (rnd.nextInt(9)) {
            case 0 -> t.replaceFirst(":(-?\\d+(\\.\\d+)?)([,}])", ":" + JUNK[rnd.nextInt(JUNK.length)] + "$3");
            case 1 -> "{\"age\":1," + t.substring(1);                      // a repeated field (when age is there)
            case 2 -> "{\"agee\":1," + t.substring(1);                     // an unknown field
            case 3 -> t.replaceFirst("\"id\":\"", "\"id\":\"\u0000");       // a NUL byte in a string
            case 4 -> t.replaceFirst("\"id\":\"", "\"id\":\"\uE000");       // a byte invalid in UTF-8 (see bytes())
            case 5 -> "{\"medications\":" + "[".repeat(80) + "]".repeat(80) + "," + t.substring(1);
            case 6 -> "{\"name\":\"" + "x".repeat((1 << 20) + 10) + "\"," + t.substring(1);
            case 7 -> t.replaceFirst(":(-?\\d+(\\.\\d+)?)([,}])", ":\"$1\"$3");   // a number written as a string
            default -> t.replaceFirst("\"id\":\"", "\"id\":\"\\\\");        // a bad escape
        };
    }

    static String arrange(List<String> texts, boolean pretty, SplittableRandom rnd) {
        List<String> t = texts;
        if (pretty) {
            t = new ArrayList<>();
            for (String s : texts) {
                t.add(prettyOrSame(s));
            }
        }
        return switch (rnd.nextInt(5)) {
            case 0 -> "[" + String.join(",", t) + "]";
            case 1 -> String.join("\n", t) + "\n";
            case 2 -> String.join("", t);
            case 3 -> "[\n  " + String.join(",\n  ", t) + "\n]\n";
            default -> {
                int half = t.size() / 2;
                yield "[" + String.join(",", t.subList(0, half)) + "]\n[" + String.join(",", t.subList(half, t.size()))
                        + "]";
            }
        };
    }

    static String prettyOrSame(String s) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(s));
        } catch (IOException e) {
            return s;   // a damaged text stays as it is
        }
    }

    /** UTF-8, with U+E000 as a byte invalid in UTF-8 (0xFF), sometimes a byte-order mark or CRLF line ends. */
    static byte[] bytes(String text, SplittableRandom rnd) {
        String t = rnd.nextInt(4) == 0 ? text.replace("\n", "\r\n") : text;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rnd.nextInt(4) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        for (String part : t.split("\uE000", -1)) {
            out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            out.write(0xFF);
        }
        byte[] b = out.toByteArray();
        return java.util.Arrays.copyOf(b, b.length - 1);
    }

    /** Semicolons between cells and decimal commas, as a spreadsheet in a comma-decimal locale writes CSV. */
    static String toSemicolons(String line) {
        try {
            org.apache.commons.csv.CSVRecord r = org.apache.commons.csv.CSVFormat.DEFAULT.parse(
                    new java.io.StringReader(line)).getRecords().get(0);
            StringWriter w = new StringWriter();
            try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(w,
                    org.apache.commons.csv.CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("").get())) {
                for (String cell : r) {
                    p.print(cell.replaceAll("(\\d)\\.(\\d)", "$1,$2"));
                }
                p.println();
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] replaceMarker(byte[] utf8) {
        byte[] marker = "\uE000".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < utf8.length; i++) {
            if (i + 2 < utf8.length && utf8[i] == marker[0] && utf8[i + 1] == marker[1] && utf8[i + 2] == marker[2]) {
                out.write(0x81);
                i += 2;
            } else {
                out.write(utf8[i]);
            }
        }
        return out.toByteArray();
    }

    static byte[] edit(byte[] b, SplittableRandom rnd) {
        int at = rnd.nextInt(b.length);
        int len = 1 + rnd.nextInt(Math.min(64, b.length - at));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (rnd.nextInt(5)) {
            case 0 -> {   // delete
                out.write(b, 0, at);
                out.write(b, at + len, b.length - at - len);
            }
            case 1 -> {   // insert random bytes
                out.write(b, 0, at);
                for (int i = 0; i < len; i++) {
                    out.write(rnd.nextInt(256));
                }
                out.write(b, at, b.length - at);
            }
            case 2 -> {   // repeat a range
                out.write(b, 0, at + len);
                out.write(b, at, b.length - at);
            }
            case 3 -> out.write(b, 0, at);   // cut
            default -> {   // flip bytes to structure characters
                byte[] c = b.clone();
                String structure = "{}[]\",:\n\r\\;\0";
                for (int i = at; i < at + len; i++) {
                    c[i] = (byte) structure.charAt(rnd.nextInt(structure.length()));
                }
                return c;
            }
        }
        return out.toByteArray();
    }
}
