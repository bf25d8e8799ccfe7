package org.qcmb.engine.psi4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.qcmb.common.Driver;
import org.qcmb.engine.EngineException;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;

/**
 * What the Psi4 engine accepts, checked before any work: names that cannot reach Psi4's file system, and a user
 * basis file only when it is asked for by name.
 *
 * <p>Psi4 turns a basis name into a file name ({@code 6-311+G(2d,p)} is {@code 6-311pg_2d_p_.gbs}) and looks for
 * it in its working directory, {@code $PSIPATH} and its library; a name holding a path ({@code ../x},
 * {@code /etc/passwd}) would load any file. So a basis name is letters, digits and {@code * + - ( ) _ ,} only, which
 * covers every name of Psi4's library; a method name may also hold a dot ({@code mp2.5}). Every text keyword value
 * (output file labels, auxiliary basis sets, ...) must be free of {@code /}, {@code \} and {@code ..}. A basis of
 * the user's own is the {@value #BASIS_FILE} keyword: an absolute path to a .gbs file, which the engine copies into
 * each calculation's scratch directory under the name Psi4 derives from {@code model.basis}.
 */
final class Psi4Specification {
    /** Keyword naming a user basis file (absolute path of a Psi4 .gbs file) for {@code model.basis}. */
    static final String BASIS_FILE = "basis_file";
    /** Larger than any basis file of Psi4's library (the largest is about 1 MB). */
    static final long MAX_BASIS_FILE_BYTES = 16L * 1024 * 1024;
    private static final int MAX_NAME = 80;
    private static final Pattern BASIS = Pattern.compile("[A-Za-z0-9*+\\-()_,]+");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z0-9*+\\-()_,.]+");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private Psi4Specification() {
    }

    /**
     * The whole check of a specification (one place, so that more of the molecule can be checked here later).
     * A problem is an INPUT_ERROR naming the field.
     */
    static void check(Driver driver, Model model, Map<String, Object> keywords) {
        if (driver == null) {
            throw invalid("the driver is missing");
        }
        checkMethod(model.method());
        checkBasis("model.basis", model.basis());
        for (Map.Entry<String, Object> e : keywords.entrySet()) {
            String key = e.getKey();
            if (!KEYWORD.matcher(key).matches()) {
                throw invalid("keyword '" + printable(key) + "' is not a Psi4 option name (letters, digits, _)");
            }
            if (key.equalsIgnoreCase(BASIS_FILE)) {
                basisFile(e.getValue());
            } else if (key.toLowerCase(Locale.ROOT).contains("basis") && e.getValue() instanceof String s) {
                checkBasis("keyword '" + key + "'", s);
            } else {
                checkValue("keyword '" + key + "'", e.getValue());
            }
        }
    }

    static void checkMethod(String method) {
        if (method == null || method.isBlank()) {
            throw invalid("'model.method' is missing (e.g. \"hf\" or \"mp2\")");
        }
        if (method.length() > MAX_NAME || !METHOD.matcher(method).matches() || method.contains("..")) {
            throw invalid("'model.method' '" + printable(method) + "' is not a Psi4 method name: use letters,"
                    + " digits and * + - ( ) _ , . only (the method/basis shorthand is not supported: give the basis"
                    + " in model.basis)");
        }
    }

    static void checkBasis(String field, String basis) {
        if (basis == null || basis.isBlank()) {
            throw invalid(field + " is missing (e.g. \"cc-pvdz\")");
        }
        if (basis.length() > MAX_NAME || !BASIS.matcher(basis).matches()) {
            throw invalid(field + " '" + printable(basis) + "' is not a basis set name: use letters, digits and"
                    + " * + - ( ) _ , only; for a basis set file of your own, name it in model.basis and give its"
                    + " absolute path in the '" + BASIS_FILE + "' keyword");
        }
    }

    /** A text value anywhere in a keyword (lists and maps included) must not be a path. */
    private static void checkValue(String field, Object value) {
        if (value instanceof String s) {
            if (s.contains("/") || s.contains("\\") || s.contains("..") || s.chars().anyMatch(Character::isISOControl)) {
                throw invalid(field + " has the value '" + printable(s) + "': paths and control characters are not"
                        + " passed to Psi4");
            }
        } else if (value instanceof List<?> list) {
            list.forEach(v -> checkValue(field, v));
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkValue(field, String.valueOf(e.getKey()));
                checkValue(field, e.getValue());
            }
        }
    }

    /** The user basis file of a keyword value: an absolute path of a readable regular file of sensible size. */
    static Path basisFile(Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid("keyword '" + BASIS_FILE + "' must be the absolute path of a Psi4 .gbs basis set file");
        }
        Path p;
        try {
            p = Path.of(s);
        } catch (RuntimeException e) {
            throw invalid("keyword '" + BASIS_FILE + "': '" + printable(s) + "' is not a path");
        }
        if (!p.isAbsolute()) {
            throw invalid("keyword '" + BASIS_FILE + "' must be an absolute path (executors on other machines or"
                    + " in other directories must find the same file), not '" + printable(s) + "'");
        }
        try {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw invalid("keyword '" + BASIS_FILE + "': " + p + " is not a readable file");
            }
            if (Files.size(p) > MAX_BASIS_FILE_BYTES) {
                throw invalid("keyword '" + BASIS_FILE + "': " + p + " is larger than "
                        + MAX_BASIS_FILE_BYTES / (1024 * 1024) + " MiB; that is not a basis set file");
            }
        } catch (IOException e) {
            throw invalid("keyword '" + BASIS_FILE + "': cannot read " + p + ": " + e.getMessage());
        }
        return p;
    }

    /**
     * The file name Psi4 looks for when asked for a basis (qcdb BasisSet.make_filename): lower case, ( ) , to _,
     * * to s, + to p, then .gbs; a "-decon" suffix names the decontracted form of the basis without it.
     */
    static String fileName(String basis) {
        String name = basis.toLowerCase(Locale.ROOT);
        if (name.endsWith("-decon")) {
            name = name.substring(0, name.length() - "-decon".length());
        }
        return name.replace('(', '_').replace(')', '_').replace(',', '_').replace('*', 's').replace('+', 'p')
                + ".gbs";
    }

    private static EngineException invalid(String message) {
        return new EngineException(ErrorClass.INPUT_ERROR, message);
    }

    /** A user's text in a one-line message: control characters escaped, long text cut. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(MAX_NAME).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > MAX_NAME ? b + "..." : b.toString();
    }
}
