package org.osteocds.cli;

import java.nio.file.Path;
import java.util.List;
import org.osteocds.authoring.Fixtures;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The FIXTURE... parameters of {@code test} and {@code coverage}. */
final class FixturesParameter {
    @Parameters(paramLabel = "FIXTURE", arity = "0..*", description = "fixture files or folders (default: test-fixtures/)")
    List<Path> paths;

    /** @return the fixture files, failing with a usage error when there are none */
    List<Path> files(CommandLine cl) {
        List<Path> files = Fixtures.find(paths == null || paths.isEmpty() ? List.of(Path.of("test-fixtures")) : paths);
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "no fixture files found");
        }
        return files;
    }

    /** @return the folders to watch for fixture changes */
    List<Path> roots() {
        return paths == null || paths.isEmpty() ? List.of(Path.of("test-fixtures")) : paths;
    }
}
