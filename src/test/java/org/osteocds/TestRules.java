package org.osteocds;

import java.nio.file.Path;

/** Shared, compiled-once engines for the tests (compiling the rules takes a second or two). */
final class TestRules {
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

    /** The shared material beside the repository (or where OSTEOCDS_SHARED says), read in place. */
    static Path shared() {
        String env = System.getenv("OSTEOCDS_SHARED");
        return (env == null || env.isBlank() ? Path.of("..", "shared") : Path.of(env)).toAbsolutePath().normalize();
    }
}
