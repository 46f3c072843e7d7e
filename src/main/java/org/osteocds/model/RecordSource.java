package org.osteocds.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a record came from, when it was read from a file: the output contract's {@code source}. Only what applies is
 * given: a CSV {@code row} (data rows counted from 1 after the header), an NDJSON or JSON {@code line} (where the
 * record starts), the record's {@code index} in a JSON array or stream (from 1), or the FHIR {@code patient}
 * resource it was mapped from.
 *
 * @param file    the file's name as given on the command line, or {@code -} for standard input
 * @param line    the line where the record starts, or {@code null}
 * @param row     the CSV data row, or {@code null}
 * @param index   the record's place in a JSON array or stream, or {@code null}
 * @param patient the FHIR Patient it was mapped from ({@code Patient/id}), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "line", "row", "index", "patient"})
public record RecordSource(String file, Integer line, Integer row, Integer index, String patient) {

    /**
     * @param file the file, or {@code null}
     * @param line the line a JSON value starts on
     * @return where a top-level JSON value (or an NDJSON line) came from
     */
    public static RecordSource line(String file, int line) {
        return new RecordSource(file, line, null, null, null);
    }

    /**
     * @param file  the file, or {@code null}
     * @param index the element's place in the file's arrays, from 1
     * @param line  the line it starts on
     * @return where an element of a JSON array came from
     */
    public static RecordSource element(String file, int index, int line) {
        return new RecordSource(file, line, null, index, null);
    }

    /**
     * @param file the file, or {@code null}
     * @param row  the data row, from 1 after the header
     * @param line the line it starts on
     * @return where a CSV row came from
     */
    public static RecordSource row(String file, int row, int line) {
        return new RecordSource(file, line, row, null, null);
    }

    /**
     * @return what names a record whose id could not be read, as the output contract says: {@code row N},
     *         {@code #N} (an array element) or {@code line N}; else the FHIR patient or the file
     */
    public String fallbackId() {
        return row != null ? "row " + row : index != null ? "#" + index : line != null ? "line " + line
                : patient != null ? patient : file != null ? file : "record";
    }

    /** @return {@code file row 3}, {@code file line 7}, {@code file #2} or {@code file Patient/x}, for messages */
    @Override
    public String toString() {
        String where = row != null ? "row " + row : line != null ? "line " + line : index != null ? "#" + index
                : patient != null ? patient : "";
        return file == null ? where : where.isEmpty() ? file : file + " " + where;
    }
}
