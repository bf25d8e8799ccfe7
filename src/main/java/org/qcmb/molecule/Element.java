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

    /** Mass of the most abundant isotope (u), QCElemental's default molecule masses (used for centres of mass). */
    public double mass() {
        return MASSES[ordinal()];
    }

    private static final double[] MASSES = {1.00782503223, 4.00260325413, 7.0160034366, 9.012183065, 11.00930536,
        12.0, 14.00307400443, 15.99491461957, 18.99840316273, 19.9924401762, 22.989769282, 23.985041697,
        26.98153853, 27.97692653465, 30.97376199842, 31.9720711744, 34.968852682, 39.9623831237, 38.9637064864,
        39.962590863, 44.95590828, 47.94794198, 50.94395704, 51.94050623, 54.93804391, 55.93493633, 58.93319429,
        57.93534241, 62.92959772, 63.92914201, 68.9255735, 73.921177761, 74.92159457, 79.9165218, 78.9183376,
        83.9114977282};

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
