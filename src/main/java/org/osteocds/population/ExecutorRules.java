package org.osteocds.population;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.spark.SparkFiles;
import org.osteocds.OsteoCds;
import org.osteocds.model.Ruleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules on each executor JVM. A Drools KieBase cannot be serialised, so it is never shipped: each JVM builds
 * its {@link OsteoCds} once, lazily, on the first task that needs it (the bundled rules from their precompiled
 * model, or a {@code --rules} folder that the driver shipped as a zip with the job), and every task of that JVM
 * shares it (it is thread-safe; each task opens its own KIE sessions). Before any record is assessed the identity
 * built here (id, version, SHA-256 over the files) is checked against the driver's: a job never mixes rulesets.
 */
final class ExecutorRules {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorRules.class);
    private static final Map<Ref, OsteoCds> BUILT = new ConcurrentHashMap<>();

    private ExecutorRules() {
    }

    /**
     * Which rules a job uses, and the identity the driver built from them.
     *
     * @param zipName the name of the zip shipped with {@code SparkContext.addFile}, or {@code null} for the bundled
     *                rules
     * @param id      the ruleset id the driver built
     * @param version its version
     * @param sha256  its SHA-256
     */
    record Ref(String zipName, String id, String version, String sha256) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Ref of(String zipName, Ruleset r) {
            return new Ref(zipName, r.id(), r.version(), r.sha256());
        }

        String describe() {
            return id + " " + version + " sha256 " + sha256;
        }
    }

    /**
     * Offers the driver's engine for its own JVM: in local mode the tasks run there and need not build it again.
     *
     * @param ref the job's rules
     * @param cds the engine the driver built from them
     */
    static void offer(Ref ref, OsteoCds cds) {
        BUILT.putIfAbsent(ref, cds);
    }

    /**
     * @param ref the job's rules
     * @return this JVM's engine for them, built on first use
     * @throws IllegalStateException when the rules built here are not the driver's
     */
    static OsteoCds get(Ref ref) {
        OsteoCds cds = BUILT.computeIfAbsent(ref, ExecutorRules::build);
        Ruleset here = cds.ruleset();
        if (!here.id().equals(ref.id()) || !here.version().equals(ref.version()) || !here.sha256().equals(ref.sha256())) {
            throw new IllegalStateException("ruleset mismatch: this executor built " + here.id() + " " + here.version()
                    + " sha256 " + here.sha256() + " but the driver has " + ref.describe()
                    + "; a job never mixes rulesets (ship the same rules, or the same osteo-cds jar, everywhere)");
        }
        return cds;
    }

    private static OsteoCds build(Ref ref) {
        long start = System.nanoTime();
        OsteoCds cds;
        if (ref.zipName() == null) {
            cds = OsteoCds.bundled();
        } else {
            Path dir = unzip(Path.of(SparkFiles.get(ref.zipName())));
            cds = OsteoCds.fromRules(dir);
        }
        LOG.info("rules {} {} built on this executor in {} ms", cds.ruleset().id(), cds.ruleset().version(),
                (System.nanoTime() - start) / 1_000_000);
        return cds;
    }

    private static Path unzip(Path zip) {
        try {
            Path dir = Files.createTempDirectory("osteocds-rules");
            try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    Path target = dir.resolve(e.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException(zip + ": entry " + e.getName() + " points outside the folder");
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the shipped rules " + zip, e);
        }
    }

    /**
     * Zips a rules folder for shipping with the job.
     *
     * @param rulesDir the folder
     * @param zip      the zip to write
     * @throws IOException when it cannot be read or written
     */
    static void zip(Path rulesDir, Path zip) throws IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
             java.util.stream.Stream<Path> files = Files.walk(rulesDir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    out.putNextEntry(new ZipEntry(rulesDir.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
    }
}
