package org.qcmb.common;

import java.util.Locale;

/**
 * The electronic-structure method of a model chemistry, by family. The aliases are the names inputs use
 * ("scf" and "rhf" both mean Hartree-Fock); every other name is {@link #OTHER}: a method some program (Psi4)
 * may know, passed to it as written. This is the one place method names are interpreted, for the engines and
 * for the cost model alike.
 */
public enum Method {
    /** Hartree-Fock (self-consistent field): mean-field cost. */
    HF("hf", "scf", "rhf"),
    /** Second-order Moller-Plesset perturbation theory. */
    MP2("mp2"),
    /** Any other method name (e.g. "b3lyp", "ccsd(t)"): correlated until known otherwise. */
    OTHER;

    private final String[] names;

    Method(String... names) {
        this.names = names;
    }

    /** The family of a method name (case and surrounding blanks ignored); null or unknown names are OTHER. */
    public static Method of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            for (String alias : m.names) {
                if (alias.equals(n)) {
                    return m;
                }
            }
        }
        return OTHER;
    }

    /** True for mean-field methods, whose cost the scheduler counts once; correlated methods count more. */
    public boolean meanField() {
        return this == HF;
    }
}
