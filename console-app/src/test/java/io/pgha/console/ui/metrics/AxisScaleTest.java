package io.pgha.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AxisScaleTest {

    @ParameterizedTest(name = "{0} B: up to {1} in steps of {2}")
    @CsvSource({"0, 1024, 256", "1000, 1024, 256", "1025, 2048, 512", "65536, 65536, 16384", "3000000, 4194304, 1048576"
    })
    void byteAxesHaveRoundBinaryTicksAndMoreThanOneEvenAtZero(double max, double upper, double tick) {
        assertThat(AxisScale.bytes(max)).isEqualTo(new AxisScale(upper, tick));
    }

    @ParameterizedTest(name = "{0}: up to {1} in steps of {2}")
    @CsvSource({"0, 1, 1", "1, 1, 1", "3, 3, 1", "4, 4, 1", "5, 6, 2", "17, 20, 5", "120, 150, 50"})
    void countAxesTickAtWholeNumbers(double max, double upper, double tick) {
        AxisScale scale = AxisScale.counts(max);

        assertThat(scale).isEqualTo(new AxisScale(upper, tick));
        assertThat(scale.tick() % 1).isZero();
    }
}
