package io.pgha.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamicConfigRulesTest {

    private static final Map<String, Object> CURRENT = Map.of(
            "ttl",
            20,
            "loop_wait",
            2,
            "retry_timeout",
            5,
            "maximum_lag_on_failover",
            1048576,
            "postgresql",
            Map.of("use_pg_rewind", true, "parameters", Map.of("max_connections", 200, "wal_keep_size", "256MB")));

    private static ConfigPlan preview(Map<String, String> changes) {
        return DynamicConfigRules.preview(CURRENT, changes);
    }

    @Test
    void loopWaitPlusTwiceRetryTimeoutMustNotExceedTtl() {
        assertThat(preview(Map.of("loop_wait", "20", "ttl", "20")).problems())
                .singleElement()
                .asString()
                .contains("20 + 2·5 = 30 > ttl 20");
        assertThat(preview(Map.of("retry_timeout", "10")).problems())
                .singleElement()
                .asString()
                .contains("2 + 2·10 = 22 > ttl 20");
        assertThat(preview(Map.of("ttl", "30", "retry_timeout", "10")).valid()).isTrue();
        // a removed key falls back to Patroni's default (loop_wait 10): 10 + 2·5 = 20 ≤ 20
        assertThat(preview(Map.of("loop_wait", "")).valid()).isTrue();
        assertThat(DynamicConfigRules.preview(Map.of(), Map.of("ttl", "25")).problems())
                .singleElement()
                .asString()
                .contains("10 + 2·10 = 30 > ttl 25");
    }

    @Test
    void patronisMinimumsAndTypesAreChecked() {
        assertThat(preview(Map.of("ttl", "10")).problems())
                .containsExactly("ttl must be at least 20 (Patroni's minimum), not 10");
        assertThat(preview(Map.of("loop_wait", "0")).problems())
                .singleElement()
                .asString()
                .contains("loop_wait must be at least 1");
        assertThat(preview(Map.of("retry_timeout", "2")).problems())
                .singleElement()
                .asString()
                .contains("at least 3");
        assertThat(preview(Map.of("loop_wait", "two")).problems())
                .containsExactly("loop_wait must be a whole number, not 'two'");
        assertThat(preview(Map.of("synchronous_mode", "maybe")).problems())
                .singleElement()
                .asString()
                .contains("true or false or quorum");
        assertThat(preview(Map.of("loop_wiat", "2")).problems())
                .singleElement()
                .asString()
                .startsWith("unknown key 'loop_wiat'");
        assertThat(preview(Map.of("pause", "true")).problems())
                .singleElement()
                .asString()
                .contains("pgha pause");
        assertThat(preview(Map.of("postgresql.parameters.port", "5433")).problems())
                .singleElement()
                .asString()
                .contains("per node");
        assertThat(preview(Map.of()).valid()).isFalse();
    }

    @Test
    void theDiffListsOnlyWhatChangesAndThePatchIsNested() {
        ConfigPlan plan = preview(Map.of(
                "loop_wait",
                "2",
                "synchronous_mode",
                "true",
                "postgresql.parameters.work_mem",
                "8MB",
                "postgresql.parameters.max_connections",
                "300",
                "postgresql.parameters.wal_keep_size",
                ""));
        assertThat(plan.valid()).isTrue();
        assertThat(plan.changes())
                .containsExactly(
                        new ConfigPlan.Change(
                                "postgresql.parameters.max_connections", Optional.of("200"), Optional.of("300")),
                        new ConfigPlan.Change(
                                "postgresql.parameters.wal_keep_size", Optional.of("256MB"), Optional.empty()),
                        new ConfigPlan.Change("postgresql.parameters.work_mem", Optional.empty(), Optional.of("8MB")),
                        new ConfigPlan.Change("synchronous_mode", Optional.empty(), Optional.of("true")));
        assertThat(plan.restartNeeded()).containsExactly("max_connections");
        Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("max_connections", 300L);
        parameters.put("wal_keep_size", null);
        parameters.put("work_mem", "8MB");
        assertThat(plan.patch())
                .isEqualTo(Map.of("synchronous_mode", true, "postgresql", Map.of("parameters", parameters)));
    }

    @Test
    void valuesAreTypedAsPatroniWantsThem() {
        assertThat(DynamicConfigRules.parse("synchronous_mode", "on")).isEqualTo(true);
        assertThat(DynamicConfigRules.parse("synchronous_mode", "quorum")).isEqualTo("quorum");
        assertThat(DynamicConfigRules.parse("postgresql.use_slots", "off")).isEqualTo(false);
        assertThat(DynamicConfigRules.parse("maximum_lag_on_failover", "0")).isEqualTo(0L);
        assertThat(DynamicConfigRules.parse("postgresql.parameters.work_mem", "64"))
                .isEqualTo(64L);
        assertThat(DynamicConfigRules.parse("postgresql.parameters.log_line_prefix", "%m "))
                .isEqualTo("%m ");
    }

    @Test
    void flatteningKeepsParameterNamesWhole() {
        Map<String, Object> config =
                Map.of("postgresql", Map.of("parameters", Map.of("pg_stat_statements.max", 1000)), "ttl", 20.0);
        assertThat(DynamicConfigRules.flatten(config))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("postgresql.parameters.pg_stat_statements.max", "1000", "ttl", "20"));
        assertThat(preview(Map.of("postgresql.parameters.pg_stat_statements.max", "5000"))
                        .valid())
                .isTrue();
    }
}
