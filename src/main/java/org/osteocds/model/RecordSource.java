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

    /** @return {@code file row 3}, {@code file line 7}, {@code file #2} or {@code file Patient/x}, for messages */
    @Override
    public String toString() {
        String where = row != null ? "row " + row : line != null ? "line " + line : index != null ? "#" + index
                : patient != null ? patient : "";
        return file == null ? where : where.isEmpty() ? file : file + " " + where;
    }
}
