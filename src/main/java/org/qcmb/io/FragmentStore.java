package org.qcmb.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.qcmb.common.InputException;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.SchemaVersion;

/**
 * The fragment results of a run, kept in its output directory so an interrupted run can resume:
 * {@code DIR/fragments/fingerprint} names the input they belong to, {@code DIR/fragments/level-N.jsonl} holds one
 * successful result per line: its label, then the QCSchema AtomicResult ({@link AtomicCodec}). Doubles are written
 * in their shortest round-trip form, so a resumed run reads back bitwise the numbers it computed.
 */
public final class FragmentStore {
    private final Path dir;
    private final String fingerprint;

    private FragmentStore(Path dir, String fingerprint) {
        this.dir = dir;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens DIR/fragments for an input. Fragment results of a different input are refused; without resume,
     * results of the same input are discarded so the run starts afresh.
     */
    public static FragmentStore open(Path outDir, String fingerprint, boolean resume) {
        Path dir = outDir.resolve("fragments");
        try {
            if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
                throw new InputException("--out " + outDir + " is a file, not a directory");
            }
            Path stamp = dir.resolve("fingerprint");
            if (Files.isRegularFile(stamp)) {
                String old = Files.readString(stamp, StandardCharsets.UTF_8).strip();
                if (!old.equals(fingerprint)) {
                    throw new InputException("--out " + outDir + " holds fragment results of a different input"
                            + " (fingerprint " + abbreviate(old) + ", this input " + abbreviate(fingerprint)
                            + "): choose another output directory or delete " + dir);
                }
                if (!resume) {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : files.toList()) {
                            Files.delete(f);
                        }
                    }
                }
            } else if (resume && Files.isDirectory(dir)) {
                throw new InputException("--resume: " + dir + " has no fingerprint file; it was not written by qcmb");
            }
            Files.createDirectories(dir);
            Files.writeString(stamp, fingerprint + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        return new FragmentStore(dir, fingerprint);
    }

    private static String abbreviate(String fp) {
        return fp.length() > 12 ? fp.substring(0, 12) : fp;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Every stored result by label (all levels). */
    public Map<String, AtomicResult> load() {
        Map<String, AtomicResult> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> levels = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            for (Path f : levels) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = QcJson.mapper().readTree(line);
                    } catch (IOException partialLine) {
                        continue; // a line cut short by a crash: that fragment is simply recomputed
                    }
                    out.put(n.get("label").asText(), fromJson(n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Appends a level's successful results (in the given order) and forces them to disk. */
    public void append(int level, Collection<Map.Entry<String, AtomicResult>> results) {
        Path f = dir.resolve(String.format("level-%03d.jsonl", level));
        boolean cutShort = endsWithoutNewline(f);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (cutShort) {
                w.newLine(); // a crash left half a line: start on a fresh one
            }
            for (Map.Entry<String, AtomicResult> e : results) {
                if (e.getValue().success()) {
                    w.write(QcJson.mapper().writeValueAsString(toJson(e.getKey(), e.getValue())));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithoutNewline(Path f) {
        try {
            if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                return false;
            }
            try (var ch = Files.newByteChannel(f)) {
                ch.position(ch.size() - 1);
                java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
                ch.read(last);
                return last.get(0) != '\n';
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** One line: the label, then the result as a QCSchema v1 AtomicResult (without its input). */
    static ObjectNode toJson(String label, AtomicResult r) {
        ObjectNode n = QcJson.mapper().createObjectNode();
        n.put("label", label);
        n.setAll(AtomicCodec.writeResult(null, r, SchemaVersion.V1));
        return n;
    }

    static AtomicResult fromJson(JsonNode n) {
        if (!n.has("schema_name")) {
            throw new InputException("--resume: " + n.path("label").asText("a line") + " in the fragment store was"
                    + " written by an older qcmb in another format: delete the fragments folder and run again");
        }
        return AtomicCodec.readResult(n);
    }
}
