package org.osteocds.internal.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a rules folder, read once into memory: relative path (with {@code /}) to bytes, in path order.
 * The SHA-256 over them is the ruleset's identity.
 *
 * @param origin where they came from, for messages
 * @param files  relative path to content
 */
public record RuleFiles(String origin, Map<String, byte[]> files) {

    /** Where the build puts the top-level {@code rules/} folder inside the jar. */
    public static final String BUNDLED_ROOT = "osteocds-rules";

    /** Copies the map, keeping path order. */
    public RuleFiles {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /**
     * Reads every regular file under a folder (hidden files and editor backups are skipped).
     *
     * @param dir the rules folder
     * @return its files
     */
    public static RuleFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("rules folder not found: " + dir);
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && !skipped(rel)) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + dir, e);
        }
        return new RuleFiles(dir.toString(), files);
    }

    /**
     * Reads the ruleset bundled in the jar (or in {@code target/classes} when run from a build).
     *
     * @return its files
     */
    public static RuleFiles bundled() {
        URL marker = RuleFiles.class.getResource("/" + BUNDLED_ROOT + "/ruleset.yaml");
        if (marker == null) {
            throw new IllegalStateException("no bundled rules on the classpath (" + BUNDLED_ROOT + "/ruleset.yaml)");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                RuleFiles read = read(fs.getPath("/" + BUNDLED_ROOT));
                return new RuleFiles("bundled", read.files());
            }
            RuleFiles read = read(Path.of(uri).getParent());
            return new RuleFiles("bundled", read.files());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the bundled rules", e);
        }
    }

    private static boolean skipped(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".bak");
    }

    /** @return hex SHA-256 over each file's relative path and content, in path order */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param path relative path
     * @return the file's text, or {@code null} when absent
     */
    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
