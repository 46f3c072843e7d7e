package org.osteocds.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EventListener;
import org.osteocds.internal.engine.CompiledRules;
import org.osteocds.internal.engine.Engine;
import org.osteocds.authoring.Fixtures;

/** Loads and runs fixture files; a file that is not a valid fixture counts as a failure, not a crash. */
final class FixtureRun {
    private FixtureRun() {
    }

    static List<Fixtures.Result> run(CompiledRules rules, List<Path> files, EventListener listener) {
        Engine engine = new Engine(rules);
        List<Fixtures.Result> results = new ArrayList<>();
        for (Path f : files) {
            String name = f.toString();
            Fixtures.Fixture fixture;
            try {
                fixture = Fixtures.load(f);
            } catch (IllegalArgumentException e) {
                results.add(new Fixtures.Result(name, null, null, List.of(e.getMessage())));
                continue;
            }
            results.add(Fixtures.run(name, fixture, engine, listener));
        }
        return results;
    }
}
