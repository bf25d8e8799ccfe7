package org.qcmb.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.qcmb.common.InputException;
import org.qcmb.io.AtomicFile;
import org.qcmb.io.FragmentStore;

/**
 * A run's output folder ({@code --out DIR}): {@code result.json} (replaced atomically, only when a run succeeds),
 * {@code failed-fragments.txt}, {@code reused-fragments.txt} (with --accept-changed-input), the fragment stores
 * for resume ({@code fragments/ID/}, one per input, {@link FragmentStore}), {@code spark-events/} and the lock
 * {@code .qcmb-lock} ({@link OutputLock}).
 *
 * <p>Opening takes the lock, then decides from what the folder holds and the {@link OutputMode}, all before
 * Spark starts: a folder with results (a result.json or stored fragments) is refused unless the mode says what to
 * do with them. Nothing is deleted before the new run has succeeded: another input's stores, a store of this input
 * replaced by --overwrite, and the old result stay until {@link #writeResult}, which replaces result.json atomically
 * and only then removes them.
 */
final class OutputFolder implements AutoCloseable {
    static final String RESULT = "result.json";
    static final String FAILURES = "failed-fragments.txt";
    static final String REUSED = "reused-fragments.txt";
    private static final List<String> OWN_FILES = List.of(RESULT, FAILURES, REUSED, FragmentStore.FINGERPRINT,
            "result.sha256");

    private final Path dir;
    private final boolean created;
    private final OutputLock lock;
    private final FragmentStore store;
    private final List<FragmentStore> previous;

    private OutputFolder(Path dir, boolean created, OutputLock lock, FragmentStore store,
            List<FragmentStore> previous) {
        this.dir = dir;
        this.created = created;
        this.lock = lock;
        this.store = store;
        this.previous = previous;
    }

    /**
     * Opens DIR for an input (creating it), under its lock; refuses, with a message that says what to add, a folder
     * whose results the mode does not cover. Every problem is an {@link InputException} naming --out.
     */
    static OutputFolder open(Path dir, String fingerprint, OutputMode mode) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException("--out " + dir + " is a file, not a directory");
        }
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException("--out " + dir + ": cannot create the directory (" + reason(e) + ")");
        }
        OutputLock lock = OutputLock.acquire(dir);
        try {
            removeStaleTemporaries(dir);
            migrateSingleStore(dir);
            Path location = FragmentStore.location(dir, fingerprint);
            List<FragmentStore> same = new ArrayList<>();
            List<FragmentStore> others = new ArrayList<>();
            for (FragmentStore s : FragmentStore.all(dir)) {
                if (s.hasResults()) {
                    (s.fingerprint().equals(fingerprint) ? same : others).add(s);
                }
            }
            refuseWhatTheModeDoesNotCover(dir, fingerprint, mode, same, others);
            List<FragmentStore> previous = new ArrayList<>(others);
            for (FragmentStore s : same) {
                if (!s.dir().equals(location)) {
                    previous.add(s);
                }
            }
            if (mode == OutputMode.OVERWRITE && FragmentStore.existing(location) != null) {
                // kept aside, not deleted, until the new run has succeeded
                Path aside = location.resolveSibling(location.getFileName() + ".replaced-"
                        + System.currentTimeMillis());
                Files.move(location, aside);
                previous.add(FragmentStore.existing(aside));
            }
            FragmentStore store = FragmentStore.create(location, fingerprint); // under the lock: check and write
            return new OutputFolder(dir, created, lock, store, previous);
        } catch (IOException | UncheckedIOException | InputException e) {
            lock.close();
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException("--out " + dir + ": " + reason(e instanceof UncheckedIOException u
                    ? u.getCause() : (IOException) e));
        }
    }

    private static void refuseWhatTheModeDoesNotCover(Path dir, String fingerprint, OutputMode mode,
            List<FragmentStore> same, List<FragmentStore> others) {
        if (mode == OutputMode.OVERWRITE || mode == OutputMode.RESUME_CHANGED_INPUT) {
            return;
        }
        if (!others.isEmpty() && same.isEmpty()) {
            FragmentStore o = others.get(0);
            throw new InputException("--out " + dir + " holds fragment results of a different input (fingerprint "
                    + abbreviate(o.fingerprint()) + ", this input " + abbreviate(fingerprint) + "): add --resume"
                    + " --accept-changed-input to reuse those whose calculation is unchanged, --overwrite to start"
                    + " afresh (they are kept until the new run succeeds), or choose another --out");
        }
        if (mode == OutputMode.RESUME) {
            return;
        }
        Path result = dir.resolve(RESULT);
        boolean resultExists = Files.isRegularFile(result);
        if (!same.isEmpty()) {
            long n = 0;
            boolean ours = false;
            String sha = resultExists ? sha256(result) : null;
            for (FragmentStore s : same) {
                n += s.count();
                ours |= sha != null && sha.equals(s.resultSha256());
            }
            if (ours) {
                throw new InputException("--out " + dir + " already holds the result of this input: add --resume to"
                        + " reuse its " + n + " stored fragment result" + (n == 1 ? "" : "s") + ", --overwrite to"
                        + " compute it again (the old result is kept until the new one is written), or choose"
                        + " another --out");
            }
            throw new InputException("--out " + dir + " holds " + n + " stored fragment result" + (n == 1 ? "" : "s")
                    + " of this input from a run that did not finish: add --resume to reuse them, or --overwrite"
                    + " to start afresh");
        }
        if (resultExists) {
            throw new InputException("--out " + dir + " holds a result.json of another input: add --overwrite to"
                    + " replace it once the new run succeeds, or choose another --out");
        }
    }

    /** This input's store (new results are appended here). */
    FragmentStore store() {
        return store;
    }

    /**
     * Every other store of the folder: other inputs' (read by --accept-changed-input), earlier stores of this input
     * (read by --resume) and a store this run replaces (--overwrite); all are removed once this run succeeds.
     */
    List<FragmentStore> previous() {
        return previous;
    }

    Path dir() {
        return dir;
    }

    Path resultFile() {
        return dir.resolve(RESULT);
    }

    Path failureFile() {
        return dir.resolve(FAILURES);
    }

    Path reusedFile() {
        return dir.resolve(REUSED);
    }

    Path eventLog() {
        return dir.resolve("spark-events");
    }

    /**
     * The run succeeded: records which input the result belongs to, replaces result.json atomically, and only then
     * removes what the result supersedes (other inputs' stores, a replaced store, the old failure list).
     */
    void writeResult(String json) {
        store.markResult(sha256(json.getBytes(StandardCharsets.UTF_8)));
        AtomicFile.write(resultFile(), json);
        for (FragmentStore p : previous) {
            deleteRecursively(p.dir());
        }
        deleteIfExists(failureFile());
    }

    void writeFailures(String text) {
        AtomicFile.write(failureFile(), text);
    }

    void writeReused(String text) {
        AtomicFile.write(reusedFile(), text);
    }

    /** Removes a reused-fragments.txt an earlier run left (this run reused nothing by content). */
    void clearReused() {
        deleteIfExists(reusedFile());
    }

    /**
     * Undoes what opening wrote when the run stops before computing anything (Spark could not start): this input's
     * empty store, an empty event-log folder, and the folder itself if this run created it, so a refused run leaves
     * nothing behind. Stored results and anything else are kept.
     */
    void discardIfUnused() {
        if (store.hasResults()) {
            return;
        }
        try {
            deleteRecursively(store.dir());
            deleteIfEmpty(dir.resolve("fragments"));
            deleteIfEmpty(eventLog());
            if (created) {
                lock.close();
                Files.deleteIfExists(dir.resolve(OutputLock.FILE));
                deleteIfEmpty(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: the run's own error is the one to report
        }
    }

    private static void deleteIfEmpty(Path d) throws IOException {
        if (Files.isDirectory(d)) {
            try (Stream<Path> s = Files.list(d)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(d);
        }
    }

    @Override
    public void close() {
        lock.close();
    }

    /** The temporary files of writes a killed run left behind (".result.json.123.tmp" and the like). */
    private static void removeStaleTemporaries(Path dir) throws IOException {
        List<Path> folders = new ArrayList<>(List.of(dir));
        Path fragments = dir.resolve("fragments");
        if (Files.isDirectory(fragments)) {
            try (Stream<Path> s = Files.list(fragments)) {
                folders.addAll(s.filter(Files::isDirectory).toList());
            }
        }
        for (Path folder : folders) {
            try (Stream<Path> s = Files.list(folder)) {
                for (Path f : s.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".tmp")
                            && OWN_FILES.stream().anyMatch(own -> name.startsWith("." + own))) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** Earlier versions kept one store directly in DIR/fragments: it moves (unchanged) to its own folder. */
    private static void migrateSingleStore(Path dir) throws IOException {
        Path fragments = dir.resolve("fragments");
        FragmentStore old = FragmentStore.existing(fragments);
        if (old == null) {
            return;
        }
        Path target = FragmentStore.location(dir, old.fingerprint());
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(fragments)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".jsonl")) {
                    Files.move(f, target.resolve(name));
                }
            }
        }
        Files.move(fragments.resolve(FragmentStore.FINGERPRINT), target.resolve(FragmentStore.FINGERPRINT));
    }

    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String fp) {
        return fp.length() > 12 ? fp.substring(0, 12) : fp;
    }

    /** A file-system error in a few words: "permission denied", "read-only file system", "no space left". */
    static String reason(IOException e) {
        String r = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return r.toLowerCase(Locale.ROOT);
    }

    private static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
