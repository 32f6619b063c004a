package io.pgha.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which configuration changes weaken durability or security; "-" is a key that is not set (its default applies). */
class ConfigWeakeningTest {

    @ParameterizedTest(name = "{0}: {1} → {2}: {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "synchronous_mode                              | quorum       | false        | DURABILITY",
                "synchronous_mode                              | true         | false        | DURABILITY",
                "synchronous_mode                              | true         | -            | DURABILITY",
                "synchronous_mode                              | quorum       | off          | DURABILITY",
                "synchronous_mode                              | false        | true         | -",
                "synchronous_mode                              | true         | quorum       | -",
                "synchronous_mode                              | -            | false        | -",
                "synchronous_mode_strict                       | true         | false        | DURABILITY",
                "synchronous_mode_strict                       | false        | true         | -",
                "synchronous_node_count                        | 2            | 1            | DURABILITY",
                "synchronous_node_count                        | 1            | 2            | -",
                "failsafe_mode                                 | true         | false        | DURABILITY",
                "failsafe_mode                                 | -            | true         | -",
                "postgresql.parameters.synchronous_commit      | on           | off          | DURABILITY",
                "postgresql.parameters.synchronous_commit      | -            | local        | DURABILITY",
                "postgresql.parameters.synchronous_commit      | remote_apply | on           | DURABILITY",
                "postgresql.parameters.synchronous_commit      | off          | on           | -",
                "postgresql.parameters.synchronous_commit      | local        | -            | -",
                "postgresql.parameters.synchronous_commit      | off          | local        | -",
                "postgresql.parameters.fsync                   | -            | off          | DURABILITY",
                "postgresql.parameters.fsync                   | on           | false        | DURABILITY",
                "postgresql.parameters.fsync                   | off          | on           | -",
                "postgresql.parameters.full_page_writes        | on           | off          | DURABILITY",
                "postgresql.parameters.full_page_writes        | off          | -            | -",
                "postgresql.parameters.wal_level               | replica      | minimal      | DURABILITY",
                "postgresql.parameters.wal_level               | logical      | MINIMAL      | DURABILITY",
                "postgresql.parameters.wal_level               | replica      | logical      | -",
                "postgresql.parameters.ssl                     | on           | off          | SECURITY",
                "postgresql.parameters.ssl                     | -            | off          | SECURITY",
                "postgresql.parameters.ssl                     | on           | -            | -",
                "postgresql.parameters.ssl                     | off          | on           | -",
                "postgresql.parameters.password_encryption     | -            | md5          | SECURITY",
                "postgresql.parameters.password_encryption     | md5          | scram-sha-256 | -",
                "postgresql.parameters.archive_command         | -            | /bin/true    | SECURITY",
                "postgresql.parameters.archive_command         | cp %p /a/%f  | nc -e sh x   | SECURITY",
                "postgresql.parameters.shared_preload_libraries | -           | evil         | SECURITY",
                "postgresql.parameters.work_mem                | 4MB          | 1MB          | -",
                "postgresql.parameters.max_connections         | 200          | 100          | -",
                "loop_wait                                     | 2            | 10           | -",
                "ttl                                           | 20           | 30           | -",
            })
    void weakeningIsJudgedFromBeforeAndAfter(String key, String before, String after, String kind) {
        Optional<ConfigWeakening.Weakening> w = ConfigWeakening.check(
                new ConfigPlan.Change(key, Optional.ofNullable(before), Optional.ofNullable(after)));

        assertThat(w.map(ConfigWeakening.Weakening::kind).map(Enum::name)).isEqualTo(Optional.ofNullable(kind));
    }

    @Test
    void theDescriptionSaysWhatStopsBeingGuaranteed() {
        List<ConfigWeakening.Weakening> found = ConfigWeakening.of(List.of(
                new ConfigPlan.Change("loop_wait", Optional.of("2"), Optional.of("3")),
                new ConfigPlan.Change("synchronous_mode", Optional.of("quorum"), Optional.of("false")),
                new ConfigPlan.Change("postgresql.parameters.ssl", Optional.of("on"), Optional.of("off"))));

        assertThat(found)
                .extracting(ConfigWeakening.Weakening::describe)
                .containsExactly(
                        "weakens durability: synchronous_mode quorum → false: commits no longer wait for a standby:"
                                + " a failover can lose transactions the primary acknowledged",
                        "weakens security: postgresql.parameters.ssl on → off: connections are no longer encrypted");
    }
}
