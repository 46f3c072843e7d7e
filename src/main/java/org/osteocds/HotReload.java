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
import java.util.stream.Stream;
import org.osteocds.internal.knowledge.RuleFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osteocds.model.Assessment;
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
    private final AtomicReference<OsteoCds> current;
    private final AtomicReference<RulesCompilationException> lastFailure = new AtomicReference<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final WatchService watcher;
    private final Thread thread;

    private HotReload(Path dir, OsteoCds initial) throws IOException {
        this.dir = dir;
        this.current = new AtomicReference<>(initial);
        this.watcher = FileSystems.getDefault().newWatchService();
        registerAll(dir);
        this.thread = new Thread(this::loop, "osteo-cds-hot-reload");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Compiles a rules folder and starts watching it.
     *
     * @param rulesDir the folder
     * @return the watcher; close it to stop watching
     * @throws RulesCompilationException if the folder does not compile now (there is no last good ruleset yet)
     */
    public static HotReload watch(Path rulesDir) {
        Objects.requireNonNull(rulesDir, "rulesDir");
        OsteoCds initial = OsteoCds.fromRules(rulesDir);
        try {
            return new HotReload(rulesDir, initial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + rulesDir, e);
        }
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
                WatchKey key = watcher.take();
                drain(key);
                WatchKey more;
                while ((more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(WatchKey key) {
        Path base = (Path) key.watchable();
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && ev.context() instanceof Path p
                    && Files.isDirectory(base.resolve(p))) {
                try {
                    registerAll(base.resolve(p));
                } catch (IOException e) {
                    LOG.warn("cannot watch new folder {}", base.resolve(p), e);
                }
            }
        }
        key.reset();
    }

    private void reload() {
        Event event;
        try {
            RuleFiles files = RuleFiles.read(dir);
            if (files.sha256().equals(current.get().ruleset().sha256()) && lastFailure.get() == null) {
                return;   // touched, not changed
            }
            OsteoCds next = OsteoCds.fromRules(dir);
            current.set(next);
            lastFailure.set(null);
            event = new Event(next.ruleset(), null);
            LOG.info("rules reloaded from {}: {} {} sha256 {}", dir, next.ruleset().id(), next.ruleset().version(),
                    next.ruleset().sha256());
        } catch (RulesCompilationException e) {
            lastFailure.set(e);
            event = new Event(current.get().ruleset(), e);
            LOG.warn("rules in {} do not compile; still serving sha256 {}:\n{}", dir,
                    current.get().ruleset().sha256(), e.getMessage());
        } catch (RuntimeException e) {
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
