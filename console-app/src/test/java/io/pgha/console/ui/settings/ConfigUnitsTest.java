package io.pgha.console.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigUnitsTest {

    @Test
    void timingIsInSecondsAndLagInBytesWithItsSize() {
        assertThat(ConfigUnits.of("ttl", "20")).isEqualTo("seconds");
        assertThat(ConfigUnits.of("maximum_lag_on_failover", "1048576")).isEqualTo("bytes (1.0 MiB)");
        assertThat(ConfigUnits.of("maximum_lag_on_failover", "lots")).isEqualTo("bytes");
        assertThat(ConfigUnits.of("postgresql.parameters.max_connections", "100"))
                .isEmpty();
    }
}
