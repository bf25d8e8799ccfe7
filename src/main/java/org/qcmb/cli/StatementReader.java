package org.qcmb.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Cuts the input of the interactive {@code sql} command into statements. Two modes:
 * <ul>
 *   <li><b>';' mode</b> (piped input that holds a ';' outside quotes and comments): a statement ends at each ';' and
 *       at the end of the input, so queries may span any number of lines;</li>
 *   <li><b>line mode</b> (a terminal, or piped input without ';'): a statement also ends at the end of its first
 *       line when that line is a complete query (the parser asks for nothing more), so one query per line works;
 *       a query whose first line is incomplete continues until ';', a blank line or the end of the input.</li>
 * </ul>
 * Quotes ('...', "...", `...`) may span lines; "--" starts a comment to the end of its line.
 */
final class StatementReader {
    private final BufferedReader in;
    private final Predicate<String> incomplete;
    private final Consumer<Boolean> beforeLine;
    private final boolean semicolonMode;
    private final List<String> pending = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    /** The quote character of a literal or identifier that is open (it may span lines), or 0. */
    private char quote;
    /** Whether the current statement has anything but white space and comments. */
    private boolean code;
    /** Lines of the current statement read so far. */
    private int lines;

    /**
     * @param incomplete    whether a text is the beginning of a statement that continues on a later line
     * @param beforeLine    told before each line is read whether it continues a statement (to print a prompt)
     * @param semicolonMode statements end only at ';' (and the end of the input)
     */
    StatementReader(BufferedReader in, Predicate<String> incomplete, Consumer<Boolean> beforeLine,
            boolean semicolonMode) {
        this.in = in;
        this.incomplete = incomplete;
        this.beforeLine = beforeLine;
        this.semicolonMode = semicolonMode;
    }

    /** Whether a text has a ';' outside quotes and comments (piped input in ';' mode). */
    static boolean hasSemicolon(String text) {
        StatementReader probe = new StatementReader(null, t -> true, c -> { }, true);
        for (String line : text.split("\\R", -1)) {
            probe.split(line);
            probe.current.append('\n');
            if (!probe.pending.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The next statement without its ';', or null at the end of the input. */
    String next() throws IOException {
        while (pending.isEmpty()) {
            beforeLine.accept(code);
            String line = in.readLine();
            if (line == null) {
                flush();
                return pending.isEmpty() ? null : pending.remove(0);
            }
            if (line.isBlank() && quote == 0 && !semicolonMode) {
                flush();
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n");
            // comments before a query, and line breaks inside a quoted literal, do not make a query span lines
            lines = !code ? 1 : quote != 0 ? lines : lines + 1;
            split(line);
            if (!semicolonMode && code && quote == 0 && lines == 1 && !incomplete.test(current.toString())) {
                flush();
            }
        }
        return pending.remove(0);
    }

    private void flush() {
        if (code) {
            pending.add(current.toString().strip());
        }
        current.setLength(0);
        quote = 0;
        code = false;
        lines = 0;
    }

    /** Appends a line to the current statement, ending a statement at every ';' outside quotes and comments. */
    private void split(String line) {
        boolean comment = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (comment) {
                current.append(c);
            } else if (quote != 0) {
                current.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    current.append(line.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == ';') {
                flush();
                lines = 1; // what follows on this line starts the next statement's first line
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                } else if (c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                    comment = true;
                }
                code |= !comment && !Character.isWhitespace(c);
                current.append(c);
            }
        }
    }
}
