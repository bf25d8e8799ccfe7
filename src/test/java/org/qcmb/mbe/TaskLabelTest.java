package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskLabelTest {
    @Test
    void formatsLikePythonJsonDumps() {
        assertThat(TaskLabel.format("mp2", new int[] {1}, new int[] {1, 2})).isEqualTo("[\"mp2\", [1], [1, 2]]");
        assertThat(TaskLabel.format("(auto)", new int[] {1, 2, 4}, new int[] {1, 2, 3, 4}))
                .isEqualTo("[\"(auto)\", [1, 2, 4], [1, 2, 3, 4]]");
        assertThat(TaskLabel.format("é\"\\\u007f", new int[] {1}, new int[] {1}))
                .isEqualTo("[\"\\u00e9\\\"\\\\\\u007f\", [1], [1]]");
    }

    @Test
    void parsesBothForms() {
        FragmentTask t = TaskLabel.parse("[\"mp2\", [1], [1, 2]]");
        assertThat(t.mc()).isEqualTo("mp2");
        assertThat(t.real()).containsExactly(1);
        assertThat(t.basis()).containsExactly(1, 2);
        assertThat(t.ghosts()).containsExactly(2);
        assertThat(TaskLabel.parse("[1, [2], [2]]").mc()).isEqualTo("1");
        FragmentTask h = TaskLabel.parse("§mp2_(1)@(1, 2)");
        assertThat(h).isEqualTo(t);
        FragmentTask noMc = TaskLabel.parse("(1, 2)@(1, 2)");
        assertThat(noMc.mc()).isEmpty();
        assertThat(noMc.real()).containsExactly(1, 2);
        String odd = TaskLabel.format("a\u00e9b", new int[] {2}, new int[] {1, 2});
        assertThat(TaskLabel.parse(odd).label()).isEqualTo(odd);
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> TaskLabel.parse("[\"mp2\", [3], [1, 2]]")).hasMessageContaining("not in the basis");
        assertThatThrownBy(() -> TaskLabel.parse("nonsense")).hasMessageContaining("is not a QCManyBody label");
    }
}
