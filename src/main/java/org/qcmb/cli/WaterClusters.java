package org.qcmb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qcmb.io.InputReader;
import org.qcmb.mbe.ManyBodyInput;

/** Benchmark systems: n rigid waters on a cubic grid (3.0 angstrom apart), as ManyBodyInputs. */
final class WaterClusters {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One water (angstrom): O at the origin, H-O-H 104.5 degrees, r(OH) 0.9572 A. */
    private static final double[][] WATER = {{0, 0, 0}, {0.7572, 0.5865, 0}, {-0.7572, 0.5865, 0}};

    private WaterClusters() {
    }

    static ManyBodyInput input(int waters, String driver, String bsse, int maxNbody, String program, String method,
            String basis, String keywordsJson) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode mol = root.putObject("molecule");
        ArrayNode symbols = mol.putArray("symbols");
        ArrayNode geometry = mol.putArray("geometry");
        ArrayNode fragments = mol.putArray("fragments");
        int side = (int) Math.ceil(Math.cbrt(waters));
        for (int w = 0; w < waters; w++) {
            int ix = w % side;
            int iy = (w / side) % side;
            int iz = w / (side * side);
            ArrayNode frag = fragments.addArray();
            for (int a = 0; a < 3; a++) {
                symbols.add(a == 0 ? "O" : "H");
                geometry.add(3.0 * ix + WATER[a][0]);
                geometry.add(3.0 * iy + WATER[a][1]);
                geometry.add(3.0 * iz + WATER[a][2]);
                frag.add(3 * w + a);
            }
        }
        mol.put("units", "angstrom");
        try {
            JsonNode spec = JSON.readTree("""
                    {"driver": "%s", "keywords": {"bsse_type": %s, "max_nbody": %d},
                     "specification": {"program": "%s", "model": {"method": "%s", "basis": "%s"}, "keywords": %s}}
                    """.formatted(driver, bsse, maxNbody, program, method, basis, keywordsJson));
            root.set("specification", spec);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return InputReader.fromTree(root, waters + " waters");
    }
}
