package org.qcmb.molecule;

import java.util.Locale;

/** Chemical elements H..Kr by atomic number; symbols are matched case-insensitively. */
public enum Element {
    H, He, Li, Be, B, C, N, O, F, Ne, Na, Mg, Al, Si, P, S, Cl, Ar,
    K, Ca, Sc, Ti, V, Cr, Mn, Fe, Co, Ni, Cu, Zn, Ga, Ge, As, Se, Br, Kr;

    /** Atomic number Z (nuclear charge). */
    public int atomicNumber() {
        return ordinal() + 1;
    }

    public String symbol() {
        return name();
    }

    /** Row of the periodic table: 1 (H, He), 2 (Li-Ne), 3 (Na-Ar), 4 (K-Kr). */
    public int period() {
        int z = atomicNumber();
        return z <= 2 ? 1 : z <= 10 ? 2 : z <= 18 ? 3 : 4;
    }

    /** Doubly occupied orbitals of the previous noble gas (Psi4's frozen core): 0, 1, 5 or 9 by period. */
    public int coreOrbitals() {
        return switch (period()) {
            case 1 -> 0;
            case 2 -> 1;
            case 3 -> 5;
            default -> 9;
        };
    }

    /** Looks up an element by symbol ("o", "O", "HE"); throws {@link IllegalArgumentException} naming it if unknown. */
    public static Element of(String symbol) {
        String s = symbol == null ? "" : symbol.trim();
        if (!s.isEmpty()) {
            String title = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            for (Element e : values()) {
                if (e.name().equals(title)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
    }

    public static Element ofAtomicNumber(int z) {
        if (z < 1 || z > values().length) {
            throw new IllegalArgumentException("no element with atomic number " + z);
        }
        return values()[z - 1];
    }
}
