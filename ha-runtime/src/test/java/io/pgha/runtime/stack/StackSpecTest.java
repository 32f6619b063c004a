package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StackSpecTest {

    @Test
    void defaultsAreTheCommittedStack() {
        StackSpec d = StackSpec.defaults();
        assertThat(d.name()).isEqualTo("pg-ha");
        assertThat(d.nodes()).isEqualTo(3);
        assertThat(d.etcdMembers()).isEqualTo(3);
        assertThat(d.images()).isEqualTo(ImageProfile.AUTO);
        assertThat(d.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(d.ports()).isEqualTo(new StackPorts(5000, 5001, 8404, 8008, 23791, 9187));
        assertThat(d.patroni()).isEqualTo(new PatroniTuning(20, 2, 5, SynchronousMode.QUORUM, 1, 1_048_576, 10));
        assertThat(d.postgresParameters())
                .containsExactly(
                        java.util.Map.entry("max_connections", "200"),
                        java.util.Map.entry("wal_keep_size", "256MB"),
                        java.util.Map.entry("wal_retrieve_retry_interval", "100ms"));
        assertThat(d.fastPaths()).isEqualTo(FastPaths.DEFAULTS);
    }

    @Test
    void fastHandoverReachesPatroniAndTheRouterAndTheSeedSettingsLeaveItOut() {
        StackLayout fast = StackLayout.of(StackSpec.defaults());
        assertThat(fast.services())
                .filteredOn(s -> s.role() == StackService.Role.POSTGRES)
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.environment()).containsEntry("PGHA_FAST_HANDOVER", "1"));
        assertThat(HaproxyRenderer.render(StackSpec.defaults()))
                .contains("    retries 3\n    option redispatch 1\n    timeout connect 300ms\n");

        StackSpec seed = StackSpec.builder().seedSettings().build();
        assertThat(StackLayout.of(seed).services())
                .allSatisfy(s -> assertThat(s.environment()).doesNotContainKey("PGHA_FAST_HANDOVER"));
        assertThat(HaproxyRenderer.render(seed))
                .contains("    retries 1\n    timeout connect 1s\n")
                .doesNotContain("redispatch");
        assertThat(seed.postgresParameters()).doesNotContainKey("wal_retrieve_retry_interval");
    }

    @Test
    void nodeAndEtcdCountsAreBounded() {
        refused(() -> StackSpec.builder().nodes(0).build(), "1 to 7 PostgreSQL nodes, not 0");
        refused(() -> StackSpec.builder().nodes(8).build(), "1 to 7 PostgreSQL nodes, not 8");
        refused(() -> StackSpec.builder().etcdMembers(2).build(), "1, 3 or 5 etcd members");
        assertThat(StackSpec.builder().nodes(7).etcdMembers(5).build().nodes()).isEqualTo(7);
        assertThat(StackSpec.builder().nodes(1).etcdMembers(1).build().etcdMembers())
                .isEqualTo(1);
    }

    @Test
    void patroniTimingsAreValidatedAsPatroniDoes() {
        refused(() -> new PatroniTuning(19, 2, 5, SynchronousMode.OFF, 1, 0, 10), "below Patroni's minimum of 20");
        refused(
                () -> new PatroniTuning(20, 0, 5, SynchronousMode.OFF, 1, 0, 10),
                "loop_wait 0 is below Patroni's minimum of 1");
        refused(
                () -> new PatroniTuning(20, 2, 2, SynchronousMode.OFF, 1, 0, 10),
                "retry_timeout 2 is below Patroni's minimum of 3");
        refused(
                () -> new PatroniTuning(20, 2, 10, SynchronousMode.OFF, 1, 0, 10),
                "loop_wait + 2·retry_timeout <= ttl, but 2 + 2·10 = 22 > 20");
        refused(
                () -> new PatroniTuning(30, 10, 10, SynchronousMode.OFF, 1, -1, 10),
                "maximum_lag_on_failover -1 is negative");
        assertThat(new PatroniTuning(30, 10, 10, SynchronousMode.ON, 1, 0, 0).ttl())
                .isEqualTo(30);
    }

    @Test
    void portsMustNotOverlapOrOverflow() {
        refused(
                () -> StackSpec.builder()
                        .ports(new StackPorts(5000, 5000, 8404, 8008, 23791, 9187))
                        .build(),
                "port 5000 is given to both the router writes and the router reads");
        refused(
                () -> StackSpec.builder()
                        .ports(new StackPorts(5000, 5001, 8404, 8008, 23791, 8009))
                        .build(),
                "port 8009 is given to both the Patroni REST of pg-1 and the exporter of pg-0");
        refused(
                () -> StackSpec.builder()
                        .ports(new StackPorts(5000, 5001, 8404, 65535, 23791, 9187))
                        .build(),
                "beyond 65535");
        refused(() -> new StackPorts(0, 5001, 8404, 8008, 23791, 9187), "write port 0 is out of range");
    }

    @Test
    void namesAddressesAndParametersAreChecked() {
        refused(() -> StackSpec.builder().name("Bad_Name").build(), "invalid cluster name 'Bad_Name'");
        refused(
                () -> StackSpec.builder().bindAddress("localhost").build(),
                "bind address 'localhost' is not an IP address");
        refused(
                () -> StackSpec.builder()
                        .postgresParameter("max connections", "1")
                        .build(),
                "invalid PostgreSQL parameter name");
        refused(
                () -> StackSpec.builder().postgresParameter("work_mem", "").build(),
                "invalid value for PostgreSQL parameter work_mem");
        refused(() -> new StackUsers("postgres", "postgres", "admin"), "must have different names");
        assertThat(StackSpec.builder().bindAddress("::1").build().bindAddress()).isEqualTo("::1");
    }

    @Test
    void otherStacksPrefixContainerNamesButKeepHostNames() {
        StackLayout other =
                StackLayout.of(StackSpec.builder().name("shop").nodes(2).build());
        assertThat(other.containerName("pg-0")).isEqualTo("shop-pg-0");
        assertThat(other.volumeName("pg-0-data")).isEqualTo("shop_pg-0-data");
        assertThat(other.services())
                .extracting(StackService::name)
                .containsExactly(
                        "etcd-1",
                        "etcd-2",
                        "etcd-3",
                        "pg-0",
                        "pg-1",
                        "pg-0-exporter",
                        "pg-1-exporter",
                        "pg-router",
                        "pg-router-2",
                        "pg-supervisor",
                        "pg-prometheus");
        assertThat(other.services())
                .filteredOn(s -> s.role() == StackService.Role.SUPERVISOR)
                .singleElement()
                .satisfies(s -> assertThat(s.environment())
                        .containsEntry("PGHA_CONTAINER_PREFIX", "shop-")
                        .containsEntry("PGHA_MEMBERS", "pg-0,pg-1"));
        StackLayout standard = StackLayout.of(StackSpec.defaults());
        assertThat(standard.containerName("pg-0")).isEqualTo("pg-0");
        assertThat(standard.volumeName("etcd-1-data")).isEqualTo("pg-ha_etcd-1-data");
    }

    @Test
    void thePostgresLoginGoesToTheNodesTheirExportersAndTheSupervisorOnly() {
        assertThat(StackLayout.of(StackSpec.defaults()).services())
                .allSatisfy(s -> assertThat(s.credentials())
                        .as(s.name())
                        .isEqualTo(s.role() == StackService.Role.POSTGRES
                                || s.role() == StackService.Role.EXPORTER
                                || s.role() == StackService.Role.SUPERVISOR));
    }

    private static void refused(Executable make, String message) {
        assertThatThrownBy(make::execute)
                .isInstanceOf(PghaException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((PghaException) e).kind())
                .isEqualTo(PghaException.Kind.INVALID_INPUT);
    }
}
