package org.osteocds.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine;

/**
 * A command's output file, written whole or not at all: the output goes to a temporary file in the same folder and
 * is renamed over the target only when the command has finished, so a run that is killed or fails leaves any
 * previous output as it was. An output that is also an input is refused before anything is read.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    /** The temporary file, or {@code null} when the target is not a regular file (a device such as /dev/null, a
     *  named pipe): those are written directly, since renaming over them would replace them. */
    private final Path temp;
    private boolean committed;

    private OutputFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * @param target the output named by {@code --out}
     * @param inputs the command's inputs (files, folders, {@code -})
     * @param cl     the command line, for usage errors
     * @return the output, ready to write
     * @throws CommandLine.ParameterException when the output is an input or a folder (exit 2)
     * @throws UncheckedIOException when its folder is missing or not writable (exit 4)
     */
    static OutputFile open(Path target, List<String> inputs, CommandLine cl) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new CommandLine.ParameterException(cl, "--out " + target + " is a folder; name a file to write");
        }
        for (String in : inputs) {
            if (in.equals("-")) {
                continue;
            }
            Path p = Path.of(in).toAbsolutePath().normalize();
            if (sameFile(abs, p) || (Files.isDirectory(p) && abs.startsWith(p))) {
                throw new CommandLine.ParameterException(cl, "--out " + target + " is also an input ("
                        + in + "); writing it would destroy the input. Choose another output file");
            }
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            return new OutputFile(abs, null);   // /dev/null, /dev/stdout, a pipe: write it in place
        }
        Path folder = abs.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UncheckedIOException("cannot write " + target,
                    new java.nio.file.NoSuchFileException(String.valueOf(folder), null, "the folder does not exist"));
        }
        try {
            Path temp = Files.createTempFile(folder, "." + abs.getFileName() + ".", ".partial");
            return new OutputFile(abs, temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.equals(b) || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return a writer to the temporary file (UTF-8)
     * @throws IOException when it cannot be opened
     */
    Writer writer() throws IOException {
        Writer raw = new OutputStreamWriter(Files.newOutputStream(temp == null ? target : temp), StandardCharsets.UTF_8);
        return new BufferedWriter(new java.io.FilterWriter(raw) {   // a failed write names the output (a full disk)
            @Override
            public void write(int c) throws IOException {
                try {
                    super.write(c);
                } catch (IOException e) {
                    throw named(e);
                }
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                try {
                    super.write(cbuf, off, len);
                } catch (IOException e) {
                    throw named(e);
                }
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                try {
                    super.write(str, off, len);
                } catch (IOException e) {
                    throw named(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    super.flush();
                } catch (IOException e) {
                    throw named(e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } catch (IOException e) {
                    throw named(e);
                }
            }
        }, 1 << 16);
    }

    private IOException named(IOException e) {
        return new IOException("cannot write " + target + ": " + IoMessages.plain(e), e);
    }

    /** Puts the finished output in place. */
    void commit() {
        if (temp == null) {
            committed = true;
            return;
        }
        try {
            keepMode();
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * The temporary file is made readable by its owner only; the output gets the mode of the file it replaces, or
     * the usual mode of a new file (read for all, write for the owner).
     */
    private void keepMode() throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Removes the temporary file unless the output was committed. */
    @Override
    public void close() {
        if (!committed && temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the temporary file stays; it never replaces the target
            }
        }
    }
}
