package org.qcmb.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.qcmb.common.InputException;
import org.qcmb.qcschema.QcJson;

/** Prints query results as an aligned text table, CSV (header line, then rows) or a JSON array of objects. */
public final class QueryPrinter {
    public enum Format {
        TABLE, CSV, JSON;

        public static Format parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InputException("--format must be table, csv or json, not '" + s + "'");
            }
        }
    }

    private QueryPrinter() {
    }

    public static void print(StructType schema, List<Row> rows, Format format, PrintStream out) {
        switch (format) {
            case CSV -> csv(schema, rows, out);
            case JSON -> json(schema, rows, out);
            case TABLE -> table(schema, rows, out);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        return v.toString();
    }

    private static void csv(StructType schema, List<Row> rows, PrintStream out) {
        List<String> header = new ArrayList<>();
        for (StructField f : schema.fields()) {
            header.add(csvCell(f.name()));
        }
        out.println(String.join(",", header));
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                cells.add(csvCell(text(r.get(i))));
            }
            out.println(String.join(",", cells));
        }
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void json(StructType schema, List<Row> rows, PrintStream out) {
        ObjectMapper m = QcJson.mapper();
        ArrayNode arr = m.createArrayNode();
        for (Row r : rows) {
            ObjectNode o = arr.addObject();
            StructField[] fields = schema.fields();
            for (int i = 0; i < fields.length; i++) {
                Object v = r.get(i);
                if (v == null) {
                    o.putNull(fields[i].name());
                } else if (v instanceof Number || v instanceof Boolean) {
                    o.set(fields[i].name(), m.valueToTree(v));
                } else {
                    o.put(fields[i].name(), v.toString());
                }
            }
        }
        out.println(arr.toPrettyString());
    }

    private static void table(StructType schema, List<Row> rows, PrintStream out) {
        StructField[] fields = schema.fields();
        int[] width = new int[fields.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            width[i] = fields[i].name().length();
        }
        for (Row r : rows) {
            String[] c = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                c[i] = text(r.get(i));
                width[i] = Math.max(width[i], c[i].length());
            }
            cells.add(c);
        }
        StringBuilder sep = new StringBuilder("+");
        for (int w : width) {
            sep.append("-".repeat(w + 2)).append('+');
        }
        out.println(sep);
        StringBuilder head = new StringBuilder("|");
        for (int i = 0; i < fields.length; i++) {
            head.append(' ').append(pad(fields[i].name(), width[i], false)).append(" |");
        }
        out.println(head);
        out.println(sep);
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < fields.length; i++) {
                boolean numeric = fields[i].dataType() instanceof org.apache.spark.sql.types.NumericType;
                line.append(' ').append(pad(c[i], width[i], numeric)).append(" |");
            }
            out.println(line);
        }
        out.println(sep);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(w - s.length());
        return right ? fill + s : s + fill;
    }
}
