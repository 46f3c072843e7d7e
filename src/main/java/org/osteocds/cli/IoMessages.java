package org.osteocds.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Input and output errors in plain words, naming the file: never a stack trace for a missing folder. */
final class IoMessages {
    private IoMessages() {
    }

    static String describe(Throwable t) {
        IOException io = t instanceof UncheckedIOException u ? u.getCause() : t instanceof IOException e ? e : null;
        if (io == null) {
            return String.valueOf(t.getMessage());
        }
        String context = t instanceof UncheckedIOException u && u.getMessage() != null
                && !u.getMessage().equals(io.toString()) ? u.getMessage() + ": " : "";
        return context + plain(io);
    }

    static String plain(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof NotDirectoryException n) {
            return n.getFile() + ": not a folder";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be read or written" : f.getReason());
        }
        if (e instanceof CharacterCodingException) {
            return "not valid text in the detected encoding";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
