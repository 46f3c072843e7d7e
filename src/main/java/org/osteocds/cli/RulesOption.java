package org.osteocds.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.knowledge.RuleFiles;
import picocli.CommandLine.Option;

/**
 * The {@code --rules DIR} option of the rule-author commands. Without it they use {@code ./rules} when that folder
 * exists (a rule author's working copy, so edits count at once), else the bundled rules.
 */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "rules folder (default: ./rules if present, else the bundled rules)")
    Path dir;

    /** @return the folder these commands work on, or null for the bundled rules */
    Path folder() {
        if (dir != null) {
            return dir;
        }
        Path local = Path.of("rules");
        return Files.isDirectory(local) && Files.exists(local.resolve("ruleset.yaml")) ? local : null;
    }

    RuleFiles files() {
        Path f = folder();
        return f == null ? RuleFiles.bundled() : RuleFiles.read(f);
    }

    CompiledRules compile() {
        return CompiledRules.compile(files());
    }

    String describe() {
        Path f = folder();
        return f == null ? "bundled rules" : f.toString();
    }
}
