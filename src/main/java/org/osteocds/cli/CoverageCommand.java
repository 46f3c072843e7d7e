package org.osteocds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.authoring.Fixtures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code osteo-cds coverage}: which rules the fixtures fire, which never fire, which codes no fixture expects. */
@Command(name = "coverage",
        header = "Show which rules the fixtures fire and which never fire.",
        description = "Run the fixtures and report how often each rule fired, the rules that never fired, and the "
                + "advice codes no fixture expects.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:usage error", "3:the rules do not compile",
            "4:an input or output could not be read or written", "70:internal error (a bug: please report it)"})
final class CoverageCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RulesOption rules;

    @CommandLine.Mixin
    FixturesParameter fixtures;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CompiledRules compiled = rules.compile();
        Map<String, Integer> fired = new TreeMap<>();
        DefaultAgendaEventListener counter = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
            }
        };
        List<Path> files = fixtures.files(spec.commandLine());
        List<Fixtures.Result> results = FixtureRun.run(compiled, files, counter);
        Map<String, String> packageOf = new TreeMap<>();
        for (KiePackage p : compiled.kieBase().getKiePackages()) {
            for (Rule r : p.getRules()) {
                packageOf.put(r.getName(), p.getName());
            }
        }
        out.printf("Rule coverage over %d fixtures (%s)%n%n", results.size(), rules.describe());
        out.printf("%7s  %-16s %s%n", "fired", "package", "rule");
        packageOf.entrySet().stream()
                .sorted(Map.Entry.<String, String>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf("%7d  %-16s %s%n", fired.getOrDefault(e.getKey(), 0), e.getValue(), e.getKey()));
        List<String> never = packageOf.keySet().stream().filter(r -> !fired.containsKey(r)).toList();
        out.printf("%n%d of %d rules fired; never fired: %d%n", packageOf.size() - never.size(), packageOf.size(),
                never.size());
        never.forEach(r -> out.println("  - " + r));
        Set<String> expected = new TreeSet<>();
        for (Fixtures.Result r : results) {
            if (r.fixture() != null && r.fixture().expect().present() != null) {
                expected.addAll(r.fixture().expect().present());
            }
        }
        List<String> unexpected = compiled.catalogue().codes().stream().filter(c -> !expected.contains(c)).toList();
        out.printf("advice codes no fixture expects: %d%n", unexpected.size());
        unexpected.forEach(c -> out.println("  - " + c));
        out.flush();
        return 0;
    }
}
