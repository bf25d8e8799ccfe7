package org.qcmb.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qcmb.io.AtomicFile;
import org.qcmb.io.FragmentStore;

/**
 * A run's output folder: {@code result.json} (written whole, only on success), {@code failed-fragments.txt},
 * the fragment store for resume ({@code fragments/}) and the Spark event log ({@code spark-events/}). Opening it
 * removes the previous run's result and failure list, so what is there afterwards belongs to this run.
 */
final class OutputFolder {
    private final Path dir;
    private final FragmentStore store;

    private OutputFolder(Path dir, FragmentStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** Opens DIR for an input; fragment results of another input are refused (see {@link FragmentStore}). */
    static OutputFolder open(Path dir, String fingerprint, boolean resume) {
        FragmentStore store = FragmentStore.open(dir, fingerprint, resume);
        OutputFolder folder = new OutputFolder(dir, store);
        deleteIfExists(folder.resultFile());
        deleteIfExists(folder.failureFile());
        return folder;
    }

    FragmentStore store() {
        return store;
    }

    Path resultFile() {
        return dir.resolve("result.json");
    }

    Path failureFile() {
        return dir.resolve("failed-fragments.txt");
    }

    Path eventLog() {
        return dir.resolve("spark-events");
    }

    void writeResult(String json) {
        AtomicFile.write(resultFile(), json);
    }

    void writeFailures(String text) {
        AtomicFile.write(failureFile(), text);
    }

    private static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p, e);
        }
    }
}
