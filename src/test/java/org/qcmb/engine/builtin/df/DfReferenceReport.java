package org.qcmb.engine.builtin.df;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.Model;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.engine.builtin.ReferenceCases;

/**
 * Prints |dE| and max |dG| of every psi4-df.json and psi4-df-extra.json case against the builtin engine (the
 * settings of DfReferenceTest, which asserts 1e-8 / 1e-7). A reporting aid for the figures in the docs.
 */
public final class DfReferenceReport {
    private DfReferenceReport() {
    }

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "%-45s %-8s %10s %10s%n", "case", "driver", "|dE| Eh", "max|dG|");
        Stream.concat(ReferenceCases.df().stream(), ReferenceCases.dfExtra().stream()).forEach(c -> {
            Map<String, Object> kw = new HashMap<>(Map.of("e_convergence", 1e-11, "d_convergence", 1e-10));
            kw.putAll(c.keywords());
            Driver d = Driver.parse(c.driver());
            AtomicResult r = new BuiltinEngine().compute(new AtomicInput(c.molecule(), d,
                    new Model(c.method(), c.basis()), kw, List.of()));
            double dg = Double.NaN;
            if (c.gradient() != null && r.gradient() != null) {
                dg = 0;
                for (int i = 0; i < c.gradient().length; i++) {
                    dg = Math.max(dg, Math.abs(r.gradient()[i] - c.gradient()[i]));
                }
            }
            System.out.printf(Locale.ROOT, "%-45s %-8s %10.1e %10.1e%n", c.name(), c.driver(),
                    r.success() ? Math.abs(r.energy() - c.energy()) : Double.NaN, dg);
        });
    }
}
