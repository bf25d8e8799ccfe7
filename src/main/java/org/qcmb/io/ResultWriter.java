package org.qcmb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.qcmb.qcschema.QcJson;

/** Writes result documents as JSON: fixed key order, numeric arrays on one line, trailing newline. */
public final class ResultWriter {
    private ResultWriter() {
    }

    public static String toJson(Map<String, Object> document) {
        try {
            return QcJson.documentWriter().writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes (overwriting) via a temporary file in the same folder, so a failed write leaves no partial file. */
    public static void write(Map<String, Object> document, Path file) throws IOException {
        String json = toJson(document);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".qcmb-", ".tmp");
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
