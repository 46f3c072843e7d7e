package org.osteocds.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a rules folder does not compile; lists every error (and warning) with its file and line. */
public final class RulesCompilationException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    /** @param problems every problem found, at least one of them an error */
    public RulesCompilationException(List<RuleProblem> problems) {
        super("the rules do not compile:\n" + problems.stream().map(RuleProblem::toString)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, errors and warnings, in file order */
    public List<RuleProblem> problems() {
        return problems;
    }

    /** @return the errors only */
    public List<RuleProblem> errors() {
        return problems.stream().filter(RuleProblem::isError).toList();
    }
}
