package org.osteocds.cli;

import java.util.concurrent.CompletableFuture;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.CompiledRules;

/**
 * The bundled rules for the command line, optionally built ahead on a second thread: {@code assess} starts
 * building them before picocli has even parsed its arguments, which takes about 0.1 s off a one-record run on
 * 2 cores (docs/performance.md). Without {@link #prefetch()} it simply builds them when asked.
 */
final class BundledRules {
    private static volatile CompletableFuture<OsteoCds> ahead;

    private BundledRules() {
    }

    /** Starts building the bundled rules on a daemon thread, if not started yet. */
    static synchronized void prefetch() {
        if (ahead == null) {
            CompletableFuture<OsteoCds> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(OsteoCds.bundled());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "osteo-cds-rules");
            t.setDaemon(true);
            t.start();
            ahead = f;
        }
    }

    /**
     * @return the bundled rules: the ones built ahead (once), or newly built
     * @throws org.osteocds.model.RulesCompilationException as {@link OsteoCds#bundled()}
     */
    static OsteoCds get() {
        CompletableFuture<OsteoCds> f;
        synchronized (BundledRules.class) {
            f = ahead;
            ahead = null;   // handed out once; a later caller builds its own
        }
        if (f == null) {
            return OsteoCds.bundled();
        }
        return CompiledRules.await(f);
    }
}
