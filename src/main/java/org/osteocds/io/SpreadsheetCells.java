package org.osteocds.io;

/** CSV cells that a spreadsheet shows as text and never runs as a formula (CSV injection). */
final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    /**
     * A cell's text, safe in a spreadsheet: a leading {@code = + - @}, tab or carriage return gets an apostrophe
     * before it, and line breaks become spaces.
     *
     * @param s the value, or {@code null}
     * @return the cell; empty for {@code null}
     */
    static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        String guarded = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
        return guarded.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }
}
