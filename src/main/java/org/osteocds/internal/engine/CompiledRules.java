package org.osteocds.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.osteocds.model.RuleProblem;
import org.osteocds.model.Ruleset;
import org.osteocds.model.RulesCompilationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.internal.knowledge.RuleFiles;
import org.osteocds.internal.knowledge.Terminology;

/**
 * A rules folder compiled and checked: the KIE base, the advice catalogue, the terminology tables and the
 * ruleset's identity. Immutable; the KIE base is safe to share between threads (each assessment makes its own
 * session).
 *
 * @param ruleset     identity
 * @param kieBase     the compiled DRL
 * @param catalogue   advice texts and evidence
 * @param terminology code and name tables
 * @param warnings    problems that did not stop compilation
 * @param files       the source files
 */
public record CompiledRules(Ruleset ruleset, KieBase kieBase, Catalogue catalogue, Terminology terminology,
                            List<RuleProblem> warnings, RuleFiles files, boolean precompiled) {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledRules.class);
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final Pattern LINE_COL = Pattern.compile("\\[?Line:?\\s*(\\d+)[:,]\\s*(?:Column:\\s*)?(\\d+)");
    private static final Pattern CODE_LITERAL = Pattern.compile("\"([A-Z]+(?:-[A-Z0-9]+)+)\"");
    private static final String KFS_ROOT = "src/main/resources/";

    /**
     * Compiles a rules folder. Fails with every error at once, each with its file and line.
     *
     * @param files the folder's files
     * @return the compiled rules
     * @throws RulesCompilationException when anything is an error
     */
    public static CompiledRules compile(RuleFiles files) {
        long start = System.nanoTime();
        List<RuleProblem> problems = new ArrayList<>();
        // the bundled rules' KIE base is built from the precompiled model on a second thread meanwhile
        CompletableFuture<KieBase> model = "bundled".equals(files.origin())
                ? CompletableFuture.supplyAsync(() -> precompiledModel(files.sha256()), CompiledRules::daemon) : null;
        Ruleset ruleset = identity(files, problems);
        Catalogue catalogue = Catalogue.load(files, problems);
        Terminology terminology = Terminology.load(files, problems, catalogue.evidence().keySet());
        // a citation the medicine-class table cites is cited (the review of that class names it)
        problems.removeIf(p -> p.file().equals(Catalogue.EVIDENCE_FILE) && p.message().startsWith("evidence '")
                && terminology.medicines().citedEvidence().stream()
                        .anyMatch(id -> p.message().equals("evidence '" + id + "' is not cited by any advice")));
        KieBase kieBase = model == null ? null : await(model);
        boolean precompiled = kieBase != null;
        if (kieBase == null) {
            kieBase = compileDrl(files, catalogue, problems);
        }
        problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            throw new RulesCompilationException(problems);
        }
        LOG.debug("{} rules {} in {} ms", precompiled ? "loaded precompiled" : "compiled", files.origin(),
                (System.nanoTime() - start) / 1_000_000);
        return new CompiledRules(ruleset, kieBase, catalogue, terminology, List.copyOf(problems), files, precompiled);
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "osteo-cds-model");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits for rules (or a part of them) built on another thread, and rethrows a failure as if built on this one.
     *
     * @param future the build
     * @param <T>    what it builds
     * @return its result
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;   // as if built on this thread
            }
            throw e;
        }
    }

    /**
     * The bundled rules' executable model, precompiled at build time by {@link ModelPrecompiler}, when it was built
     * from exactly these files; else {@code null} (the DRL is then compiled).
     */
    private static KieBase precompiledModel(String sha256) {
        try (java.io.InputStream sha = CompiledRules.class.getResourceAsStream("/" + ModelPrecompiler.SHA_FILE);
             java.io.InputStream list = CompiledRules.class.getResourceAsStream("/" + ModelPrecompiler.CLASSES_FILE)) {
            if (sha == null || list == null) {
                return null;
            }
            if (!new String(sha.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip().equals(sha256)) {
                LOG.warn("the precompiled rules model is stale (built from other rules); compiling the DRL");
                return null;
            }
            List<org.drools.model.Model> models = new ArrayList<>();
            for (String name : new String(list.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!name.isBlank()) {
                    models.add((org.drools.model.Model) Class.forName(name.strip(), true,
                            CompiledRules.class.getClassLoader()).getConstructor().newInstance());
                }
            }
            return org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(models);
        } catch (java.io.IOException | ReflectiveOperationException | LinkageError e) {
            LOG.warn("cannot load the precompiled rules model ({}); compiling the DRL", e.toString());
            return null;
        }
    }

    private static Ruleset identity(RuleFiles files, List<RuleProblem> problems) {
        String text = files.text("ruleset.yaml");
        String id = "unnamed";
        String version = "0";
        if (text == null) {
            problems.add(new RuleProblem("ruleset.yaml", 0, 0, "error", "file is missing (it names id and version)"));
        } else {
            try {
                JsonNode n = Catalogue.YAML.readTree(text);
                if (n == null || !n.hasNonNull("id") || !n.hasNonNull("version")) {
                    problems.add(new RuleProblem("ruleset.yaml", 1, 1, "error", "needs id and version"));
                } else {
                    id = n.get("id").asText();
                    version = n.get("version").asText();
                }
            } catch (java.io.IOException e) {
                problems.add(new RuleProblem("ruleset.yaml", 0, 0, "error", e.getMessage()));
            }
        }
        return new Ruleset(id, version, files.sha256());
    }

    private static KieBase compileDrl(RuleFiles files, Catalogue catalogue, List<RuleProblem> problems) {
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.osteocds.rules", "ruleset-" + BUILDS.incrementAndGet(), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        int drlCount = 0;
        for (Map.Entry<String, byte[]> e : files.files().entrySet()) {
            String path = e.getKey();
            if (!path.endsWith(".drl")) {
                continue;
            }
            drlCount++;
            String text = files.text(path);
            checkPackage(path, text, problems);
            checkCodes(path, text, catalogue, problems);
            checkOutputCodes(path, text, catalogue, problems);
            PhaseCheck.check(path, text, problems);
            kfs.write(KFS_ROOT + path, e.getValue());
        }
        for (String code : catalogue.codes()) {
            boolean given = files.files().keySet().stream().filter(f -> f.endsWith(".drl"))
                    .anyMatch(f -> files.text(f).contains("\"" + code + "\""));
            if (!given) {
                problems.add(new RuleProblem(Catalogue.ADVICE_FILE, Catalogue.lineOf(files, Catalogue.ADVICE_FILE, code),
                        1, "warning", "no rule gives advice code " + code));
            }
        }
        if (drlCount == 0) {
            problems.add(new RuleProblem(".", 0, 0, "error", "no .drl files in the rules folder"));
            return null;
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        boolean errors = false;
        for (Message m : builder.getResults().getMessages()) {
            String path = m.getPath() == null ? "." : m.getPath();
            if (path.startsWith(KFS_ROOT)) {
                path = path.substring(KFS_ROOT.length());
            }
            String text = m.getText().strip();
            if (text.startsWith("Parser returned a null Package")
                    || (m.getLevel() == Message.Level.WARNING && text.contains("is in folder"))) {
                continue;   // echoes of another error; the folder check is ours
            }
            int line = m.getLine();
            int col = m.getColumn();
            Matcher lc = LINE_COL.matcher(text);
            if (lc.find()) {
                if (line <= 0) {
                    line = Integer.parseInt(lc.group(1));
                }
                if (col <= 0) {
                    col = Integer.parseInt(lc.group(2)) + 1;   // Drools counts columns from 0
                }
            }
            String severity = m.getLevel() == Message.Level.ERROR ? "error" : "warning";
            errors |= m.getLevel() == Message.Level.ERROR;
            problems.add(new RuleProblem(path, Math.max(line, 0), Math.max(col, 0), severity,
                    text.replaceAll("\\s+", " ")));
        }
        if (errors) {
            return null;
        }
        KieBase base = ks.newKieContainer(releaseId).getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        return base;
    }

    /** DRL {@code package} must equal the file's folder, with dots for slashes. */
    private static void checkPackage(String path, String text, List<RuleProblem> problems) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            problems.add(new RuleProblem(path, 1, 1, "error", "a DRL file belongs in a topic folder, not at the top"));
            return;
        }
        String expected = path.substring(0, slash).replace('/', '.');
        Matcher m = PACKAGE.matcher(text);
        if (!m.find()) {
            problems.add(new RuleProblem(path, 1, 1, "error", "no package declaration; expected 'package "
                    + expected + ";'"));
        } else if (!m.group(1).equals(expected)) {
            int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
            problems.add(new RuleProblem(path, line, 1, "error", "package '" + m.group(1)
                    + "' does not match its folder; expected '" + expected + "'"));
        }
    }

    /** Every quoted code-like literal used as an advice code must be in the catalogue. */
    private static void checkCodes(String path, String text, Catalogue catalogue, List<RuleProblem> problems) {
        if (catalogue.codes().isEmpty()) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CODE_LITERAL.matcher(lines[i]);
            while (m.find()) {
                String code = m.group(1);
                if (catalogue.entry(code) == null && looksLikeAdviceCode(code)) {
                    problems.add(new RuleProblem(path, i + 1, m.start(1) + 1, "error",
                            "advice code '" + code + "' is not in " + Catalogue.ADVICE_FILE));
                }
            }
        }
    }

    private static boolean looksLikeAdviceCode(String s) {
        return s.matches("(EXERCISE|NUTRITION|LIFESTYLE|MEDICATION|CONDITION|SCREENING|REFERRAL)-.+");
    }

    /** The advice code of {@code new Recommendation(patient, CODE, ...)} when it is written as a literal. */
    private static final Pattern RECOMMENDATION_CODE =
            Pattern.compile("new\\s+Recommendation\\s*\\(\\s*[^,()]+,\\s*\"([^\"]*)\"(?=\\s*,)");
    /** {@code new Gap(patient, "field", "CODE", ...)}: the field, then the codes it blocks. */
    private static final Pattern GAP_ARGS =
            Pattern.compile("new\\s+Gap\\s*\\(\\s*[^,()]+,\\s*\"([^\"]*)\"(?=\\s*[,)])((?:\\s*,\\s*\"[^\"]*\"(?=\\s*[,)]))*)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /**
     * The advice codes written where the output contract needs one (a recommendation's code, the codes a data gap
     * blocks) must be in the catalogue whatever their shape, and a data gap's field must be a record field.
     */
    private static void checkOutputCodes(String path, String text, Catalogue catalogue, List<RuleProblem> problems) {
        if (catalogue.codes().isEmpty()) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher r = RECOMMENDATION_CODE.matcher(lines[i]);
            while (r.find()) {
                if (catalogue.entry(r.group(1)) == null && !looksLikeAdviceCode(r.group(1))) {   // else said above
                    problems.add(new RuleProblem(path, i + 1, r.start(1) + 1, "error", "advice code '" + r.group(1)
                            + "' is not in " + Catalogue.ADVICE_FILE));
                }
            }
            Matcher g = GAP_ARGS.matcher(lines[i]);
            while (g.find()) {
                String field = g.group(1);
                String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
                if (!org.osteocds.internal.parse.RecordMapper.FIELDS.contains(top)) {
                    problems.add(new RuleProblem(path, i + 1, g.start(1) + 1, "error", "data gap field '" + field
                            + "' is not a record field"));
                }
                Matcher q = QUOTED.matcher(g.group(2));
                while (q.find()) {
                    if (catalogue.entry(q.group(1)) == null && !looksLikeAdviceCode(q.group(1))) {
                        problems.add(new RuleProblem(path, i + 1, g.start(2) + q.start(1) + 1, "error",
                                "advice code '" + q.group(1) + "' is not in " + Catalogue.ADVICE_FILE));
                    }
                }
            }
        }
    }

    /** @return the names of the rules in the {@value Engine#ADVICE} agenda group (computed once per KIE base) */
    public Set<String> adviceRules() {
        return ADVICE_RULES.computeIfAbsent(kieBase, k -> {
            Set<String> names = new HashSet<>();
            for (KiePackage p : k.getKiePackages()) {
                for (Rule r : p.getRules()) {
                    if (r instanceof RuleImpl impl && (Engine.ADVICE.equals(impl.getAgendaGroup())
                            || Engine.ADVICE.equals(impl.getRuleFlowGroup()))) {
                        names.add(r.getName());
                    }
                }
            }
            return Set.copyOf(names);
        });
    }

    private static final Map<KieBase, Set<String>> ADVICE_RULES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** @return the names of every rule in the KIE base, sorted */
    public List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        names.sort(null);
        return names;
    }
}
