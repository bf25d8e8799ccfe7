package org.qcmb.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * The fragment results of one input, kept in a run's output folder so an interrupted or failed run can resume:
 * {@code DIR/fragments/ID/} (ID = the first 16 hex digits of the input's fingerprint) holds {@code fingerprint}
 * (the input's full fingerprint), {@code level-NNN.jsonl} with one successful result per line (its label, its
 * per-fragment content hash, then the QCSchema AtomicResult, {@link AtomicCodec}) and, once the run's result.json
 * is written, {@code result.sha256} (the SHA-256 of that result.json). Doubles are written in their shortest
 * round-trip form, so a resumed run reads back bitwise the numbers it computed. Which stores an output folder
 * keeps, and when, is the run's business (run/OutputFolder).
 */
public final class FragmentStore {
    /** The fingerprint file of a store. */
    public static final String FINGERPRINT = "fingerprint";
    private static final String RESULT_SHA = "result.sha256";

    /** One stored result: its label, its content hash ({@link InputFingerprint#ofFragment}; null in old lines). */
    public record Entry(String label, String hash, AtomicResult result) {
    }

    private final Path dir;
    private final String fingerprint;

    private FragmentStore(Path dir, String fingerprint) {
        this.dir = dir;
        this.fingerprint = fingerprint;
    }

    /** The folder of an input's store inside an output folder: DIR/fragments/ID. */
    public static Path location(Path outDir, String fingerprint) {
        return outDir.resolve("fragments").resolve(fingerprint.length() > 16 ? fingerprint.substring(0, 16)
                : fingerprint);
    }

    /** Opens (creating if needed) the store of an input at dir; a store there of another input is an error. */
    public static FragmentStore create(Path dir, String fingerprint) {
        FragmentStore existing = existing(dir);
        if (existing != null) {
            if (!existing.fingerprint.equals(fingerprint)) {
                throw new InputException(dir + " holds fragment results of another input (fingerprint "
                        + existing.fingerprint + ")");
            }
            return existing;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFile.write(dir.resolve(FINGERPRINT), fingerprint + "\n");
        return new FragmentStore(dir, fingerprint);
    }

    /** The store at dir, or null when dir holds none (no fingerprint file). */
    public static FragmentStore existing(Path dir) {
        Path stamp = dir.resolve(FINGERPRINT);
        if (!Files.isRegularFile(stamp)) {
            return null;
        }
        try {
            return new FragmentStore(dir, Files.readString(stamp, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stamp + ": " + e.getMessage(), e);
        }
    }

    /** Every store under DIR/fragments (one folder each), in folder-name order. */
    public static List<FragmentStore> all(Path outDir) {
        Path root = outDir.resolve("fragments");
        List<FragmentStore> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                FragmentStore s = existing(d);
                if (s != null) {
                    out.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Every stored result in file order (levels ascending); a line cut short by a crash is skipped. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Path f : levelFiles()) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n;
                    try {
                        n = QcJson.mapper().readTree(line);
                    } catch (IOException partialLine) {
                        continue; // a line cut short by a crash: that fragment is simply recomputed
                    }
                    out.add(new Entry(n.path("label").asText(), n.hasNonNull("hash") ? n.get("hash").asText() : null,
                            fromJson(n)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Every stored result by label (all levels). */
    public Map<String, AtomicResult> load() {
        Map<String, AtomicResult> out = new LinkedHashMap<>();
        entries().forEach(e -> out.put(e.label(), e.result()));
        return out;
    }

    /** The number of stored lines (results, and at most one line per level cut short by a crash). */
    public long count() {
        long n = 0;
        for (Path f : levelFiles()) {
            try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                n += lines.filter(l -> !l.isBlank()).count();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return n;
    }

    /** Whether any result is stored (cheap: a non-empty level file). */
    public boolean hasResults() {
        for (Path f : levelFiles()) {
            try {
                if (Files.size(f) > 0) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return false;
    }

    private List<Path> levelFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Appends a level's successful results (in the given order) and forces them to disk. */
    public void append(int level, Collection<Entry> results) {
        Path f = dir.resolve(String.format("level-%03d.jsonl", level));
        boolean cutShort = endsWithoutNewline(f);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (cutShort) {
                w.newLine(); // a crash left half a line: start on a fresh one
            }
            for (Entry e : results) {
                if (e.result().success()) {
                    w.write(QcJson.mapper().writeValueAsString(toJson(e)));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** Records that DIR/result.json (with this SHA-256) is this input's result. */
    public void markResult(String resultSha256) {
        AtomicFile.write(dir.resolve(RESULT_SHA), resultSha256 + "\n");
    }

    /** The SHA-256 of the result.json this store's input produced, or null. */
    public String resultSha256() {
        Path f = dir.resolve(RESULT_SHA);
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
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

    /** One line: the label, the content hash, then the result as a QCSchema v1 AtomicResult (without its input). */
    static ObjectNode toJson(Entry e) {
        ObjectNode n = QcJson.mapper().createObjectNode();
        n.put("label", e.label());
        if (e.hash() != null) {
            n.put("hash", e.hash());
        }
        n.setAll(AtomicCodec.writeResult(null, e.result(), SchemaVersion.V1));
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
