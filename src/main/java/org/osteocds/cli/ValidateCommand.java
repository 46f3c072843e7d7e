package org.osteocds.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.RulesCompilationException;
import org.osteocds.internal.engine.CompiledRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code osteo-cds validate}: compile the rules and list every problem like a compiler. */
@Command(name = "validate",
        header = "Compile the rules and list every problem as FILE:LINE:COL.",
        description = "Compile the rules and print every problem as FILE:LINE:COL: severity: message (FILE "
            + "relative to the rules folder). Warnings: advice codes not in the catalogue, codes no rule "
            + "gives, evidence nothing cites, duplicate terminology entries.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the rules compile (warnings may be listed)", "2:usage error", "3:the rules do not compile",
            "4:the rules folder could not be read", "70:internal error (a bug: please report it)"})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RuleProblem> problems;
        boolean ok;
        CompiledRules compiled = null;
        try {
            compiled = rules.compile();
            problems = compiled.warnings();
            ok = true;
        } catch (RulesCompilationException e) {
            problems = e.problems();
            ok = false;
        }
        problems.forEach(out::println);
        long errors = problems.stream().filter(RuleProblem::isError).count();
        long warnings = problems.size() - errors;
        if (ok) {
            out.printf("%s: %d rules compiled, %d errors, %d warnings; ruleset %s %s sha256 %s%n", rules.describe(),
                    compiled.ruleNames().size(), errors, warnings, compiled.ruleset().id(), compiled.ruleset().version(),
                    compiled.ruleset().sha256());
        } else {
            out.printf("%s: %d errors, %d warnings%n", rules.describe(), errors, warnings);
        }
        out.flush();
        return ok ? 0 : Main.EXIT_RULES;
    }
}
