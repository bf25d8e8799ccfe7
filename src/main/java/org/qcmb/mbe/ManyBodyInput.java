package org.qcmb.mbe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

/**
 * A validated many-body request (QCManyBody's ManyBodyInput after its high-level validation): the molecule,
 * the many-body driver, the normalised bsse list (first = return treatment), the <em>full</em> levels map
 * (every level 1..M named) and optional supersystem model chemistry, rtd, sio, optional embedding charges
 * (index f-1 = fragment f, one charge per atom), one atomic specification per model chemistry label and an
 * optional screening rule (null: every term is computed, as QCManyBody does). Build it with {@link #create}.
 */
public record ManyBodyInput(
        Molecule molecule,
        Driver driver,
        List<BsseType> bsseTypes,
        SortedMap<Integer, String> levels,
        String supersystemMc,
        boolean returnTotalData,
        boolean supersystemIeOnly,
        double[][] embeddingCharges,
        Map<String, AtomicSpecification> specifications,
        ScreeningSpec screening) implements Serializable {

    /** The label a single atomic specification stands for. */
    public static final String AUTO = "(auto)";
    public static final String SUPERSYSTEM = "supersystem";

    /** The core's view: what {@link Planner} and {@link Assembler} need. */
    public ExpansionSpec expansionSpec() {
        return new ExpansionSpec(molecule.fragmentSizes(), bsseTypes, levels, supersystemMc, returnTotalData,
                supersystemIeOnly, embeddingCharges != null);
    }

    /**
     * Plans the tasks: {@link Planner#plan(ExpansionSpec)} on {@link #expansionSpec()}, or with a screening rule
     * {@link Planner#plan(ExpansionSpec, Screening)} (an energy-screened plan is then complete only after
     * {@link Planner#extend} has been given each order's results).
     */
    public Plan plan() {
        if (screening == null) {
            checkUnscreenedSize();
        }
        return screening == null ? Planner.plan(expansionSpec())
                : Planner.plan(expansionSpec(), Screening.of(screening, molecule));
    }

    /** The most fragment calculations an unscreened expansion may plan (about 80 bytes each on the driver). */
    public static final long MAX_UNSCREENED_TASKS = 20_000_000L;

    /**
     * Refuses, before planning, an unscreened expansion whose candidate terms alone (sum over the levels k of C(N, k),
     * times 2^k - 1 for vmfc) exceed {@link #MAX_UNSCREENED_TASKS}: it could never be planned, let alone run.
     */
    private void checkUnscreenedSize() {
        int n = molecule.fragmentCount();
        int top = levels.isEmpty() ? n : levels.lastKey();
        double total = 0;
        double c = 1;
        for (int k = 1; k <= top; k++) {
            c = c * (n - k + 1) / k;
            total += c * (bsseTypes.contains(BsseType.VMFC) ? Math.pow(2, k) - 1 : bsseTypes.size());
        }
        if (total > MAX_UNSCREENED_TASKS) {
            throw new InputException(String.format(java.util.Locale.ROOT, "max_nbody (--max-nbody for XYZ input):"
                    + " %d fragments through %d-body ask for about %.3g fragment calculations, more than the limit of"
                            + " %d for an unscreened expansion: lower max_nbody or add a screening rule"
                            + " (docs/screening.md)", n, top, total, MAX_UNSCREENED_TASKS));
        }
    }

    /** The molecule of a task: real fragments x, ghosts B minus x, parent atom order and frame (bohr). */
    public Molecule subMolecule(FragmentTask task) {
        return molecule.subMolecule(task.real(), task.basis());
    }

    /** The atomic specification of a task's model chemistry. */
    public AtomicSpecification specification(String mc) {
        AtomicSpecification s = specifications.get(mc);
        if (s == null) {
            throw new IllegalArgumentException("no specification for model chemistry '" + mc + "'");
        }
        return s;
    }

    /**
     * External point charges for task x@B (semantics §2.4): every atom of every fragment not in B, as rows
     * {charge, x, y, z} (bohr). Empty without embedding or when B is all fragments.
     */
    public List<double[]> embeddingChargesFor(FragmentTask task) {
        if (embeddingCharges == null) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>();
        int[] basis = task.basis();
        int bi = 0;
        for (int f = 1; f <= molecule.fragmentCount(); f++) {
            if (bi < basis.length && basis[bi] == f) {
                bi++;
                continue;
            }
            int[] atoms = molecule.fragments().get(f - 1);
            double[] q = embeddingCharges[f - 1];
            for (int k = 0; k < Math.min(atoms.length, q.length); k++) {
                int a = atoms[k];
                out.add(new double[] {q[k], molecule.x(a), molecule.y(a), molecule.z(a)});
            }
        }
        return out;
    }

    /**
     * High-level validation and defaults (semantics §1.2, 1.3, 1.5 H1-H7): normalises bsse, expands the abbreviated
     * {@code levels}, resolves {@code max_nbody}, defaults rtd by driver, checks sio and embedding.
     *
     * @param bsse bsse_type entries as given (null = ["cp"])
     * @param levels abbreviated levels: keys "1".."n" or "supersystem" (null = {N: "(auto)"})
     * @param maxNbody null when absent
     * @param rtd null = default (false for energy, true otherwise)
     * @param embedding 1-based fragment key ("1", "2", ...) -> per-atom charges; null when absent
     * @param specs model chemistry label -> specification; a single one is keyed "(auto)"
     * @param prefix field path prefix for messages, e.g. "specification.keywords"
     */
    public static ManyBodyInput create(Molecule molecule, Driver driver, List<String> bsse,
            Map<String, String> levels, Integer maxNbody, Boolean rtd, Boolean sio,
            Map<String, List<Double>> embedding, Map<String, AtomicSpecification> specs, String prefix) {
        return create(molecule, driver, bsse, levels, maxNbody, rtd, sio, embedding, specs, null, prefix);
    }

    /**
     * As {@link #create(Molecule, Driver, List, Map, Integer, Boolean, Boolean, Map, Map, String)}, with the
     * {@code screening} block of the keywords as plain JSON values (null when absent), checked by
     * {@link ScreeningSpec#parse}.
     */
    public static ManyBodyInput create(Molecule molecule, Driver driver, List<String> bsse,
            Map<String, String> levels, Integer maxNbody, Boolean rtd, Boolean sio,
            Map<String, List<Double>> embedding, Map<String, AtomicSpecification> specs, Map<String, ?> screening,
            String prefix) {
        String p = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
        int n = molecule.fragmentCount();
        List<BsseType> bt = BsseType.normalize(bsse == null ? List.of("cp") : bsse, p + "bsse_type");
        double[][] emb = null;
        if (embedding != null) {
            if (embedding.size() != n) {
                throw InputException.field(p + "embedding_charges", "must have entries for each 1-indexed fragment:"
                        + " got " + embedding.size() + " entries for " + n + " fragments");
            }
            emb = new double[n][];
            for (Map.Entry<String, List<Double>> e : embedding.entrySet()) {
                int f;
                try {
                    f = Integer.parseInt(e.getKey().trim());
                } catch (NumberFormatException ex) {
                    f = -1;
                }
                if (f < 1 || f > n) {
                    throw InputException.field(p + "embedding_charges." + e.getKey(), "is not a fragment number"
                            + " 1.." + n + " (must have entries for each 1-indexed fragment)");
                }
                List<Double> q = e.getValue();
                int atoms = molecule.fragments().get(f - 1).length;
                if (q == null || q.size() != atoms) {
                    throw InputException.field(p + "embedding_charges." + e.getKey(), "has "
                            + (q == null ? 0 : q.size()) + " charges but fragment " + f + " has " + atoms
                            + " atoms: give one point charge per atom");
                }
                emb[f - 1] = q.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        boolean retTotal = rtd != null ? rtd : driver != Driver.ENERGY;
        if (emb != null && !retTotal) {
            throw InputException.field(p + "return_total_data", "Cannot return interaction data when using"
                    + " embedding scheme: set return_total_data to true");
        }
        // levels
        TreeMap<Integer, String> intLevels = new TreeMap<>();
        String ss = null;
        if (levels == null || levels.isEmpty()) {
            intLevels.put(n, AUTO);
        } else {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> e : levels.entrySet()) {
                String k = e.getKey().trim();
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw InputException.field(p + "levels." + k, "needs a model chemistry label");
                }
                values.add(e.getValue());
                if (k.equalsIgnoreCase(SUPERSYSTEM)) {
                    ss = e.getValue();
                    continue;
                }
                int lv;
                try {
                    lv = Integer.parseInt(k);
                } catch (NumberFormatException ex) {
                    throw InputException.field(p + "levels." + k, "keys must be n-body levels (1, 2, ...) or"
                            + " \"supersystem\"");
                }
                if (lv < 1) {
                    throw InputException.field(p + "levels." + k, "n-body levels start at 1");
                }
                intLevels.put(lv, e.getValue());
            }
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw InputException.field(p + "levels", "Cannot have duplicate model chemistries in levels: "
                        + values + " (name each level range once, by its highest level)");
            }
            if (intLevels.isEmpty()) {
                throw InputException.field(p + "levels", "names no n-body level: at least one integer level is"
                        + " needed besides \"supersystem\"");
            }
        }
        int lmax = intLevels.lastKey();
        int m = lmax;
        if (maxNbody != null) {
            if (maxNbody < 1 || maxNbody > n) {
                throw InputException.field(p + "max_nbody", "is " + maxNbody + " but should be between 1 and " + n
                        + " (the number of fragments)");
            }
            if (maxNbody != lmax) {
                if (levels != null && !levels.isEmpty() && !specs.containsKey(AUTO)) {
                    throw InputException.field(p + "max_nbody", "is " + maxNbody + " but levels goes up to " + lmax
                            + "; drop max_nbody or make the highest level " + maxNbody);
                }
                // QCManyBody silently replaces levels by {max_nbody: "(auto)"}
                intLevels.clear();
                intLevels.put(maxNbody, AUTO);
                ss = null;
                m = maxNbody;
            }
        }
        if (m > n) {
            throw InputException.field(p + "levels", "goes up to level " + m + " but max_nbody should be between 1"
                    + " and " + n + " (the number of fragments)");
        }
        boolean sioFlag = sio != null && sio;
        if (sioFlag && m != n) {
            throw InputException.field(p + "supersystem_ie_only", "Cannot skip intermediate n-body jobs when"
                    + " max_nbody=" + m + " != nfragments=" + n);
        }
        if (sioFlag && bt.contains(BsseType.VMFC)) {
            throw InputException.field(p + "supersystem_ie_only", "Cannot skip intermediate n-body jobs when VMFC"
                    + " in bsse_type");
        }
        // expand: each key covers previous key + 1 .. key
        SortedMap<Integer, String> full = new TreeMap<>();
        int prev = 0;
        for (Map.Entry<Integer, String> e : intLevels.entrySet()) {
            for (int lv = prev + 1; lv <= e.getKey(); lv++) {
                full.put(lv, e.getValue());
            }
            prev = e.getKey();
        }
        Map<String, AtomicSpecification> used = new LinkedHashMap<>();
        List<String> mcs = new ArrayList<>(new LinkedHashSet<>(full.values()));
        if (ss != null) {
            mcs.add(ss);
        }
        for (String mc : mcs) {
            AtomicSpecification s = specs.get(mc);
            if (s == null) {
                throw InputException.field(p.replace("keywords.", "") + "specification", "has no entry for model"
                        + " chemistry '" + mc + "' named in levels (entries: " + specs.keySet() + ")");
            }
            used.put(mc, s);
        }
        ScreeningSpec screen = screening == null ? null
                : ScreeningSpec.parse(screening, p + "screening", n, sioFlag);
        ManyBodyInput in = new ManyBodyInput(molecule, driver, List.copyOf(bt),
                Collections.unmodifiableSortedMap(full), ss, retTotal, sioFlag, emb,
                Collections.unmodifiableMap(used), screen);
        in.expansionSpec(); // core checks (contiguity, N >= 2, ...)
        return in;
    }
}
