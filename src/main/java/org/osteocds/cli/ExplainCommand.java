package org.osteocds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordSource;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.RiskFactor;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.engine.Engine;
import org.osteocds.authoring.Fixtures;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.internal.parse.RecordMapper;
import org.osteocds.internal.fhir.FhirReader;
import org.osteocds.facts.Patient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osteo-cds explain}: the full trace of one assessment. */
@Command(name = "explain",
        header = "Show the full trace of one assessment.",
        description = "The full trace of one assessment: the input facts, each rule that fired in order with the "
            + "facts it matched and what it inferred, the findings, the advice, the data gaps and the "
            + "ruleset identity.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained", "1:the record is invalid or failed, or the fixture failed (the trace says why)",
            "2:usage error", "3:the rules do not compile", "4:the input could not be read",
            "70:internal error (a bug: please report it)"})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RulesOption rules;

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "a file of records (JSON, NDJSON, CSV, FHIR) or '-'; or a fixture file, whose record is "
                + "explained as of its asOf and then checked against its expectations")
    String input;

    @Option(names = "--id", paramLabel = "ID", description = "the record to explain (default: the first)")
    String id;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "assessment date YYYY-MM-DD (default: a fixture's asOf, else today)")
    LocalDate asOf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Fixtures.Fixture fixture;
        try {
            fixture = fixture(input);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        LocalDate date = asOf != null ? asOf : fixture != null ? fixture.asOf() : LocalDate.now();
        CompiledRules compiled = rules.compile();
        ParsedRecord chosen = fixture != null ? new RecordMapper(false).map(fixture.record(),
                new RecordSource(input, null, null, null, null))
                : find(compiled, date);
        if (chosen == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    id == null ? "no record in " + input : "no record with id " + id + " in " + input);
        }
        if (chosen instanceof ParsedRecord.Invalid inv) {
            out.println("Record " + inv.patientId() + " (" + inv.source() + ") is invalid:");
            inv.errors().forEach(e -> out.println("  " + e));
            if (fixture != null) {
                verdict(out, fixture, Assessment.invalid(inv.patientId(), date, compiled.ruleset(), inv.errors()));
            }
            out.flush();
            return Main.EXIT_ATTENTION;
        }
        Trace trace = new Trace();
        Assessment a = new Engine(compiled).assess(List.of(((ParsedRecord.Valid) chosen).record()), date, trace).get(0);
        if (fixture != null) {
            out.printf("Fixture %s: %s%n", input, fixture.description());
        }
        out.printf("Assessment of %s as of %s: %s%n", a.patientId(), date, a.status().code());
        out.printf("Ruleset %s %s, sha256 %s (%s)%n", a.ruleset().id(), a.ruleset().version(), a.ruleset().sha256(),
                rules.describe());
        out.println();
        out.println("Input facts (the record normalised to the assessment date):");
        trace.inputs.forEach(f -> out.println("  " + f));
        out.println();
        out.println("Rules fired, in order (+ inferred, - withdrawn by truth maintenance):");
        int n = 0;
        for (Firing f : trace.firings) {
            out.printf("%4d. [%s] %s%n", ++n, f.pkg, f.rule);
            out.println("        matched: " + String.join("; ", f.matched));
            f.effects.forEach(e -> out.println("        " + e));
        }
        out.println();
        if (a.findings() != null) {
            out.println("Findings:");
            out.println("  ageGroup    " + (a.findings().ageGroup() == null ? "unknown" : a.findings().ageGroup()));
            out.println("  boneStatus  " + a.findings().boneStatus());
            for (RiskFactor r : a.findings().riskFactors()) {
                out.println("  riskFactor  " + r.key() + ": " + r.evidence());
            }
            out.println();
        }
        if (a.reason() != null) {
            out.println("Out of scope: " + a.reason());
            out.println();
        }
        out.println("Advice (" + a.advice().size() + "):");
        for (Advice ad : a.advice()) {
            out.printf("  %-8s %s%n", ad.indicator(), ad.code());
            out.println("           " + ad.summary());
            out.println("           why: " + ad.rationale());
            out.println("           rule: " + ad.rule());
            ad.evidence().forEach(e -> out.println("           evidence (" + e.certainty() + "): " + e.citation()));
        }
        out.println();
        out.println("Data gaps (" + a.dataGaps().size() + "):");
        for (DataGap g : a.dataGaps()) {
            out.println("  " + g.field() + " blocks " + String.join(", ", g.blocks()));
        }
        if (!a.errors().isEmpty()) {
            out.println();
            out.println("Errors:");
            a.errors().forEach(e -> out.println("  " + e));
        }
        boolean fixtureFailed = fixture != null && !verdict(out, fixture, a);
        out.flush();
        return a.status() == org.osteocds.model.AssessmentStatus.INVALID || a.status() == org.osteocds.model.AssessmentStatus.FAILED
                || fixtureFailed ? Main.EXIT_ATTENTION : 0;
    }

    /** The record with the wanted id (or the first) in the input, else null. */
    private ParsedRecord find(CompiledRules compiled, LocalDate date) {
        Inputs in = Inputs.of(List.of(input), spec.commandLine(),
                path -> FhirReader.read(compiled.terminology(), path, date, null, null));
        try (Stream<ParsedRecord> records = in.records()) {
            for (ParsedRecord p : (Iterable<ParsedRecord>) records::iterator) {
                String pid = p instanceof ParsedRecord.Valid v ? v.record().id() : ((ParsedRecord.Invalid) p).patientId();
                if (id == null || id.equals(pid)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Prints whether the assessment meets the fixture's expectations; returns whether it does. */
    private static boolean verdict(PrintWriter out, Fixtures.Fixture fixture, Assessment a) {
        List<String> failures = Fixtures.check(fixture.expect(), a);
        out.println();
        out.println("Fixture: " + (failures.isEmpty() ? "passed" : "FAILED"));
        failures.forEach(f -> out.println("  " + f));
        return failures.isEmpty();
    }

    /** The fixture in a file: a JSON object with a record and expectations (detected by content), else null. */
    static Fixtures.Fixture fixture(String input) {
        Path p = Path.of(input);
        JsonNode node;
        try {
            if (input.equals("-") || !Files.isRegularFile(p) || Files.size(p) > 1 << 20) {
                return null;
            }
            node = JsonSupport.MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            return null;   // not JSON: read as records, whose reader names the problem
        }
        return Fixtures.of(node, p);
    }

    /** One rule firing. */
    static final class Firing {
        final String rule;
        final String pkg;
        final List<String> matched = new ArrayList<>();
        final List<String> effects = new ArrayList<>();

        Firing(String rule, String pkg) {
            this.rule = rule;
            this.pkg = pkg;
        }
    }

    /** Records firings and what each inserted or withdrew. */
    static final class Trace extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        final List<String> inputs = new ArrayList<>();
        final List<Firing> firings = new ArrayList<>();
        Firing current;

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            current = new Firing(event.getMatch().getRule().getName(), event.getMatch().getRule().getPackageName());
            for (Object o : event.getMatch().getObjects()) {
                current.matched.add(show(o));
            }
            firings.add(current);
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            current = null;
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (current == null) {
                inputs.add(event.getObject() instanceof Patient p ? p.describe() : show(event.getObject()));
            } else {
                current.effects.add("+ " + show(event.getObject()));
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            // the rules never modify facts
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            String what = "- " + show(event.getOldObject());
            if (current != null) {
                current.effects.add(what);
            } else if (!firings.isEmpty()) {
                firings.get(firings.size() - 1).effects.add(what);
            }
        }

        static String show(Object o) {
            if (o instanceof Patient p) {
                return "Patient[" + p.id() + "]";
            }
            return String.valueOf(o).replaceAll("patient=Patient\\[[^\\]]*\\],? ?", "");
        }
    }

    static String json(Object o) {
        return PatientRecords.toJson(o);
    }
}
