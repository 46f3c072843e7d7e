package org.osteocds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.RulesCompilationException;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.authoring.Fixtures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osteo-cds test}: run fixture files and show expected against actual for each failure. */
@Command(name = "test",
        header = "Run the fixtures and show expected against actual.",
        description = "Run fixture files (default: test-fixtures/) and show expected against actual for each "
            + "failure. Ends with 'N passed, N failed'. --watch recompiles and re-runs on every save, in "
            + "this JVM.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every fixture passed", "1:a fixture failed", "2:usage error", "3:the rules do not compile",
            "4:a fixture file could not be read", "70:internal error (a bug: please report it)"})
final class TestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RulesOption rules;

    @CommandLine.Mixin
    FixturesParameter fixtures;

    @Option(names = "--watch", description = "re-run on every change to the rules or the fixtures, until interrupted")
    boolean watch;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "also write a JUnit XML report for CI systems")
    Path junitXml;

    @Option(names = "--watch-runs", hidden = true, description = "stop watching after this many re-runs (tests)")
    int watchRuns = Integer.MAX_VALUE;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!watch) {
            return once(out);
        }
        Path folder = rules.folder();
        if (folder == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch needs a rules folder (--rules DIR)");
        }
        int last = once(out);
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            register(ws, folder);
            for (Path p : fixtures.roots()) {
                register(ws, Files.isDirectory(p) ? p : p.toAbsolutePath().getParent());
            }
            out.println("[watch] watching " + folder + " and the fixtures; Ctrl-C to stop");
            out.flush();
            for (int run = 0; run < watchRuns; run++) {
                List<Path> changed = new ArrayList<>();
                WatchKey key = ws.take();
                collect(key, changed, ws);
                // let an editor finish writing: gather events until 50 ms pass quietly
                WatchKey more;
                while ((more = ws.poll(50, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed, ws);
                }
                Instant saved = changed.stream().filter(Files::exists).map(TestCommand::mtime).max(Instant::compareTo)
                        .orElse(Instant.now());
                last = once(out);
                long ms = java.time.Duration.between(saved, Instant.now()).toMillis();
                out.println("[watch] " + changed.size() + " change(s); result " + ms + " ms after the save");
                out.flush();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    private static Instant mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static void collect(WatchKey key, List<Path> changed, WatchService ws) throws IOException {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.context() instanceof Path p) {
                Path full = dir.resolve(p);
                changed.add(full);
                if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
                    register(ws, full);
                }
            }
        }
        key.reset();
    }

    private static void register(WatchService ws, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path d : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                d.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private int once(PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        CompiledRules compiled;
        try {
            compiled = rules.compile();
        } catch (RulesCompilationException e) {
            out.println("the rules do not compile:");
            e.problems().forEach(out::println);
            out.flush();
            if (!watch) {
                throw e;
            }
            return Main.EXIT_RULES;
        }
        long t1 = System.nanoTime();
        List<Path> files = fixtures.files(spec.commandLine());
        List<Fixtures.Result> results = FixtureRun.run(compiled, files, null);
        long t2 = System.nanoTime();
        int failed = 0;
        for (Fixtures.Result r : results) {
            if (!r.passed()) {
                failed++;
                out.print(SideBySide.format(r));
            }
        }
        for (RuleProblem w : compiled.warnings()) {
            out.println(w);
        }
        out.printf("%d passed, %d failed%n", results.size() - failed, failed);
        out.printf("(%s; compile %d ms, %d fixtures %d ms)%n", rules.describe(), (t1 - t0) / 1_000_000, results.size(),
                (t2 - t1) / 1_000_000);
        out.flush();
        if (junitXml != null) {
            writeJunit(results, (t2 - t1) / 1e9);
        }
        return failed > 0 ? Main.EXIT_ATTENTION : 0;
    }

    private void writeJunit(List<Fixtures.Result> results, double seconds) throws IOException {
        try (Writer w = Files.newBufferedWriter(junitXml, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "osteo-cds fixtures");
            x.writeAttribute("tests", String.valueOf(results.size()));
            x.writeAttribute("failures", String.valueOf(results.stream().filter(r -> !r.passed()).count()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
            x.writeCharacters("\n");
            for (Fixtures.Result r : results) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "fixtures");
                x.writeAttribute("name", r.name());
                if (!r.passed()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", String.join("; ", r.failures()));
                    x.writeCharacters(SideBySide.format(r));
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
