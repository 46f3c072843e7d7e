package org.osteocds;

import java.nio.file.Path;

/** Shared, compiled-once engines for the tests (compiling the rules takes a second or two). */
public final class TestRules {
    private static volatile OsteoCds bundled;

    private TestRules() {
    }

    static OsteoCds bundled() {
        OsteoCds b = bundled;
        if (b == null) {
            synchronized (TestRules.class) {
                b = bundled;
                if (b == null) {
                    b = OsteoCds.bundled();
                    bundled = b;
                }
            }
        }
        return b;
    }

    /** The repository's top-level rules folder (tests run from the repository root). */
    static Path rulesDir() {
        return Path.of("rules").toAbsolutePath();
    }

    /** The shared material beside the repository (or where OSTEOCDS_SHARED says), read in place when present. */
    static Path shared() {
        String env = System.getenv("OSTEOCDS_SHARED");
        return (env == null || env.isBlank() ? Path.of("..", "shared") : Path.of(env)).toAbsolutePath().normalize();
    }

    /** The public FHIR samples copied into the repository, which the build's tests read. */
    public static Path samples() {
        return Path.of("src", "test", "resources", "fhir-samples").toAbsolutePath();
    }

    /**
     * Skips the calling test, saying why, when the shared material is not beside the repository.
     *
     * @param what the part of it the test reads, such as {@code fhir-samples}
     * @return that folder
     */
    static Path sharedOrSkip(String what) {
        Path p = shared().resolve(what);
        if (!java.nio.file.Files.exists(p) && SAID_SKIPPED.compareAndSet(false, true)) {
            // said once on the console too (Maven shows a skip only as a count): the longer suite did not run
            System.err.println("SharedSamplesTest: skipped, " + shared() + " is not there (the longer suite reads the "
                    + "shared samples in place; set OSTEOCDS_SHARED to run it)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(p),
                "skipped: " + p + " is not there (set OSTEOCDS_SHARED to the shared folder to run this longer suite)");
        return p;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean SAID_SKIPPED =
            new java.util.concurrent.atomic.AtomicBoolean();
}
