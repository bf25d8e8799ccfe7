package org.qcmb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.io.InputReader;
import org.qcmb.io.XyzOptions;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ManyBodyInput;

/**
 * One system of the accuracy category: an XYZ cluster (one fragment per molecule), an energy expansion through
 * maxNbody under one treatment and model chemistry, and the screening rules to compare with the unscreened
 * expansion. The input is read exactly as {@code qcmb run FILE.xyz --bsse B --max-nbody M --method METHOD --basis
 * BASIS --program PROGRAM --return-total-data true} reads it, so a run of that command into the case's cache folder
 * is a valid reference for it.
 *
 * @param key the cache folder's name, e.g. water16-mbe4-nocp-hf-sto-3g
 * @param name the case as the figures name it, e.g. "16 H2O hf/sto-3g nocp4"
 * @param xyz the XYZ text (angstrom, '--' between fragments)
 * @param validate the variant also run for real (its energy and engine time against the estimate), or null
 */
record AccuracyCase(String key, String name, String xyz, int maxNbody, BsseType bsse, String method, String basis,
        String program, List<Variant> variants, String validate) {

    /** A screening rule to compare: a short name for the figures and the {@code screening} block. */
    record Variant(String name, Map<String, Object> screening) {
        /** Distance cutoffs (angstrom) for orders 2, 3, ... in turn, closest atoms; then energy thresholds. */
        static Variant of(double[] distance, Map<Integer, Double> energy) {
            Map<String, Object> block = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            if (distance != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                List<String> cut = new ArrayList<>();
                for (int i = 0; i < distance.length; i++) {
                    d.put(String.valueOf(i + 2), distance[i]);
                    cut.add(trim(distance[i]));
                }
                block.put("distance", d);
                parts.add("d " + String.join("/", cut));
            }
            if (energy != null && !energy.isEmpty()) {
                Map<String, Object> e = new LinkedHashMap<>();
                energy.forEach((k, v) -> e.put(String.valueOf(k), v));
                block.put("energy", e);
                double first = energy.values().iterator().next();
                boolean same = energy.values().stream().allMatch(v -> v == first);
                parts.add("e" + (same ? String.join(",", energy.keySet().stream().map(String::valueOf).toList())
                        + " " + threshold(first) : energy.toString()));
            }
            return new Variant(String.join(" ", parts), block);
        }

        /** 1e-04 rather than 1.0E-4, unless that loses digits. */
        private static String threshold(double v) {
            String s = String.format(Locale.ROOT, "%.0e", v);
            return Double.parseDouble(s) == v ? s : String.valueOf(v);
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /** The XYZ text of a bundled benchmark system (src/main/resources/bench). */
    static String resource(String file) {
        try (InputStream in = AccuracyCase.class.getResourceAsStream("/bench/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled input /bench/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unscreened input, read as the command line reads the XYZ file (see the class comment). */
    ManyBodyInput input() {
        try {
            Path dir = Files.createTempDirectory("qcmb-accuracy");
            Path file = dir.resolve(key + ".xyz");
            Files.writeString(file, xyz);
            try {
                // exact integrals (scf_type pk): the reference fragments in the cache were computed so
                return InputReader.read(file, new XyzOptions(List.of(bsse.label()), maxNbody, method, basis, program,
                        null, false, true, program.equals("builtin") ? Map.of("scf_type", "pk") : Map.of(), null));
            } finally {
                Files.delete(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variant named {@link #validate}, or null. */
    Variant validated() {
        return variants.stream().filter(v -> v.name().equals(validate)).findFirst().orElse(null);
    }
}
