package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.common.InputException;

/** The screening block: defaults, what it echoes in the result, and errors that name the field. */
class ScreeningSpecTest {
    static final String P = "specification.keywords.screening";

    static ScreeningSpec parse(Map<String, ?> block) {
        return ScreeningSpec.parse(block, P, 16, false);
    }

    static void fails(Map<String, ?> block, String... fragments) {
        var a = assertThatThrownBy(() -> parse(block)).isInstanceOf(InputException.class);
        for (String f : fragments) {
            a.hasMessageContaining(f);
        }
    }

    @Test
    void distanceWithDefaultMetricAndEnergy() {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("distance", Map.of("2", 8.0, "3", 6, "4", 4.5));
        block.put("energy", Map.of("3", 1e-4, "4", 0));
        ScreeningSpec s = parse(block);
        assertThat(s.distance()).containsExactly(Map.entry(2, 8.0), Map.entry(3, 6.0), Map.entry(4, 4.5));
        assertThat(s.metric()).isEqualTo(ScreeningSpec.Metric.CLOSEST_ATOMS);
        assertThat(s.energyScreened()).isTrue();
        assertThat(s.firstEnergyOrder()).isEqualTo(3);
        assertThat(s.describe()).containsEntry("metric", "closest_atoms")
                .containsEntry("distance", Map.of("2", 8.0, "3", 6.0, "4", 4.5))
                .containsEntry("energy", Map.of("3", 1e-4, "4", 0.0));
        assertThat(parse(Map.of("distance", Map.of("2", 5.0), "metric", "Centers_Of_Mass")).metric())
                .isEqualTo(ScreeningSpec.Metric.CENTERS_OF_MASS);
        assertThat(parse(Map.of("energy", Map.of("3", 1e-3))).describe()).doesNotContainKeys("distance", "metric");
    }

    @Test
    void errorsNameTheField() {
        fails(Map.of(), P + "'", "gives no rule");
        fails(Map.of("distanc", Map.of("2", 8.0)), P + ".distanc'", "unknown field");
        fails(Map.of("distance", List.of(8.0)), P + ".distance'", "must be an object");
        fails(Map.of("distance", Map.of()), P + ".distance'", "is empty");
        fails(Map.of("distance", Map.of("two", 8.0)), P + ".distance.two'", "n-body orders");
        fails(Map.of("distance", Map.of("1", 8.0)), P + ".distance.1'", "start at order 2");
        fails(Map.of("distance", Map.of("17", 8.0)), P + ".distance.17'", "above the number of fragments (16)");
        fails(Map.of("distance", Map.of("2", -1.0)), P + ".distance.2'", "a number > 0");
        fails(Map.of("distance", Map.of("2", 0)), P + ".distance.2'", "a number > 0");
        fails(Map.of("distance", Map.of("2", "far")), P + ".distance.2'", "not 'far'");
        fails(Map.of("distance", Map.of("2", 8.0), "metric", "nearest"), P + ".metric'", "closest_atoms");
        fails(Map.of("metric", "closest_atoms", "energy", Map.of("3", 1e-4)), P + ".metric'", "give 'distance'");
        fails(Map.of("energy", Map.of("2", 1e-4)), P + ".energy.2'", "start at order 3");
        fails(Map.of("energy", Map.of("3", -1e-4)), P + ".energy.3'", "a number >= 0");
        assertThatThrownBy(() -> ScreeningSpec.parse(Map.of("distance", Map.of("2", 8.0)), P, 3, true))
                .isInstanceOf(InputException.class).hasMessageContaining(P + "'")
                .hasMessageContaining("supersystem_ie_only");
    }
}
