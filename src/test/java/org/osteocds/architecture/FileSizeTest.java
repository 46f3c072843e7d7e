package org.osteocds.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file over 400 lines (issue 12): code, rules, CQL, SQL, the rule content and terminology files, scripts and the
 * build files, in the library and the benchmark. Not counted, because they are read as documents or data rather than
 * maintained as modules: documentation ({@code docs/}, README, CHANGELOG), the JSON Schemas (one file per contract,
 * as integrators fetch them), generated pages ({@code docs/rulebook.md}), and sample, fixture and golden data.
 */
class FileSizeTest {
    static final int MAX_LINES = 400;

    @Test
    void noSourceFileIsOver400Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        int checked = 0;
        for (String root : new String[] {"src", "bench/src", "rules", "bin"}) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                        .filter(FileSizeTest::isSource)::iterator) {
                    checked++;
                    long lines;
                    try (Stream<String> l = Files.lines(f)) {
                        lines = l.count();
                    }
                    if (lines > MAX_LINES) {
                        tooLong.add(f + ": " + lines + " lines");
                    }
                }
            }
        }
        for (String file : new String[] {"pom.xml", "bench/pom.xml", ".ci/run", "bench/run"}) {
            Path f = Path.of(file);
            if (Files.isRegularFile(f)) {
                checked++;
                try (Stream<String> l = Files.lines(f)) {
                    long lines = l.count();
                    if (lines > MAX_LINES) {
                        tooLong.add(f + ": " + lines + " lines");
                    }
                }
            }
        }
        assertTrue(checked > 200, "source files checked: " + checked);
        assertEquals(List.of(), tooLong);
    }

    private static boolean isSource(Path f) {
        String n = f.getFileName().toString();
        boolean content = f.startsWith("rules") && (n.endsWith(".yaml") || n.endsWith(".csv"));
        return n.endsWith(".java") || n.endsWith(".drl") || n.endsWith(".cql") || n.endsWith(".sql") || content
                || f.startsWith("src/main/resources") && n.endsWith(".yaml")
                || f.getParent() != null && f.getParent().endsWith("bin");
    }
}
