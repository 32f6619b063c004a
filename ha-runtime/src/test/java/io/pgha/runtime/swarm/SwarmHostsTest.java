package io.pgha.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.HostInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SwarmHostsTest {

    private static final List<SwarmNode> NODES = List.of(
            node("n3", "pgha-th-3", "ready", false),
            node("n1", "pgha-th-1", "ready", true),
            node("n2", "pgha-th-2", "ready", false));

    private static SwarmNode node(String id, String hostname, String state, boolean leader) {
        return new SwarmNode(
                id,
                hostname,
                true,
                leader,
                state,
                "active",
                "192.168.241.1" + id.charAt(1),
                leader ? "reachable" : "reachable",
                "26.1.5",
                OptionalInt.of(2),
                OptionalLong.of(8L << 30));
    }

    /** A task of a replicated service (slot 1), or of a global one (slot 0: none). */
    private static SwarmTask task(String service, int slot, String node, String state, String createdAt) {
        return new SwarmTask(
                service,
                slot == 0 ? OptionalInt.empty() : OptionalInt.of(slot),
                Optional.ofNullable(node),
                state,
                "shutdown".equals(state) ? "shutdown" : "running",
                createdAt);
    }

    private static final String T0 = "2026-12-06T07:00:00Z";
    private static final String T1 = "2026-12-06T07:05:00Z";

    /** The spread of `pgha up --swarm` on three hosts (ADR 28's slots), every task running. */
    private static List<SwarmTask> spread() {
        return List.of(
                task("supervisor", 1, "n1", "running", T0),
                task("router", 0, "n1", "running", T0),
                task("router", 0, "n2", "running", T0),
                task("router", 0, "n3", "running", T0),
                task("pg-0", 1, "n1", "running", T0),
                task("pg-1", 1, "n2", "running", T0),
                task("pg-2", 1, "n3", "running", T0),
                task("pg-0-exporter", 1, "n1", "running", T0),
                task("etcd-3", 1, "n3", "running", T0),
                task("etcd-1", 1, "n1", "running", T0),
                task("etcd-2", 1, "n2", "running", T0));
    }

    private static List<SwarmTask> plus(List<SwarmTask> tasks, SwarmTask... more) {
        return Stream.concat(tasks.stream(), Arrays.stream(more)).toList();
    }

    static Stream<Arguments> placements() {
        return Stream.of(
                Arguments.of(
                        "every member on the host of its running task, etcd then pg then router then supervisor",
                        spread(),
                        "etcd-1, pg-0, pg-0-exporter, router, supervisor",
                        "etcd-2, pg-1, router",
                        "etcd-3, pg-2, router"),
                Arguments.of(
                        "host 2 down: its tasks shut down, their replacements wait with no node — still host 2's",
                        plus(
                                spread().stream()
                                        .map(t -> t.node().equals(Optional.of("n2"))
                                                ? task(t.service(), t.slot().orElse(0), "n2", "shutdown", T0)
                                                : t)
                                        .toList(),
                                task("pg-1", 1, null, "pending", T1),
                                task("etcd-2", 1, null, "pending", T1)),
                        "etcd-1, pg-0, pg-0-exporter, router, supervisor",
                        "etcd-2 (shutdown), pg-1 (shutdown), router (shutdown)",
                        "etcd-3, pg-2, router"),
                Arguments.of(
                        "host 2 back: the newer task on it counts, not the shut-down one",
                        plus(spread(), task("pg-1", 1, "n2", "shutdown", "2026-12-06T06:00:00Z")),
                        "etcd-1, pg-0, pg-0-exporter, router, supervisor",
                        "etcd-2, pg-1, router",
                        "etcd-3, pg-2, router"),
                Arguments.of(
                        "a member moved to another host: only the newest placed task counts",
                        plus(spread(), task("supervisor", 1, "n3", "starting", T1)),
                        "etcd-1, pg-0, pg-0-exporter, router",
                        "etcd-2, pg-1, router",
                        "etcd-3, pg-2, router, supervisor (starting)"),
                Arguments.of("no stack deployed: hosts without members", List.of(), "", "", ""),
                Arguments.of(
                        "ten members sort by number, not by text; the scope's routers and supervisor after them",
                        List.of(
                                task("pg-supervisor", 1, "n1", "running", T0),
                                task("pg-router-2", 0, "n1", "running", T0),
                                task("pg-10", 1, "n1", "running", T0),
                                task("pg-router", 0, "n1", "running", T0),
                                task("pg-2-exporter", 1, "n1", "running", T0),
                                task("pg-2", 1, "n1", "running", T0),
                                task("etcd-1", 1, "n1", "running", T0),
                                task("prometheus", 1, "n1", "running", T0)),
                        "etcd-1, pg-2, pg-2-exporter, pg-10, pg-router, pg-router-2, pg-supervisor, prometheus",
                        "",
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void membersArePlacedOnTheHostOfTheirLatestPlacedTask(
            String why, List<SwarmTask> tasks, String host1, String host2, String host3) {
        List<HostInfo> hosts = SwarmHosts.join(NODES, tasks);
        assertThat(hosts).extracting(HostInfo::name).containsExactly("pgha-th-1", "pgha-th-2", "pgha-th-3");
        assertThat(hosts).extracting(HostInfo::membersText).containsExactly(host1, host2, host3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void aHostCarriesItsNodesStateRoleEngineAndResources(
            String why, SwarmNode node, String state, String role, String resources) {
        HostInfo h = SwarmHosts.join(List.of(node), List.of()).get(0);
        assertThat(h.stateText()).isEqualTo(state);
        assertThat(h.role()).isEqualTo(role);
        assertThat(h.resourcesText()).isEqualTo(resources);
        assertThat(h.engine()).isEqualTo(node.engine());
        assertThat(h.address()).isEqualTo(node.address());
    }

    static Stream<Arguments> nodes() {
        return Stream.of(
                Arguments.of(
                        "the Raft leader",
                        node("n1", "pgha-th-1", "ready", true),
                        "ready/active",
                        "manager leader",
                        "2 CPUs, 8.0 GiB"),
                Arguments.of(
                        "a manager down, unreachable",
                        new SwarmNode(
                                "n2",
                                "pgha-th-2",
                                true,
                                false,
                                "down",
                                "active",
                                "192.168.241.12",
                                "unreachable",
                                "26.1.5",
                                OptionalInt.of(1),
                                OptionalLong.of(512L << 20)),
                        "down/active",
                        "manager unreachable",
                        "1 CPU, 512 MiB"),
                Arguments.of(
                        "a drained worker that described no resources",
                        new SwarmNode(
                                "n4",
                                "pgha-th-4",
                                false,
                                false,
                                "ready",
                                "drain",
                                "192.168.241.14",
                                "",
                                "",
                                OptionalInt.empty(),
                                OptionalLong.empty()),
                        "ready/drain",
                        "worker",
                        ""));
    }
}
