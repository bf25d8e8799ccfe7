package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qcmb.io.AnalysisCase;

/**
 * Inputs without screening keep their numbers to the last bit: for each conformance case (and two made-up
 * multi-level supersystem cases), SHA-256 over the raw bits of every assembled number (ret per property, every
 * body-dict value, every named property, in a fixed order). The expected digests were printed by {@link #main}
 * compiled against commit 3aa6344, the last one before screening; the whole analyze documents of the six cases were
 * also byte-identical there.
 */
class UnscreenedBitsTest {
    static String digest(String name) throws Exception {
        if (name.startsWith("synthetic")) {
            return digest(synthetic(name.endsWith("rtd")));
        }
        AnalysisCase c;
        try (InputStream in = UnscreenedBitsTest.class.getResourceAsStream("/conformance/" + name + ".json")) {
            c = AnalysisCase.parse(new ObjectMapper().readTree(in));
        }
        return digest(Assembler.assemble(Planner.plan(c.spec()), c.driver(), c.results()));
    }

    /**
     * Multi-level with a supersystem (the paths the conformance cases miss): 4 fragments of 1, 2, 1, 2 atoms,
     * levels {1: a, 2: b, 3: b}, supersystem s, bsse [cp, nocp, vmfc], gradients; made-up deterministic values.
     */
    static ManyBodyResult synthetic(boolean rtd) {
        int[] sizes = {1, 2, 1, 2};
        ExpansionSpec spec = new ExpansionSpec(sizes, java.util.List.of(BsseType.CP, BsseType.NOCP, BsseType.VMFC),
                new java.util.TreeMap<>(Map.of(1, "a", 2, "b", 3, "b")), "s", rtd, false, false);
        Plan plan = Planner.plan(spec);
        Map<FragmentTask, ComponentResult> results = new java.util.HashMap<>();
        for (FragmentTask t : plan.tasks()) {
            double e = -75.9 * t.real().length - 0.0137 * t.basis().length - 0.00071 * t.mc().charAt(0);
            int atoms = 0;
            for (int f : t.basis()) {
                atoms += sizes[f - 1];
                e -= 0.000913 * f * f / (1 + t.real().length);
            }
            double[] g = new double[3 * atoms];
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.sin(0.37 * i + e) * 0.01;
            }
            results.put(t, new ComponentResult(e, g, null));
        }
        return Assembler.assemble(plan, org.qcmb.common.Driver.GRADIENT, results);
    }

    static String digest(ManyBodyResult r) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Property p : Property.values()) {
            if (r.ret().containsKey(p)) {
                bits(sb.append("ret ").append(p), r.ret().get(p));
                r.bodyDicts().get(p).forEach((bt, levels) -> levels.forEach((n, v) ->
                        bits(sb.append("body ").append(p).append(' ').append(bt).append(' ').append(n), v)));
            }
        }
        SortedMap<String, double[]> named = r.results();
        for (Map.Entry<String, double[]> e : named.entrySet()) {
            bits(sb.append(e.getKey()), e.getValue());
        }
        byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h);
    }

    private static void bits(StringBuilder sb, double[] v) {
        for (double x : v) {
            sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(x)));
        }
        sb.append('\n');
    }

    @ParameterizedTest
    @CsvSource({
        "single_energy_1, 46d1a632501d843d40a68cfdd2bc152705e200e8532c006416d7b68805f6bda5",
        "single_energy_2, 709c8ee364918338094b7a8d4914cdca2ac9fbce6dce083427e3359aaa6bc339",
        "single_gradient_1, e4ad36568053de74437d2a055f8ae7041a34975e8bd3b5cbbad83e4f0ae9c080",
        "single_gradient_2, 279de3becbef5def3944d3f3cbee75d8824473ef3f106977723543114923b316",
        "single_hessian_1, 85d25893b49c405235bddb4e538d87ed630975607293b87c56065fd3f9f68033",
        "single_hessian_2, d970a8a514cf11ee9d526e60ef6366c74f08633c7c008fc401d5a282a94860af",
        "synthetic_multilevel_supersystem_rtd, 4d67ac13d23884e6a5a1ac338d4c0fd607f3fb99b19fc07be2e9db283eb9db5b",
        "synthetic_multilevel_supersystem, 1f37c87196f721ca18efa90a1c41844bb332ff5e4abea443e0d7d107e43f63a4"})
    void sameBitsAsBeforeScreening(String name, String expected) throws Exception {
        assertThat(digest(name)).isEqualTo(expected);
    }

    public static void main(String[] args) throws Exception {
        for (String n : new String[] {"single_energy_1", "single_energy_2", "single_gradient_1", "single_gradient_2",
            "single_hessian_1", "single_hessian_2", "synthetic_multilevel_supersystem_rtd",
            "synthetic_multilevel_supersystem"}) {
            System.out.println(n + ", " + digest(n));
        }
    }
}
