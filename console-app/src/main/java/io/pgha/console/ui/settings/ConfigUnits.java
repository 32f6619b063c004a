package io.pgha.console.ui.settings;

import io.pgha.console.ui.common.Formats;
import java.util.Map;

/** The unit of a key of Patroni's dynamic configuration, which its values leave out. */
final class ConfigUnits {

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("ttl", "seconds"),
            Map.entry("loop_wait", "seconds"),
            Map.entry("retry_timeout", "seconds"),
            Map.entry("primary_start_timeout", "seconds"),
            Map.entry("primary_stop_timeout", "seconds"),
            Map.entry("master_start_timeout", "seconds"),
            Map.entry("master_stop_timeout", "seconds"),
            Map.entry("failsafe_mode_timeout", "seconds"),
            Map.entry("maximum_lag_on_failover", "bytes"),
            Map.entry("maximum_lag_on_syncnode", "bytes"),
            Map.entry("synchronous_node_count", "members"),
            Map.entry("max_timelines_history", "timelines"));

    private ConfigUnits() {}

    /** "seconds", "bytes (1.0 MiB)", or empty when the key has no unit pgha knows. */
    static String of(String key, String value) {
        String unit = UNITS.getOrDefault(key, "");
        if (unit.equals("bytes")) {
            try {
                return "bytes (" + Formats.bytes(Long.parseLong(value.strip())) + ")";
            } catch (NumberFormatException notANumber) {
                return unit;
            }
        }
        return unit;
    }
}
