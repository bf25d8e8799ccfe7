package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the interactive sql command cuts its input into statements. */
class StatementReaderTest {
    /** A stand-in for the SQL parser: a statement is incomplete while it ends with ',' or FROM or WHERE. */
    static boolean incomplete(String text) {
        String t = text.strip().toUpperCase();
        return t.endsWith(",") || t.endsWith("FROM") || t.endsWith("WHERE");
    }

    /** Statements in line mode (a terminal, or piped input without ';'). */
    static List<String> statements(String input) throws IOException {
        return statements(input, false);
    }

    static List<String> statements(String input, boolean semicolonMode) throws IOException {
        List<Boolean> prompts = new ArrayList<>();
        StatementReader r = new StatementReader(new BufferedReader(new StringReader(input)),
                StatementReaderTest::incomplete, prompts::add, semicolonMode);
        List<String> out = new ArrayList<>();
        for (String s = r.next(); s != null; s = r.next()) {
            out.add(s);
        }
        assertThat(prompts).isNotEmpty();
        return out;
    }

    @Test
    void oneStatementPerLine() throws IOException {
        assertThat(statements("SELECT 1\nSELECT 2\n\nSELECT 3")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void semicolonsEndStatementsAnywhereOutsideQuotesAndComments() throws IOException {
        assertThat(statements("SELECT 1; SELECT ';' AS a;SELECT \"x;y\", `c;d` -- not; here\nSELECT 4;"))
                .containsExactly("SELECT 1", "SELECT ';' AS a", "SELECT \"x;y\", `c;d` -- not; here", "SELECT 4");
    }

    @Test
    void aQueryWhoseFirstLineIsIncompleteSpansLinesUntilSemicolonOrBlankLine() throws IOException {
        assertThat(statements("SELECT a,\n  b\n  FROM t;SELECT 2\n-- next\nSELECT a,\n b\n\nSELECT 3"))
                .containsExactly("SELECT a,\n  b\n  FROM t", "SELECT 2", "-- next\nSELECT a,\n b", "SELECT 3");
        // the end of the input ends an incomplete statement too (the parser then reports it)
        assertThat(statements("SELECT 2\nSELECT * FROM")).containsExactly("SELECT 2", "SELECT * FROM");
    }

    @Test
    void inSemicolonModeOnlySemicolonsEndStatements() throws IOException {
        String script = "SELECT *\nFROM runs;\n\nSELECT level,\n\n  count(*) FROM tasks GROUP BY level;\nSELECT 3";
        assertThat(StatementReader.hasSemicolon(script)).isTrue();
        assertThat(statements(script, true)).containsExactly("SELECT *\nFROM runs",
                "SELECT level,\n\n  count(*) FROM tasks GROUP BY level", "SELECT 3");
        assertThat(StatementReader.hasSemicolon("SELECT ';' -- ;\nSELECT `a;`\nSELECT 'x\n;'")).isFalse();
    }

    @Test
    void aQuoteOpenAtTheEndOfALineContinuesTheStatement() throws IOException {
        assertThat(statements("SELECT 'two\nlines' AS s\nSELECT 2")).containsExactly("SELECT 'two\nlines' AS s",
                "SELECT 2");
    }

    @Test
    void commentsAndEmptyStatementsAreNoStatements() throws IOException {
        assertThat(statements("-- a comment\n;;\n  \n-- another\nSELECT 1 -- trailing\n")).containsExactly(
                "-- another\nSELECT 1 -- trailing");
        assertThat(statements("")).isEmpty();
    }
}
