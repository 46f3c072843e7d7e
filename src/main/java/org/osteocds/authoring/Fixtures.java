package org.osteocds.authoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordSource;
import org.osteocds.model.RiskFactor;
import org.osteocds.internal.engine.Engine;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.internal.parse.RecordMapper;

/**
 * Rule-author fixtures: one scenario per JSON file (an assessment date, a record, and what must and must not come
 * out). Used by the test suite and by {@code osteo-cds test}.
 *
 * <pre>{@code
 * { "description": "...", "asOf": "2026-06-01", "record": { "id": "...", ... },
 *   "expect": { "status": "assessed", "present": ["CODE"], "absent": ["CODE"], "ageGroup": "adult",
 *               "boneStatus": "normal", "riskFactors": ["low-bmi"], "gaps": ["sex"],
 *               "indicators": { "NUTRITION-VITAMIN-D-LOW": "critical" }, "reason": "...",
 *               "rationales": { "MEDICATION-GLUCOCORTICOID-ASSESSMENT": ["13.3 mg/day"] },
 *               "gapDetails": { "medications": "not recognised: prednisne" } } }
 * }</pre>
 * {@code riskFactors} and {@code gaps}, when given, must match exactly; every other expectation is checked only
 * when present.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * One fixture file.
     *
     * @param description what it shows
     * @param asOf        the assessment date
     * @param record      the record, as JSON
     * @param expect      the expectations
     */
    public record Fixture(String description, @JsonProperty(required = true) LocalDate asOf,
                          @JsonProperty(required = true) JsonNode record,
                          @JsonProperty(required = true) Expect expect) {
    }

    /**
     * What a fixture expects.
     *
     * @param status      expected status
     * @param present     codes that must be given
     * @param absent      codes that must not be given
     * @param ageGroup    expected age group
     * @param boneStatus  expected bone status
     * @param riskFactors exact set of risk-factor keys
     * @param gaps        exact set of data-gap fields
     * @param indicators  expected indicator by code
     * @param reason      the out-of-scope reason, exactly
     * @param rationales  by code, texts its rationale must contain (the values of the record that triggered it)
     * @param gapDetails  by data-gap field, a text its detail must contain
     */
    public record Expect(String status, List<String> present, List<String> absent, String ageGroup,
                         String boneStatus, List<String> riskFactors, List<String> gaps,
                         Map<String, String> indicators, String reason, Map<String, List<String>> rationales,
                         Map<String, String> gapDetails) {
    }

    /**
     * The outcome of running one fixture.
     *
     * @param name     file name
     * @param fixture  the fixture
     * @param actual   the assessment
     * @param failures each mismatch as "what: expected X, actual Y"
     */
    public record Result(String name, Fixture fixture, Assessment actual, List<String> failures) {
        /** @return whether every expectation held */
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Folders under a fixture folder that hold sample inputs, not fixtures. */
    public static final String SAMPLES = "samples";

    /**
     * Lists fixture files: the given files, and the {@code .json} files found under given folders (except in
     * {@code samples/} folders, which hold sample inputs), sorted.
     *
     * @param paths files or folders
     * @return the fixture files
     */
    public static List<Path> find(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f))
                            .filter(f -> !p.relativize(f).toString().replace('\\', '/').matches("(.*/)?" + SAMPLES + "/.*"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @param file a fixture file
     * @return the fixture
     * @throws IllegalArgumentException when the file is not a valid fixture
     */
    public static Fixture load(Path file) {
        try {
            return JsonSupport.MAPPER.readValue(file.toFile(), Fixture.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a valid fixture: " + e.getMessage(), e);
        }
    }

    /**
     * @param node a file's JSON
     * @param file the file, for messages
     * @return the fixture it holds, or {@code null} when it is not one (an object with a record and expectations)
     * @throws IllegalArgumentException when it looks like a fixture but is not a valid one
     */
    public static Fixture of(JsonNode node, Path file) {
        if (node == null || !node.isObject() || !node.has("record") || !node.has("expect")) {
            return null;
        }
        try {
            return JsonSupport.MAPPER.treeToValue(node, Fixture.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a valid fixture: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a fixture.
     *
     * @param name    its name
     * @param fixture the fixture
     * @param engine  the engine
     * @return the result
     */
    public static Result run(String name, Fixture fixture, Engine engine) {
        return run(name, fixture, engine, null);
    }

    /**
     * Runs a fixture with an agenda listener on its session (for coverage).
     *
     * @param name     its name
     * @param fixture  the fixture
     * @param engine   the engine
     * @param listener a listener, or {@code null}
     * @return the result
     */
    public static Result run(String name, Fixture fixture, Engine engine,
                             java.util.EventListener listener) {
        ParsedRecord parsed = new RecordMapper(false).map(fixture.record(), new RecordSource(name, null, null, null,
                null));
        Assessment a;
        if (parsed instanceof ParsedRecord.Valid v) {
            a = engine.assess(List.of(v.record()), fixture.asOf(), listener).get(0);
        } else {
            ParsedRecord.Invalid inv = (ParsedRecord.Invalid) parsed;
            a = Assessment.invalid(inv.patientId(), fixture.asOf(), engine.rules().ruleset(), inv.errors());
        }
        return new Result(name, fixture, a, check(fixture.expect(), a));
    }

    /**
     * Checks an assessment against a fixture's expectations.
     *
     * @param e the expectations
     * @param a the assessment
     * @return each mismatch as "what: expected X, actual Y"; empty when every expectation holds
     */
    public static List<String> check(Expect e, Assessment a) {
        List<String> failures = new ArrayList<>();
        Set<String> codes = new TreeSet<>(a.adviceCodes());
        if (e.status() != null && !e.status().equals(a.status().code())) {
            failures.add("status: expected " + e.status() + ", actual " + a.status().code()
                    + (a.errors().isEmpty() ? "" : " " + a.errors()));
        }
        if (e.present() != null) {
            for (String c : e.present()) {
                if (!codes.contains(c)) {
                    failures.add("missing advice " + c);
                }
            }
        }
        if (e.absent() != null) {
            for (String c : e.absent()) {
                if (codes.contains(c)) {
                    failures.add("unexpected advice " + c);
                }
            }
        }
        if (e.ageGroup() != null) {
            String actual = a.findings() == null || a.findings().ageGroup() == null ? null
                    : a.findings().ageGroup().code();
            if (!e.ageGroup().equals(actual)) {
                failures.add("ageGroup: expected " + e.ageGroup() + ", actual " + actual);
            }
        }
        if (e.boneStatus() != null) {
            String actual = a.findings() == null ? null : a.findings().boneStatus().code();
            if (!e.boneStatus().equals(actual)) {
                failures.add("boneStatus: expected " + e.boneStatus() + ", actual " + actual);
            }
        }
        if (e.riskFactors() != null) {
            Set<String> actual = a.findings() == null ? Set.of()
                    : a.findings().riskFactors().stream().map(RiskFactor::key).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(e.riskFactors());
            if (!expected.equals(actual)) {
                failures.add("riskFactors: expected " + expected + ", actual " + actual);
            }
        }
        if (e.gaps() != null) {
            Set<String> actual = a.dataGaps().stream().map(DataGap::field).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(e.gaps());
            if (!expected.equals(actual)) {
                failures.add("gaps: expected " + expected + ", actual " + actual);
            }
        }
        if (e.reason() != null && !e.reason().equals(a.reason())) {
            failures.add("reason: expected \"" + e.reason() + "\", actual " + a.reason());
        }
        if (e.rationales() != null) {
            for (Map.Entry<String, List<String>> en : e.rationales().entrySet()) {
                String actual = a.advice().stream().filter(ad -> ad.code().equals(en.getKey())).findFirst()
                        .map(Advice::rationale).orElse(null);
                for (String part : en.getValue()) {
                    if (actual == null || !actual.contains(part)) {
                        failures.add("rationale of " + en.getKey() + ": expected to contain \"" + part + "\", actual "
                                + (actual == null ? "no such advice" : "\"" + actual + "\""));
                    }
                }
            }
        }
        if (e.gapDetails() != null) {
            for (Map.Entry<String, String> en : e.gapDetails().entrySet()) {
                String actual = a.dataGaps().stream().filter(g -> g.field().equals(en.getKey())).findFirst()
                        .map(DataGap::detail).orElse(null);
                if (actual == null || !actual.contains(en.getValue())) {
                    failures.add("detail of gap " + en.getKey() + ": expected to contain \"" + en.getValue()
                            + "\", actual " + actual);
                }
            }
        }
        if (e.indicators() != null) {
            for (Map.Entry<String, String> en : e.indicators().entrySet()) {
                String actual = a.advice().stream().filter(ad -> ad.code().equals(en.getKey())).findFirst()
                        .map(Advice::indicator).map(Object::toString).orElse("absent");
                if (!en.getValue().equals(actual)) {
                    failures.add("indicator of " + en.getKey() + ": expected " + en.getValue() + ", actual " + actual);
                }
            }
        }
        return failures;
    }
}
