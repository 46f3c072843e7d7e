package org.osteocds.internal.knowledge;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.osteocds.model.RuleProblem;

/** Reading the terminology tables: CSV with a header row, {@code #} comments and blank lines. */
final class Tables {
    /** WHO ATC; codes match by prefix (a class code covers its members). */
    static final String ATC = "http://www.whocc.no/atc";
    /** The pseudo-system for plain names. */
    static final String NAME = "name";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private Tables() {
    }

    /** The rows of a table, or none (with a problem) when the file or a column is missing. */
    static List<CSVRecord> rows(RuleFiles files, String path, List<String> columns, List<RuleProblem> problems) {
        String text = files.text(path);
        if (text == null) {
            problems.add(new RuleProblem(path, 0, 0, "error", "file is missing"));
            return List.of();
        }
        try (var parser = FORMAT.parse(new StringReader(text))) {
            for (String c : columns) {
                if (!parser.getHeaderMap().containsKey(c)) {
                    problems.add(new RuleProblem(path, 1, 1, "error", "missing column '" + c + "'"));
                    return List.of();
                }
            }
            return parser.getRecords();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new RuleProblem(path, 0, 0, "error", String.valueOf(e.getMessage())));
            return List.of();
        }
    }

    static int line(CSVRecord r) {
        return (int) r.getParser().getCurrentLineNumber();
    }

    static String sorted(Set<String> s) {
        return s.stream().sorted().toList().toString();
    }

    /** A table key: {@code system|code}, names lower-cased. */
    static String key(String system, String code) {
        String c = NAME.equals(system) ? code.toLowerCase(Locale.ROOT).strip() : code.strip();
        return system.strip() + "|" + c;
    }

    static Integer integer(String text) {
        return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
    }
}
