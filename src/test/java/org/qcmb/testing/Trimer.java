package org.qcmb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.ManyBodyInputCodec;

/** The QCManyBody water trimer (bohr, src/test/resources/conformance) as test inputs. */
public final class Trimer {
    private Trimer() {
    }

    /** The trimer's molecule object, as the conformance case gives it. */
    public static JsonNode molecule() {
        try (InputStream in = Trimer.class.getResourceAsStream("/conformance/single_energy_1.json")) {
            return QcJson.mapper().readTree(in).get("input").get("molecule");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A ManyBodyInput of the trimer through 3-body with return_total_data, for the given driver, bsse_type (a JSON
     * list such as {@code ["cp", "nocp"]}), program, method, basis and keywords (a JSON object).
     */
    public static ManyBodyInput input(String driver, String bsse, String program, String method, String basis,
            String keywords) {
        ObjectNode root = QcJson.mapper().createObjectNode();
        root.set("molecule", molecule());
        root.set("specification", QcJson.parse("""
                {"driver": "%s", "keywords": {"bsse_type": %s, "max_nbody": 3, "return_total_data": true},
                 "specification": {"program": "%s", "model": {"method": "%s", "basis": "%s"}, "keywords": %s}}
                """.formatted(driver, bsse, program, method, basis, keywords), "trimer"));
        return ManyBodyInputCodec.read(root, "test input").input();
    }
}
