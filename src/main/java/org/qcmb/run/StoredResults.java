package org.qcmb.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Provenance;
import org.qcmb.spark.FragmentContext;

/**
 * The stored fragment results a run may reuse, by {@link OutputMode}: with --resume, this input's stores by label
 * (the same input gives the same calculation under the same label); with --accept-changed-input also every store by
 * per-fragment content hash ({@link InputFingerprint#ofFragment}), so a fragment is reused only where its
 * sub-molecule, ghosts, charges, model, keywords, program and driver are identical. A result reused from a store
 * other than the run's own is copied into it ({@link #copyInto}), so the run's store is complete when older
 * stores are removed after success.
 */
final class StoredResults {
    private final FragmentContext context;
    private final OutputMode mode;
    private final Map<String, FragmentStore.Entry> byLabel = new HashMap<>();
    private final Map<String, FragmentStore.Entry> byHash = new HashMap<>();
    private final java.util.Set<String> inOwnStore = new java.util.HashSet<>();
    private final List<String> reusedByContent = new ArrayList<>();
    private final Map<Integer, List<FragmentStore.Entry>> toCopy = new TreeMap<>();
    /** The engine that computes a model chemistry now, by model chemistry. */
    private final Map<String, EngineId> engines = new HashMap<>();
    private int available;
    private int otherVersion;

    StoredResults(OutputFolder folder, String fingerprint, OutputMode mode, FragmentContext context) {
        this.context = context;
        this.mode = mode;
        if (mode == OutputMode.RESUME || mode == OutputMode.RESUME_CHANGED_INPUT) {
            List<FragmentStore> stores = new ArrayList<>(folder.previous());
            stores.add(folder.store()); // last: its own results win
            for (FragmentStore s : stores) {
                if (mode == OutputMode.RESUME && !s.fingerprint().equals(fingerprint)) {
                    continue;
                }
                boolean own = s == folder.store();
                for (FragmentStore.Entry e : s.entries()) {
                    available++;
                    if (s.fingerprint().equals(fingerprint)) {
                        byLabel.put(e.label(), e);
                        if (own) {
                            inOwnStore.add(e.label());
                        }
                    }
                    if (mode == OutputMode.RESUME_CHANGED_INPUT && e.hash() != null) {
                        byHash.put(e.hash(), e);
                    }
                }
            }
        }
    }

    /** Stored results the mode may draw on (this input's with --resume, every store's with a changed input). */
    int available() {
        return available;
    }

    /** The stored result for a task, or null: by label (same input), else by content hash (changed input). */
    AtomicResult lookup(FragmentTask task) {
        if (mode == OutputMode.NEW || mode == OutputMode.OVERWRITE) {
            return null;
        }
        FragmentStore.Entry e = byLabel.get(task.label());
        if (e != null && e.result().success() && sameEngine(task, e.result())) {
            if (!inOwnStore.contains(task.label())) {
                copy(task, e.hash() != null ? e.hash() : hash(task), e.result());
            }
            return e.result();
        }
        if (mode != OutputMode.RESUME_CHANGED_INPUT || byHash.isEmpty()) {
            return null;
        }
        String hash = hash(task);
        e = byHash.get(hash);
        if (e == null || !e.result().success() || !sameEngine(task, e.result())) {
            return null;
        }
        reusedByContent.add(task.label());
        copy(task, hash, e.result());
        return e.result();
    }

    /**
     * Whether the engine that would compute the task now is the one, at the same version, that computed the stored
     * result: another version may give other numbers (the builtin engine 0.2.0 density-fits by default where 0.1.0
     * used exact integrals), and one expansion must not mix them. A result of another version is recomputed.
     */
    private boolean sameEngine(FragmentTask task, AtomicResult r) {
        Provenance p = r.provenance();
        if (p == null) {
            return true;
        }
        EngineId now = engines.computeIfAbsent(task.mc(), this::engineNow);
        if (p.program().equals(now.name()) && p.version().equals(now.version())) {
            return true;
        }
        otherVersion++;
        return false;
    }

    private EngineId engineNow(String mc) {
        FragmentEngine e = context.engine(mc);
        return new EngineId(e.name(), e.version());
    }

    private record EngineId(String name, String version) {
    }

    /** Stored results passed over because another engine or engine version computed them. */
    int otherVersion() {
        return otherVersion;
    }

    private void copy(FragmentTask task, String hash, AtomicResult r) {
        toCopy.computeIfAbsent(task.level(), k -> new ArrayList<>())
                .add(new FragmentStore.Entry(task.label(), hash, r));
        inOwnStore.add(task.label());
    }

    /** The content hash of a task's calculation. */
    String hash(FragmentTask task) {
        return InputFingerprint.ofFragment(context.input().specification(task.mc()).program(),
                context.inputFor(task));
    }

    /** Labels reused through an identical content hash under a changed input (for reused-fragments.txt). */
    List<String> reusedByContent() {
        return reusedByContent;
    }

    /** Appends the results reused from other stores to the run's own store, level by level. */
    void copyInto(FragmentStore store) {
        toCopy.forEach(store::append);
        toCopy.clear();
    }
}
