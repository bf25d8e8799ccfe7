package org.qcmb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;
import org.qcmb.molecule.Units;

/** Benchmark systems: n rigid waters on a cubic grid (3.0 angstrom apart), as ManyBodyInputs. */
final class WaterClusters {
    /** One water (angstrom): O at the origin, H-O-H 104.5 degrees, r(OH) 0.9572 A. */
    private static final double[][] WATER = {{0, 0, 0}, {0.7572, 0.5865, 0}, {-0.7572, 0.5865, 0}};

    private WaterClusters() {
    }

    /** The molecule: waters filling a cube of side ceil(cbrt(n)) row by row, one fragment each. */
    static Molecule molecule(int waters) {
        List<String> symbols = new ArrayList<>();
        double[] geometry = new double[9 * waters];
        List<int[]> fragments = new ArrayList<>();
        int side = (int) Math.ceil(Math.cbrt(waters));
        for (int w = 0; w < waters; w++) {
            int[] origin = {w % side, (w / side) % side, w / (side * side)};
            for (int a = 0; a < 3; a++) {
                symbols.add(a == 0 ? "O" : "H");
                for (int k = 0; k < 3; k++) {
                    geometry[9 * w + 3 * a + k] = Units.angstromToBohr(3.0 * origin[k] + WATER[a][k]);
                }
            }
            fragments.add(new int[] {3 * w, 3 * w + 1, 3 * w + 2});
        }
        return new MoleculeBuilder().where(waters + " waters").symbols(symbols).geometryBohr(geometry)
                .fragments(fragments).build();
    }

    /** An energy expansion of n waters through maxNbody under one treatment and one model chemistry. */
    static ManyBodyInput input(int waters, BsseType bsse, int maxNbody, String program, String method, String basis,
            Map<String, Object> keywords) {
        return ManyBodyInput.create(molecule(waters), Driver.ENERGY, List.of(bsse.label()), null, maxNbody, null, null,
                null, Map.of(ManyBodyInput.AUTO, new AtomicSpecification(program, method, basis, keywords, Map.of(),
                        Map.of())), "");
    }
}
