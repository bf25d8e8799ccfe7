package org.qcmb.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Core-level validation (semantics §1.5 C3-C9) through the analyze input. */
class AnalysisCaseTest {
    static final ObjectMapper M = new ObjectMapper();

    static String input(String bsse, String levels) {
        return "{\"input\": {\"molecule\": {\"symbols\": [\"He\", \"He\", \"He\"], \"geometry\": [0,0,0, 0,0,4, 0,4,0],"
                + " \"fragments\": [[0], [1], [2]]}, \"bsse_type\": " + bsse + ", \"levels\": " + levels
                + ", \"return_total_data\": true, \"supersystem_ie_only\": false},"
                + " \"component_results\": {\"[\\\"a\\\", [1], [1]]\": {\"energy\": -2.8}}}";
    }

    static void fails(String json, String... fragments) {
        var a = assertThatThrownBy(() -> AnalysisCase.parse(M.readTree(json)));
        for (String f : fragments) {
            a.hasMessageContaining(f);
        }
    }

    @Test
    void coreErrors() {
        fails(input("[\"ssfc\"]", "{\"1\": \"a\"}"), "unknown BSSE treatment 'ssfc'");
        fails(input("[]", "{\"1\": \"a\"}"), "No BSSE correction specified");
        fails(input("[\"cp\"]", "{\"supersystem\": \"s\"}"), "no integer n-body level");
        fails(input("[\"cp\"]", "{\"1\": \"a\", \"3\": \"a\"}"), "Levels must be contiguous from 1 to M");
        fails(input("[\"cp\"]", "{\"1\": \"a\", \"2\": \"b\", \"3\": \"a\"}"),
                "N-Body levels must be contiguous within a model chemistry spec");
        fails(input("[\"cp\"]", "{\"1\": \"a\", \"2\": \"a\", \"3\": \"a\", \"4\": \"a\"}"),
                "should be between 1 and 3");
        fails(input("[\"cp\"]", "{\"1\": \"a\"}").replace("[[0], [1], [2]]", "[[0, 1, 2]]"),
                "fragmentation has not been specified");
        fails(input("[\"cp\"]", "{\"1\": \"a\"}").replace("[[0], [1], [2]]", "[[0], [2], [1]]"),
                "non-contiguous");
        fails(input("[\"cp\"]", "{\"1\": \"a\"}").replace("\"return_total_data\"", "\"return_totl_data\""),
                "'input.return_totl_data'", "unknown field");
    }

    @Test
    void missingTaskResultNamesTheLabel() throws Exception {
        AnalysisCase c = AnalysisCase.parse(M.readTree(input("[\"nocp\"]", "{\"1\": \"a\"}")));
        var plan = org.qcmb.mbe.Planner.plan(c.spec());
        assertThatThrownBy(() -> org.qcmb.mbe.Assembler.assemble(plan, c.driver(), c.results()))
                .hasMessageContaining("[\"a\", [2], [2]]");
    }
}
