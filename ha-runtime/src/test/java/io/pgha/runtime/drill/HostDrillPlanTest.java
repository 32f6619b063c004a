package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.swarm.SwarmTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which host a host drill hits and through which it writes (docs/decisions/0045), as a table. */
class HostDrillPlanTest {

    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");
    private static final Map<String, String> URLS =
            Map.of("pg-0", "https://10.0.0.1:8008", "pg-1", "https://10.0.0.2:8009", "pg-2", "https://10.0.0.3:8010");

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final Map<String, String> SPREAD = ordered("pg-0", "h1", "pg-1", "h2", "pg-2", "h3");
    private static final Map<String, String> ADDRESSES = ordered("h1", "10.0.0.1", "h2", "10.0.0.2", "h3", "10.0.0.3");

    static Stream<Arguments> aims() {
        return Stream.of(
                // leader, placement, addresses -> host, via, address, Patroni asked first
                Arguments.of("pg-0", SPREAD, ADDRESSES, "h1", "h2", "10.0.0.2", "pg-1"),
                Arguments.of("pg-1", SPREAD, ADDRESSES, "h2", "h1", "10.0.0.1", "pg-0"),
                Arguments.of("pg-2", SPREAD, ADDRESSES, "h3", "h1", "10.0.0.1", "pg-0"),
                // the first other node has no address: the next one is used
                Arguments.of(
                        "pg-2",
                        SPREAD,
                        ordered("h1", "", "h2", "10.0.0.2", "h3", "10.0.0.3"),
                        "h3",
                        "h2",
                        "10.0.0.2",
                        "pg-0"),
                // a node without a member (a fourth host) is not written through
                Arguments.of(
                        "pg-0",
                        SPREAD,
                        ordered("h1", "10.0.0.1", "h4", "10.0.0.4", "h3", "10.0.0.3"),
                        "h1",
                        "h3",
                        "10.0.0.3",
                        "pg-1"));
    }

    @ParameterizedTest
    @MethodSource("aims")
    void aimsAtTheLeadersHostAndWritesThroughAnother(
            String leader,
            Map<String, String> placement,
            Map<String, String> addresses,
            String host,
            String via,
            String viaAddress,
            String askedFirst) {
        HostDrillPlan.Aim aim = HostDrillPlan.aim(leader, MEMBERS, placement, addresses, URLS);
        assertThat(aim.host()).isEqualTo(host);
        assertThat(aim.via()).isEqualTo(via);
        assertThat(aim.viaAddress()).isEqualTo(viaAddress);
        assertThat(aim.patroniUrls().keySet()).first().isEqualTo(askedFirst);
        assertThat(aim.patroniUrls().keySet())
                .as("the faulted host's member asked last")
                .last()
                .isEqualTo(leader);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        "pg-0",
                        ordered("pg-0", "h1", "pg-1", "h2"),
                        ADDRESSES,
                        PghaException.Kind.UNAVAILABLE,
                        "member pg-2 has no running task on the Swarm"),
                Arguments.of(
                        "pg-0",
                        ordered("pg-0", "h1", "pg-1", "h1", "pg-2", "h3"),
                        ADDRESSES,
                        PghaException.Kind.INVALID_INPUT,
                        "members pg-0 and pg-1 both run on h1; a host drill needs each member on its own host"),
                Arguments.of(
                        "pg-0",
                        SPREAD,
                        ordered("h1", "10.0.0.1", "h2", "", "h3", " "),
                        PghaException.Kind.INVALID_INPUT,
                        "no node other than h1 with a member and an address"),
                Arguments.of(
                        "pg-9",
                        SPREAD,
                        ADDRESSES,
                        PghaException.Kind.UNAVAILABLE,
                        "the leader pg-9 is not a member the drill knows"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesWhatIsNotAHostDrill(
            String leader,
            Map<String, String> placement,
            Map<String, String> addresses,
            PghaException.Kind kind,
            String message) {
        assertThatThrownBy(() -> HostDrillPlan.aim(leader, MEMBERS, placement, addresses, URLS))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((PghaException) e).kind())
                .isEqualTo(kind);
    }

    private static SwarmTask task(String service, String node, String desired, String state) {
        return new SwarmTask(
                service,
                java.util.OptionalInt.empty(),
                node.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(node),
                state,
                desired,
                "");
    }

    static Stream<Arguments> swarmAfterTheHeal() {
        SwarmTask pg0 = task("pg-0", "h1", "running", "running");
        SwarmTask etcd1 = task("etcd-1", "h1", "running", "running");
        SwarmTask others = task("pg-1", "h2", "running", "running");
        return Stream.of(
                Arguments.of(List.of(pg0, etcd1, others), true),
                // the replacement queued while h1 was lost has not started yet
                Arguments.of(List.of(task("pg-0", "", "running", "pending"), etcd1, others), false),
                Arguments.of(List.of(task("pg-0", "h1", "running", "starting"), etcd1, others), false),
                // the member that kept running through the partition is still there, to be shut down
                Arguments.of(List.of(pg0, task("pg-0", "h1", "shutdown", "running"), etcd1, others), false),
                // replaced, the old task shut down: settled
                Arguments.of(List.of(pg0, task("pg-0", "h1", "shutdown", "shutdown"), etcd1, others), true),
                // h1 runs nothing yet
                Arguments.of(List.of(others), false),
                // another node's task not running either
                Arguments.of(List.of(pg0, etcd1, task("pg-1", "h2", "running", "preparing")), false));
    }

    @ParameterizedTest
    @MethodSource("swarmAfterTheHeal")
    void swarmSettledWhenItsReplacementsRunAndTheOldTasksAreGone(List<SwarmTask> tasks, boolean settled) {
        assertThat(HostDrillPlan.settled(tasks, "h1")).isEqualTo(settled);
    }
}
