package org.osteocds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.osteocds.internal.knowledge.RuleFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osteocds.model.Assessment;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.RulesCompilationException;
import org.osteocds.model.Ruleset;

/**
 * Serves an {@link OsteoCds} for a rules folder and swaps in a new one whenever the folder changes.
 *
 * <ul>
 *   <li>A change is recompiled on a background thread and swapped in atomically: {@link #current()} returns either
 *       the old engine or the new one, never a half-updated one.</li>
 *   <li>Assessments in flight finish on the ruleset they started with: take {@code current()} once per unit of work
 *       (an {@code OsteoCds} never changes).</li>
 *   <li>A broken edit keeps the last good ruleset serving; its errors are available from {@link #lastFailure()} and
 *       are passed to every {@link #onReload} listener. Fixing the edit loads the fixed rules.</li>
 *   <li>A ruleset that compiles must also pass a canary before it serves: every record of a canary set assessed
 *       without {@code failed} (a rule that throws, loops, or gives a code the catalogue lacks). By default the
 *       records of the fixtures in {@code test-fixtures/} beside the rules folder; or a file or folder of records
 *       you name. Fixture expectations are for {@code osteo-cds test}, not for the canary.</li>
 *   <li>The folder may be replaced whole (a deploy, {@code git checkout}): the new folder is watched and loaded.
 *       Besides file events, the folder is checked every {@value #POLL_SECONDS} seconds.</li>
 * </ul>
 *
 * <pre>{@code
 * try (HotReload rules = HotReload.watch(Path.of("rules"))) {
 *     rules.onReload(event -> log.info("rules now {}", event));
 *     Assessment a = rules.current().assess(record, asOf);
 * }
 * }</pre>
 */
public final class HotReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HotReload.class);
    /** Quiet time after the last file event before recompiling, so an editor's several writes count as one. */
    static final long SETTLE_MILLIS = 100;
    /** How often the folder is checked for changes no file event reported (a replaced folder, a network share). */
    static final long POLL_SECONDS = 2;

    /**
     * What a reload attempt gave.
     *
     * @param ruleset the ruleset now serving (the new one, or the last good one after a failure)
     * @param failure why the edit did not load, or {@code null} when it did
     */
    public record Event(Ruleset ruleset, RulesCompilationException failure) {
        /** @return whether the edit loaded */
        public boolean loaded() {
            return failure == null;
        }
    }

    private final Path dir;
    private final List<Canary.Case> canary;
    private final AtomicReference<OsteoCds> current;
    private final AtomicReference<RulesCompilationException> lastFailure = new AtomicReference<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final WatchService watcher;
    private final Thread thread;
    private volatile String failedSha;

    private HotReload(Path dir, OsteoCds initial, List<Canary.Case> canary) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.canary = canary;
        this.current = new AtomicReference<>(initial);
        this.watcher = FileSystems.getDefault().newWatchService();
        registerAll(this.dir);
        Path parent = this.dir.getParent();
        if (parent != null) {
            parent.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        }
        this.thread = new Thread(this::loop, "osteo-cds-hot-reload");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Compiles a rules folder and starts watching it. The canary is the records of the fixtures in
     * {@code test-fixtures/} beside the folder, when there are any.
     *
     * @param rulesDir the folder
     * @return the watcher; close it to stop watching
     * @throws RulesCompilationException if the folder does not compile now, or fails the canary (there is no last
     *                                   good ruleset yet)
     */
    public static HotReload watch(Path rulesDir) {
        List<Canary.Case> fixtures = fixturesBeside(rulesDir);
        if (fixtures.isEmpty()) {
            LOG.warn("no canary: there are no fixtures in {}, so a ruleset that compiles but fails records would be "
                    + "served; name a canary (HotReload.watch with records, or serve --canary FILE)",
                    rulesDir.toAbsolutePath().normalize().resolveSibling("test-fixtures"));
        }
        return watch(rulesDir, fixtures);
    }

    /**
     * Compiles a rules folder and starts watching it, with a canary of records held in memory (such as generated
     * ones) besides the fixtures in {@code test-fixtures/} beside the folder, when there are any.
     *
     * @param rulesDir the folder
     * @param records  records every new ruleset must assess without {@code failed}
     * @param asOf     the date to assess them at
     * @return the watcher; close it to stop watching
     * @throws RulesCompilationException if the folder does not compile now, or fails the canary
     */
    public static HotReload watch(Path rulesDir, List<PatientRecord> records, LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        List<Canary.Case> canary = new java.util.ArrayList<>(fixturesBeside(rulesDir));
        for (PatientRecord r : records) {
            canary.add(new Canary.Case(r, asOf, "canary record " + r.id()));
        }
        return watch(rulesDir, List.copyOf(canary));
    }

    private static List<Canary.Case> fixturesBeside(Path rulesDir) {
        Path fixtures = rulesDir.toAbsolutePath().normalize().resolveSibling("test-fixtures");
        return Files.isDirectory(fixtures) ? Canary.read(fixtures, null) : List.of();
    }

    /**
     * Compiles a rules folder and starts watching it, with a canary of your own.
     *
     * @param rulesDir the folder
     * @param canary   a file or folder of records (native records in any format, or fixtures)
     * @param asOf     the date to assess records that are not fixtures at (fixtures carry theirs)
     * @return the watcher; close it to stop watching
     * @throws RulesCompilationException if the folder does not compile now, or fails the canary
     */
    public static HotReload watch(Path rulesDir, Path canary, LocalDate asOf) {
        return watch(rulesDir, Canary.read(canary, Objects.requireNonNull(asOf, "asOf")));
    }

    private static HotReload watch(Path rulesDir, List<Canary.Case> canary) {
        Objects.requireNonNull(rulesDir, "rulesDir");
        OsteoCds initial = OsteoCds.fromRules(rulesDir);
        Canary.check(initial, canary);
        try {
            return new HotReload(rulesDir, initial, canary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + rulesDir, e);
        }
    }

    /** @return how many records the canary has */
    public int canarySize() {
        return canary.size();
    }

    /** @return the engine for the newest ruleset that compiled */
    public OsteoCds current() {
        return current.get();
    }

    /** @return the errors of the latest edit if it did not compile, empty once an edit compiles again */
    public Optional<RulesCompilationException> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /**
     * Calls {@code listener} after every reload attempt, on the watcher's thread.
     *
     * @param listener the listener
     */
    public void onReload(Consumer<Event> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Stops watching. The last engine stays usable. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the watcher", e);
        }
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    WatchKey key = watcher.poll(POLL_SECONDS, TimeUnit.SECONDS);
                    if (key == null) {
                        reload();   // nothing reported: check anyway (a replaced folder sends no event to the old one)
                        continue;
                    }
                    drain(key);
                    WatchKey more;
                    while ((more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                        drain(more);
                    }
                    reload();
                } catch (ClosedWatchServiceException e) {
                    throw e;   // closed: stop
                } catch (RuntimeException e) {
                    // never let the watcher die: a folder can vanish mid-walk during a deploy; the poll retries
                    LOG.warn("the rules watcher hit a problem and carries on", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(WatchKey key) {
        Path base = (Path) key.watchable();
        boolean parentKey = base.equals(dir.getParent());
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (!(ev.context() instanceof Path p)) {
                continue;   // OVERFLOW: the reload that follows reads the whole folder anyway
            }
            Path changed = base.resolve(p);
            if (parentKey) {
                // the parent is watched only to see the folder itself replaced (a deploy, git checkout);
                // siblings such as a deploy's rules.next are none of our business
                if (changed.equals(dir) && Files.isDirectory(dir)) {
                    watchQuietly(dir);
                }
                continue;
            }
            if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                watchQuietly(changed);
            }
        }
        key.reset();
    }

    private void watchQuietly(Path folder) {
        try {
            registerAll(folder);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot watch {} (the poll every {} s still sees its changes)", folder, POLL_SECONDS, e);
        }
    }

    private void reload() {
        Event event;
        try {
            if (!Files.isDirectory(dir)) {
                return;   // between a deploy's remove and its rename: wait for the new folder
            }
            RuleFiles files = RuleFiles.read(dir);
            if (files.sha256().equals(current.get().ruleset().sha256())) {
                if (lastFailure.get() == null) {
                    return;   // touched, not changed
                }
                lastFailure.set(null);   // the broken edit was undone: the serving rules are the folder's again
                event = new Event(current.get().ruleset(), null);
            } else if (lastFailure.get() != null && files.sha256().equals(failedSha)) {
                return;   // the same broken edit, checked again
            } else {
                failedSha = files.sha256();
                OsteoCds next = OsteoCds.fromRules(dir);
                Canary.check(next, canary);
                registerAll(dir);
                current.set(next);
                lastFailure.set(null);
                event = new Event(next.ruleset(), null);
                LOG.info("rules reloaded from {}: {} {} sha256 {}", dir, next.ruleset().id(),
                        next.ruleset().version(), next.ruleset().sha256());
            }
        } catch (RulesCompilationException e) {
            lastFailure.set(e);
            event = new Event(current.get().ruleset(), e);
            LOG.warn("rules in {} do not compile; still serving sha256 {}:\n{}", dir,
                    current.get().ruleset().sha256(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            RulesCompilationException wrapped = new RulesCompilationException(
                    List.of(new RuleProblem(".", 0, 0, "error", String.valueOf(e.getMessage()))));
            lastFailure.set(wrapped);
            event = new Event(current.get().ruleset(), wrapped);
            LOG.warn("cannot reload rules from {}", dir, e);
        }
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a reload listener failed", e);
            }
        }
    }

    private void registerAll(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path d : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }
}
