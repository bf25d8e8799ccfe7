package org.qcmb.engine.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.qcmb.molecule.Molecule;

/** The Psi4 1.3.2 reference cases of src/test/resources/reference/ (psi4-exact.json, psi4-extra.json, psi4-df.json). */
public final class ReferenceCases {
    public record Case(String name, Molecule molecule, String method, String basis, String driver, double energy,
                       Double scfEnergy, double[] gradient, double nuclearRepulsion, int nbasis,
                       java.util.Map<String, Object> keywords, Fitting fitting) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The auxiliary sets Psi4 used (psi4-df.json): name, size, spherical; the MP2 ones null for HF cases. */
    public record Fitting(String scfName, int scfSize, boolean scfPure, String mp2Name, Integer mp2Size,
                          Boolean mp2Pure) {
    }

    private ReferenceCases() {
    }

    /** The density-fitted cases of psi4-df.json (Psi4 1.3.2 defaults: scf_type df, mp2_type df). */
    public static List<Case> df() {
        return load("/reference/psi4-df.json");
    }

    /**
     * More density-fitted cases (psi4-df-extra.json, psi4-df-extra-generator.py): frozen core, STO-3G MP2 fitting
     * fallback, 6-31+G*, conventional MP2 on a DF reference, user fitting sets, Cartesian fitting, a ghost atom,
     * charged ion-water pairs (Li+, Na+, Mg2+: def2-qzvpp fitting fallbacks; Cl-, Br-) and two waters 50 A apart
     * (occupied orbitals degenerate in pairs).
     */
    public static List<Case> dfExtra() {
        return load("/reference/psi4-df-extra.json");
    }

    /** The cases of psi4-exact.json (the acceptance set). */
    public static List<Case> all() {
        return load("/reference/psi4-exact.json");
    }

    /** Extra cases generated with the same Psi4 (f functions, diffuse ghosts, frozen-core MP2): psi4-extra.json. */
    public static List<Case> extra() {
        return load("/reference/psi4-extra.json");
    }

    @SuppressWarnings("unchecked")
    static List<Case> load(String resource) {
        try (InputStream in = ReferenceCases.class.getResourceAsStream(resource)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> out = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                List<String> sym = new ArrayList<>();
                c.get("symbols").forEach(s -> sym.add(s.asText()));
                double[] geom = doubles(c.get("geometry"));
                boolean[] real = new boolean[sym.size()];
                for (int i = 0; i < real.length; i++) {
                    real[i] = c.get("real").get(i).asBoolean();
                }
                int charge = c.get("charge").asInt(), mult = c.get("multiplicity").asInt();
                Molecule m = Molecule.of(sym, geom, charge, mult);
                m = new Molecule(m.symbols(), m.geometry(), real, m.fragments(), m.fragmentCharges(),
                        m.fragmentMultiplicities(), charge, mult);
                out.add(new Case(c.get("name").asText(), m, c.get("method").asText(), c.get("basis").asText(),
                        c.get("driver").asText(), c.get("energy").asDouble(),
                        c.has("scf_energy") ? c.get("scf_energy").asDouble() : null,
                        c.has("gradient") ? doubles(c.get("gradient")) : null,
                        c.get("nuclear_repulsion_energy").asDouble(), c.get("nbasis").asInt(),
                        c.has("keywords") ? new ObjectMapper().convertValue(c.get("keywords"), java.util.Map.class)
                                : java.util.Map.of(), fitting(c)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fitting fitting(JsonNode c) {
        if (!c.has("df_basis_scf")) {
            return null;
        }
        boolean mp2 = c.has("df_basis_mp2");
        return new Fitting(c.get("df_basis_scf").asText(), c.get("naux_scf").asInt(),
                c.get("df_scf_spherical").asBoolean(), mp2 ? c.get("df_basis_mp2").asText() : null,
                mp2 ? c.get("naux_mp2").asInt() : null, mp2 ? c.get("df_mp2_spherical").asBoolean() : null);
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }
}
