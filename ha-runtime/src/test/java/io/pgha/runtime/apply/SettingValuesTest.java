package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A spec's value against a member's pg_settings row (setting, unit), as a table. */
class SettingValuesTest {

    @ParameterizedTest(name = "{0} vs {1} {2}: {3}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "256MB, 32768, 8kB, true",
                "256MB, 16384, 8kB, false",
                "1GB, 131072, 8kB, true",
                "32768, 32768, 8kB, true",
                "8MB, 8192, kB, true",
                "8192kB, 8192, kB, true",
                "4MB, 8192, kB, false",
                "100ms, 100, ms, true",
                "1min, 60000, ms, true",
                "5s, 5000, ms, true",
                "5s, 5, s, true",
                "5min, 300, s, true",
                "256MB, 256, ms, false",
                "on, on, NULL, true",
                "true, on, NULL, true",
                "off, on, NULL, false",
                "200, 200, NULL, true",
                "300, 200, NULL, false",
                "replica, replica, NULL, true",
                "Replica, replica, NULL, true",
                "logical, replica, NULL, false",
                "'pg_stat_statements', pg_stat_statements, NULL, true",
                "0.5, 0.5, NULL, true",
                "0.9, 0.5, NULL, false",
            })
    void comparesInTheParametersUnit(String wanted, String setting, String unit, boolean same) {
        assertThat(SettingValues.matches(wanted, setting, unit)).isEqualTo(same);
    }
}
