package org.osteocds.internal.engine;

import java.util.Objects;
import java.util.function.Function;

/**
 * How the rooms above the facade (readers, writers, authoring tools, the command line) reach the engine behind an
 * {@code org.osteocds.OsteoCds} without the facade publishing it: the facade grants access once, from its static
 * initialiser, as the JDK's own shared-secrets do. Not public API.
 */
public final class Engines {
    private static volatile Function<Object, Engine> access;

    private Engines() {
    }

    /**
     * Called once by the facade.
     *
     * @param f the facade's engine accessor
     */
    public static void grant(Function<Object, Engine> f) {
        access = Objects.requireNonNull(f);
    }

    /**
     * @param cds an {@code OsteoCds}
     * @return its engine
     */
    public static Engine of(Object cds) {
        Objects.requireNonNull(cds, "cds");
        // an instance exists, so its class is initialised and access granted
        return access.apply(cds);
    }
}
