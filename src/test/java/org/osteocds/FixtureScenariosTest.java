package org.osteocds;

import org.osteocds.internal.engine.Engines;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osteocds.authoring.Fixtures;

/** Every scenario in {@code test-fixtures/scenarios}: one file, one test. */
class FixtureScenariosTest {
    static final Path FOLDER = Path.of("test-fixtures", "scenarios");

    static Stream<Arguments> scenarios() {
        List<Path> files = Fixtures.find(List.of(FOLDER));
        if (files.isEmpty()) {
            throw new IllegalStateException("no fixtures found in " + FOLDER.toAbsolutePath());
        }
        return files.stream().map(f -> Arguments.of(f.getFileName().toString().replace(".json", ""), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, Path file) {
        Fixtures.Result r = Fixtures.run(name, Fixtures.load(file), Engines.of(TestRules.bundled()));
        assertTrue(r.passed(), () -> name + ": " + r.fixture().description() + "\n  " + String.join("\n  ", r.failures())
                + "\n  actual advice: " + r.actual().adviceCodes() + "\n  actual gaps: " + r.actual().dataGaps()
                + "\n  actual findings: " + r.actual().findings());
    }

    @Test
    void theFolderIsNotEmpty() {
        assertFalse(Fixtures.find(List.of(FOLDER)).isEmpty(), "the fixture folder must hold scenarios");
    }

    @Test
    void aReasonIsCheckedExactly(@TempDir Path dir) throws Exception {
        String text = Files.readString(FOLDER.resolve("deceased-date-unknown.json"));
        Path file = dir.resolve("wrong-reason.json");
        Files.writeString(file, text.replace("(date of death not recorded): no advice is given", "(date of death"));
        Fixtures.Result r = Fixtures.run("wrong-reason", Fixtures.load(file), Engines.of(TestRules.bundled()));
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("reason: expected \"deceased (date of death\"")),
                r.failures().toString());
    }
}
