package org.qcmb.qcschema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qcmb.common.InputException;

/**
 * The one JSON mapper of the program and its one strictness: duplicate keys and unknown fields are errors that
 * name the field path; wrong types name the field and what it must be. YAML input is read with the same rules.
 * Every QCSchema document (and the fragment store, the benchmark inputs, the SQL output) goes through here.
 */
public final class QcJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private QcJson() {
    }

    /** SnakeYAML reads at most 3 M code points by default: raised to the input size limit, as JSON has none. */
    private static YAMLFactory yamlFactory() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_INPUT_BYTES));
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /** The shared mapper (thread-safe once configured): trees, values and writers all come from it. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** Parses JSON text; malformed text is an InputException naming the source, line and column. */
    public static JsonNode parse(String text, String source) {
        return parse(JSON, text, source, "JSON");
    }

    /** The largest input file read (JSON, YAML or XYZ); a 10^6-atom XYZ file is about 50 MB. */
    public static final long MAX_INPUT_BYTES = 256L << 20;

    /** A file's text; a missing, unreadable or too large file is an InputException naming it. */
    public static String readText(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_INPUT_BYTES) {
                throw new InputException(file + ": " + size + " bytes, more than the input size limit of "
                        + MAX_INPUT_BYTES + " bytes (256 MiB)");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Reads a JSON (or YAML, by extension .yaml/.yml) file; missing or malformed files give an InputException. */
    public static JsonNode readTree(Path file) {
        String name = file.toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return parse(yaml ? YAML : JSON, readText(file), name, yaml ? "YAML" : "JSON");
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String source, String format) {
        try {
            JsonNode n = mapper.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new InputException(source + ": the file is empty");
            }
            return n;
        } catch (StreamConstraintsException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InputException(source + ": too large for the " + format + " reader" + where + " ("
                    + e.getOriginalMessage().replaceAll("\\s+", " ").replaceAll(",\\s*from `[^`]*`", "").strip()
                    + "): a size limit, not a syntax error; no valid input needs a string, number or nesting"
                    + " that large");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            msg = msg.replaceAll("\\s+", " ");
            if (msg.length() > 160) {
                msg = msg.substring(0, 160) + "...";
            }
            throw new InputException(source + ": malformed " + format + where + ": " + msg);
        }
    }

    /** Checks that node is an object with only the allowed fields; names the first unknown one with its path. */
    public static JsonNode object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw InputException.field(path, "must be an object");
        }
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw InputException.field(join(path, f), "unknown field (allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return node;
    }

    public static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    public static boolean has(JsonNode obj, String f) {
        return obj.has(f) && !obj.get(f).isNull();
    }

    public static String string(JsonNode obj, String f, String path, String dflt) {
        if (!has(obj, f)) {
            return dflt;
        }
        JsonNode v = obj.get(f);
        if (!v.isTextual()) {
            throw InputException.field(join(path, f), "must be a string");
        }
        return v.textValue();
    }

    public static Boolean bool(JsonNode obj, String f, String path) {
        if (!has(obj, f)) {
            return null;
        }
        JsonNode v = obj.get(f);
        if (!v.isBoolean()) {
            throw InputException.field(join(path, f), "must be true or false");
        }
        return v.booleanValue();
    }

    public static Integer integer(JsonNode obj, String f, String path) {
        if (!has(obj, f)) {
            return null;
        }
        return integer(obj.get(f), join(path, f));
    }

    public static int integer(JsonNode v, String path) {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 1e9) {
            return (int) v.doubleValue();
        }
        throw InputException.field(path, "must be an integer, got " + v);
    }

    public static double number(JsonNode v, String path) {
        if (!v.isNumber()) {
            throw InputException.field(path, "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    public static JsonNode array(JsonNode obj, String f, String path) {
        JsonNode v = obj.get(f);
        if (v == null || !v.isArray()) {
            throw InputException.field(join(path, f), "must be a list");
        }
        return v;
    }

    public static List<String> strings(JsonNode v, String path) {
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.textValue());
            return out;
        }
        if (!v.isArray()) {
            throw InputException.field(path, "must be a string or a list of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw InputException.field(path + "[" + i + "]", "must be a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** A flat list of numbers, or a list of equal-length number lists flattened row by row. */
    public static double[] flatNumbers(JsonNode v, String path) {
        if (!v.isArray()) {
            throw InputException.field(path, "must be a list of numbers or of number lists");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isArray()) {
                for (int j = 0; j < e.size(); j++) {
                    out.add(number(e.get(j), path + "[" + i + "][" + j + "]"));
                }
            } else {
                out.add(number(e, path + "[" + i + "]"));
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** A JSON value as plain Java (maps, lists, strings, numbers, booleans), preserving order. */
    public static Object plain(JsonNode v) {
        return JSON.convertValue(v, Object.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> plainMap(JsonNode obj, String f, String path) {
        if (!has(obj, f)) {
            return new LinkedHashMap<>();
        }
        JsonNode v = obj.get(f);
        if (!v.isObject()) {
            throw InputException.field(join(path, f), "must be an object");
        }
        return (Map<String, Object>) plain(v);
    }

    /** A JSON array of numbers (doubles keep their shortest round-trip form). */
    public static ArrayNode array(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** A result document as text: {@link #documentWriter()} layout and a trailing newline. */
    public static String document(Object document) {
        try {
            return documentWriter().writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a result document", e);
        }
    }

    /** Writer for result documents: two-space indentation, numeric arrays kept on one line. */
    public static ObjectWriter documentWriter() {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance)
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)
                        .withArrayValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
        return JSON.writer(pp);
    }
}
