package org.qcmb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.PointCharge;

/**
 * SHA-256 fingerprints. {@link #of} covers everything that determines a run's numbers: the molecule and the whole
 * specification (driver, treatments, levels, flags, embedding charges, every model chemistry's program, method,
 * basis and keywords); two inputs with the same fingerprint produce the same fragment results, so one may resume
 * the other. The screening rule is left out on purpose: it decides which fragments are computed, not what each
 * gives. {@link #ofFragment} covers one fragment calculation (its sub-molecule with ghosts and charges, the
 * model, keywords, program and driver, the external charges): a stored result may be reused by a changed input
 * wherever this hash is identical.
 */
public final class InputFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper().configure(
            SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private InputFingerprint() {
    }

    public static String of(ManyBodyInput in) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Molecule m = in.molecule();
        doc.put("symbols", m.symbols());
        doc.put("geometry", m.geometry());
        doc.put("real", m.real());
        doc.put("fragments", m.fragments());
        doc.put("fragment_charges", m.fragmentCharges());
        doc.put("fragment_multiplicities", m.fragmentMultiplicities());
        doc.put("molecular_charge", m.molecularCharge());
        doc.put("molecular_multiplicity", m.molecularMultiplicity());
        doc.put("driver", in.driver().schemaName());
        doc.put("bsse_type", in.bsseTypes().stream().map(b -> b.label()).toList());
        doc.put("levels", in.levels());
        doc.put("supersystem", in.supersystemMc());
        doc.put("return_total_data", in.returnTotalData());
        doc.put("supersystem_ie_only", in.supersystemIeOnly());
        doc.put("embedding_charges", in.embeddingCharges());
        Map<String, Object> specs = new TreeMap<>();
        for (Map.Entry<String, AtomicSpecification> e : in.specifications().entrySet()) {
            AtomicSpecification s = e.getValue();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("program", s.program());
            one.put("method", s.method());
            one.put("basis", s.basis());
            one.put("keywords", new TreeMap<>(s.keywords()));
            specs.put(e.getKey(), one);
        }
        doc.put("specifications", specs);
        return sha256(doc);
    }

    /**
     * The content hash of one fragment calculation: program, driver, method, basis and keywords as given, the
     * sub-molecule (symbols, real/ghost flags, exact coordinates in bohr, fragment partition, charges and
     * multiplicities) and the external point charges. Numbers enter with their exact bits (shortest round-trip
     * text), so any change of geometry changes the hash.
     */
    public static String ofFragment(String program, AtomicInput in) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Molecule m = in.molecule();
        doc.put("program", program);
        doc.put("driver", in.driver().schemaName());
        doc.put("method", in.model().method());
        doc.put("basis", in.model().basis());
        doc.put("keywords", new TreeMap<>(in.keywords()));
        doc.put("symbols", m.symbols());
        doc.put("geometry", m.geometry());
        doc.put("real", m.real());
        doc.put("fragments", m.fragments());
        doc.put("fragment_charges", m.fragmentCharges());
        doc.put("fragment_multiplicities", m.fragmentMultiplicities());
        doc.put("molecular_charge", m.molecularCharge());
        doc.put("molecular_multiplicity", m.molecularMultiplicity());
        List<double[]> charges = new ArrayList<>();
        for (PointCharge q : in.externalCharges()) {
            charges.add(new double[] {q.charge(), q.x(), q.y(), q.z()});
        }
        doc.put("external_charges", charges);
        return sha256(doc);
    }

    private static String sha256(Map<String, Object> doc) {
        try {
            byte[] bytes = JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the input", e);
        }
    }
}
