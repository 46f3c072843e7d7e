package org.osteocds.internal.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osteocds.model.RuleProblem;

/**
 * Keeps the phases honest (docs/rule-authoring.md, "Two phases"): a rule that gives advice is in the {@code advice}
 * rule-flow group, one that records a data gap in {@code gaps} (or {@code advice}), and the rules of those groups
 * only give that output: classification is finished when they fire, so they must not add to it. Output goes to the
 * session's {@code output} global ({@link org.osteocds.facts.Output}), never into working memory as a fact.
 */
final class PhaseCheck {
    private static final Pattern RULE = Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\"(.*?)^\\s*when\\b(.*?)^\\s*then\\b(.*?)^\\s*end\\b");
    private static final Pattern GROUP = Pattern.compile("(?:ruleflow|agenda)-group\\s+\"([^\"]+)\"");
    private static final Pattern ADVICE_OUT = Pattern.compile("new\\s+Recommendation\\s*\\(");
    private static final Pattern GAP_OUT = Pattern.compile("new\\s+Gap\\s*\\(|Gap\\s*\\.\\s*(?:noted|explained|blockingAll)\\s*\\(");
    private static final Pattern INSERTED_OUTPUT = Pattern.compile("\\b(?:insert|insertLogical)\\s*\\(\\s*"
            + "(?:new\\s+(Recommendation|Gap)\\s*\\(|(Gap)\\s*\\.)");
    private static final Pattern OTHER_CHANGE = Pattern.compile("\\b(?:insert|insertLogical)\\s*\\(\\s*new\\s+(\\w+)"
            + "|\\b(modify|update|delete|retract)\\s*\\(");

    private PhaseCheck() {
    }

    /**
     * @param path     the DRL file, relative to the rules folder
     * @param text     its text
     * @param problems where problems go, each at its rule's line
     */
    static void check(String path, String text, List<RuleProblem> problems) {
        Matcher r = RULE.matcher(text);
        while (r.find()) {
            String name = r.group(1);
            Matcher g = GROUP.matcher(r.group(2));
            String group = g.find() ? g.group(1) : null;
            String rhs = r.group(4);
            int line = (int) text.substring(0, r.start(1)).chars().filter(c -> c == '\n').count() + 1;
            boolean advice = ADVICE_OUT.matcher(rhs).find();
            boolean gap = GAP_OUT.matcher(rhs).find();
            if (advice && !Engine.ADVICE.equals(group)) {
                problems.add(new RuleProblem(path, line, 1, "error", "rule \"" + name + "\" gives advice: put it in "
                        + "ruleflow-group \"" + Engine.ADVICE + "\", so that it sees the finished classification"));
            } else if (gap && !Engine.GAPS.equals(group) && !Engine.ADVICE.equals(group)) {
                problems.add(new RuleProblem(path, line, 1, "error", "rule \"" + name + "\" records a data gap: put "
                        + "it in ruleflow-group \"" + Engine.GAPS + "\", so that it sees the finished classification"));
            }
            Matcher inserted = INSERTED_OUTPUT.matcher(rhs);
            if (inserted.find()) {
                String what = inserted.group(1) != null ? inserted.group(1) : inserted.group(2);
                problems.add(new RuleProblem(path, line, 1, "error", "rule \"" + name + "\" inserts a " + what
                        + " as a fact: output is not a fact; give it with output.add( ... ) (the file declares "
                        + "global Output output;)"));
            }
            if (Engine.ADVICE.equals(group) || Engine.GAPS.equals(group)) {
                Matcher o = OTHER_CHANGE.matcher(rhs);
                while (o.find()) {
                    String what = o.group(1) != null ? o.group(1) : o.group(2);
                    if (!what.equals("Recommendation") && !what.equals("Gap")) {
                        problems.add(new RuleProblem(path, line, 1, "error", "rule \"" + name + "\" is in the "
                                + group + " phase, which only gives output (output.add); it changes facts ("
                                + what + "): classify in the main phase instead"));
                    }
                }
            }
        }
    }
}
