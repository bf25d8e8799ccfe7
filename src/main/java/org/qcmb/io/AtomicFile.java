package org.qcmb.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then an atomic rename. The temporary file
 * gets the folder's default permissions (umask: usually 0644, as every other output), is removed when the write
 * fails, and is also removed if the JVM exits during the write (SIGTERM); the output folder removes those a
 * kill -9 leaves ({@code .NAME.*.tmp}).
 */
public final class AtomicFile {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private AtomicFile() {
    }

    /** Writes (overwriting) content, creating missing parent folders; readers never see half a file. */
    public static void write(Path file, String content) {
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            Files.createFile(tmp); // not createTempFile, whose 0600 would make result.json unreadable to others
            tmp.toFile().deleteOnExit();
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename succeeded or the write failed and was reported: a stray temp file is harmless
                }
            }
        }
    }
}
