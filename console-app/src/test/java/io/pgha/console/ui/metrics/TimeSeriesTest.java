package io.pgha.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static final Instant T = Instant.parse("2025-06-02T09:30:00Z");

    @Test
    void aFullBufferDropsTheOldestPoint() {
        TimeSeries series = new TimeSeries(3);
        for (int i = 0; i < 5; i++) {
            series.add(T.plusSeconds(i), i);
        }

        assertThat(series.size()).isEqualTo(3);
        assertThat(series.points()).extracting(TimeSeries.Point::value).containsExactly(2.0, 3.0, 4.0);
        assertThat(series.last().value()).isEqualTo(4.0);
    }

    @Test
    void dropsPointsOlderThanTheWindow() {
        TimeSeries series = new TimeSeries(10);
        for (int i = 0; i < 6; i++) {
            series.add(T.plusSeconds(i * 60L), i);
        }
        series.dropBefore(T.plusSeconds(150));

        assertThat(series.points()).extracting(TimeSeries.Point::value).containsExactly(3.0, 4.0, 5.0);
    }
}
