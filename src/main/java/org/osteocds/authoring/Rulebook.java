package org.osteocds.authoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osteocds.model.Evidence;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.internal.knowledge.RuleFiles;

/**
 * Generates {@code docs/rulebook.md} from a rules folder: every advice code with its texts, the rules that give it
 * (name, file, line and conditions) and its evidence; then the findings and data-gap rules. The output depends only
 * on the files, so a test can tell when the committed rulebook is stale.
 */
public final class Rulebook {
    private static final Pattern RULE = Pattern.compile(
            "(?ms)^rule\\s+\"([^\"]+)\"\\s*$(.*?)^\\s*when\\s*$(.*?)^\\s*then\\s*$(.*?)^end\\s*$");
    private static final Pattern CODE = Pattern.compile("\"([A-Z]+(?:-[A-Z0-9]+)+)\"");
    private static final Pattern RISK = Pattern.compile("new HasRiskFactor\\(\\s*\\$p,\\s*\"([a-z0-9-]+)\"");
    private static final Pattern GAP = Pattern.compile("(?:new Gap\\(\\s*\\$p,|Gap\\.blockingAll\\(\\s*\\$p,)\\s*\"([A-Za-z0-9.]+)\"");

    private Rulebook() {
    }

    /** One rule as written. */
    record DrlRule(String name, String file, int line, String when, String then) {
    }

    static List<DrlRule> parse(RuleFiles files) {
        List<DrlRule> out = new ArrayList<>();
        for (String path : files.files().keySet()) {
            if (!path.endsWith(".drl")) {
                continue;
            }
            String text = files.text(path);
            Matcher m = RULE.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                out.add(new DrlRule(m.group(1), path, line, dedent(m.group(3)), m.group(4)));
            }
        }
        return out;
    }

    private static String dedent(String s) {
        List<String> lines = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.startsWith("    ") ? l.substring(4) : l.strip());
            }
        }
        return String.join("\n", lines);
    }

    /**
     * @param files the rules folder
     * @return the rulebook's Markdown
     */
    public static String generate(RuleFiles files) {
        List<org.osteocds.model.RuleProblem> problems = new ArrayList<>();
        Catalogue catalogue = Catalogue.load(files, problems);
        List<DrlRule> rules = parse(files);
        StringBuilder md = new StringBuilder();
        md.append("# Rulebook\n\n")
          .append("Generated from `rules/` by `Rulebook` (do not edit by hand; `RulebookTest` fails when it is stale;\n")
          .append("regenerate with `mvn -B -q test -Dtest=RulebookTest -Drulebook.update=true`).\n\n")
          .append("Each advice code with its texts, the rules that give it (the rule name is the condition in words;\n")
          .append("the DRL conditions follow) and its evidence. Classification rules, which the advice rules build on,\n")
          .append("are listed after the codes.\n\n");
        md.append("## Advice codes\n\n| code | category | indicator | rules |\n|---|---|---|---|\n");
        Map<String, List<DrlRule>> byCode = new LinkedHashMap<>();
        for (String code : catalogue.codes()) {
            List<DrlRule> givers = new ArrayList<>();
            for (DrlRule r : rules) {
                if (r.then().contains("new Recommendation") && r.then().contains("\"" + code + "\"")) {
                    givers.add(r);
                }
            }
            byCode.put(code, givers);
            Catalogue.Entry e = catalogue.entry(code);
            md.append("| [`").append(code).append("`](#").append(code.toLowerCase()).append(") | ")
              .append(e.category()).append(" | ").append(e.indicator()).append(" | ").append(givers.size()).append(" |\n");
        }
        md.append('\n');
        for (Map.Entry<String, List<DrlRule>> en : byCode.entrySet()) {
            Catalogue.Entry e = catalogue.entry(en.getKey());
            md.append("### ").append(en.getKey()).append("\n\n")
              .append("*").append(e.category()).append(", ").append(e.indicator()).append("*. ")
              .append(e.summary()).append("\n\n").append(e.detail()).append("\n\n");
            md.append("Given by:\n\n");
            for (DrlRule r : en.getValue()) {
                md.append("- **").append(r.name()).append("** (`").append(r.file()).append(":").append(r.line())
                  .append("`)\n\n  ```\n");
                for (String l : r.when().split("\n")) {
                    md.append("  ").append(l).append('\n');
                }
                md.append("  ```\n");
            }
            if (en.getValue().isEmpty()) {
                md.append("- (no rule gives this code)\n");
            }
            md.append("\nEvidence:\n\n");
            for (Evidence ev : e.evidence()) {
                md.append("- ").append(ev.citation()).append(". ").append(ev.url()).append(" (certainty: ")
                  .append(ev.certainty()).append(")\n");
            }
            md.append('\n');
        }
        md.append("## Findings: risk factors\n\n| risk factor | rule | file |\n|---|---|---|\n");
        Map<String, List<String>> risk = new TreeMap<>();
        for (DrlRule r : rules) {
            Matcher m = RISK.matcher(r.then());
            while (m.find()) {
                risk.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(r.name() + " | `" + r.file() + ":" + r.line() + "`");
            }
        }
        risk.forEach((k, v) -> v.forEach(x -> md.append("| `").append(k).append("` | ").append(x).append(" |\n")));
        md.append("\n## Data gaps\n\n| field | rule | blocks |\n|---|---|---|\n");
        for (DrlRule r : rules) {
            Matcher m = GAP.matcher(r.then());
            while (m.find()) {
                List<String> codes = new ArrayList<>();
                Matcher c = CODE.matcher(r.then());
                while (c.find()) {
                    codes.add(c.group(1));
                }
                md.append("| `").append(m.group(1)).append("` | ").append(r.name()).append(" | ")
                  .append(r.then().contains("blockingAll") ? "every code" : String.join(", ", codes)).append(" |\n");
            }
        }
        md.append("\n## Classification rules\n\n");
        String currentFile = null;
        for (DrlRule r : rules) {
            if (r.then().contains("new Recommendation")) {
                continue;
            }
            if (!r.file().equals(currentFile)) {
                currentFile = r.file();
                md.append("\n`").append(currentFile).append("`\n\n");
            }
            md.append("- ").append(r.name()).append(" (line ").append(r.line()).append(")\n");
        }
        md.append("\n## Citations\n\n| id | citation | certainty |\n|---|---|---|\n");
        catalogue.evidence().forEach((id, ev) -> md.append("| `").append(id).append("` | [").append(ev.citation())
                .append("](").append(ev.url()).append(") | ").append(ev.certainty()).append(" |\n"));
        return md.toString();
    }
}
