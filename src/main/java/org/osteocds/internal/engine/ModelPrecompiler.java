package org.osteocds.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.osteocds.internal.knowledge.RuleFiles;

/**
 * Build step (run by Maven after compiling): compiles the bundled {@code rules/} folder to Drools' executable
 * model and writes the generated classes into the build output, with the list of model classes and the rules'
 * SHA-256 beside them. At run time {@link CompiledRules} uses it only when that SHA-256 matches the bundled
 * rules, and compiles the DRL otherwise; {@code --rules DIR} always compiles at run time.
 */
public final class ModelPrecompiler {
    /** The file holding the SHA-256 of the rules the precompiled model was built from. */
    public static final String SHA_FILE = "osteocds-model.sha256";
    /** The file listing the generated model classes, one per line. */
    public static final String CLASSES_FILE = "osteocds-model.classes";
    /** The release id of the precompiled module. */
    static final String GROUP = "org.osteocds";
    static final String ARTIFACT = "osteocds-bundled-model";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelPrecompiler.class);

    private ModelPrecompiler() {
    }

    /**
     * @param args the rules folder and the output folder
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path rules = Path.of(args[0]);
        Path out = Path.of(args[1]);
        RuleFiles files = RuleFiles.read(rules);
        if (upToDate(files.sha256(), out)) {
            LOG.debug("executable model of {} is up to date", rules);
            return;
        }
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId(GROUP, ARTIFACT, "1.0.0");
        kfs.generateAndWritePomXML(id);
        for (Map.Entry<String, byte[]> e : files.files().entrySet()) {
            if (e.getKey().endsWith(".drl")) {
                kfs.write("src/main/resources/" + e.getKey(), e.getValue());
            }
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        boolean failed = false;
        for (Message m : builder.getResults().getMessages()) {
            if (m.getLevel() == Message.Level.ERROR) {
                failed = true;
                LOG.error("{}:{}: {}", m.getPath(), m.getLine(), m.getText());
            }
        }
        if (failed) {
            // the classic compiler reports these errors with file and line at run time; ship no model
            Files.deleteIfExists(out.resolve(SHA_FILE));
            LOG.error("the rules do not compile to the executable model; none written");
            return;
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        int written = 0;
        String models = null;
        for (String name : module.getFileNames()) {
            if (name.endsWith("/drools-model")) {
                models = new String(module.getBytes(name), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (!name.endsWith(".class")) {
                continue;
            }
            Path target = out.resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, module.getBytes(name));
            written++;
        }
        if (models == null) {
            throw new IllegalStateException("the executable model build produced no model list");
        }
        StringBuilder classes = new StringBuilder();
        for (String line : models.split("\n")) {
            if (!line.isBlank() && !line.startsWith("Drools-Model-Version")) {
                classes.append(line.strip()).append('\n');
            }
        }
        Files.writeString(out.resolve(CLASSES_FILE), classes.toString());
        Files.writeString(out.resolve(SHA_FILE), files.sha256());
        LOG.info("executable model of {} written ({} files)", rules, written);
    }

    /** Whether the output already holds the model of exactly these rules (each class it lists present). */
    private static boolean upToDate(String sha256, Path out) throws IOException {
        Path sha = out.resolve(SHA_FILE);
        Path list = out.resolve(CLASSES_FILE);
        if (!Files.isRegularFile(sha) || !Files.isRegularFile(list) || !Files.readString(sha).strip().equals(sha256)) {
            return false;
        }
        for (String name : Files.readAllLines(list)) {
            if (!name.isBlank() && !Files.isRegularFile(out.resolve(name.strip().replace('.', '/') + ".class"))) {
                return false;
            }
        }
        return true;
    }
}
