package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.swarm.SwarmNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where {@code pgha up --swarm} places a stack and what it registers (docs/decisions/0043), from the nodes alone. */
class SwarmPlanTest {

    private static final StackSpec SPEC =
            StackSpec.builder().name("sw").images(ImageProfile.LOCAL).build();
    private static final String EP = "unix:///tmp/th/1/docker.sock";

    private static SwarmNode node(String name, String state, String availability, String address) {
        return new SwarmNode(
                name + "-id",
                name,
                true,
                false,
                state,
                availability,
                address,
                "reachable",
                "",
                OptionalInt.empty(),
                OptionalLong.empty());
    }

    private static final List<SwarmNode> THREE = List.of(
            node("h3", "ready", "active", "10.9.0.13"),
            node("h1", "ready", "active", "10.9.0.11"),
            node("h2", "ready", "active", "10.9.0.12"));

    @Test
    void withoutHostsTheReadyActiveNodesByHostnameAtTheirAdvertisedAddresses() {
        SwarmPlan plan = SwarmPlan.of(SPEC, EP, List.of(), List.of(), THREE);
        assertThat(plan.hosts()).containsExactly("h1", "h2", "h3");
        assertThat(plan.addresses()).containsExactly("10.9.0.11", "10.9.0.12", "10.9.0.13");
        assertThat(plan.placement().constraint(2)).isEqualTo("node.hostname == h2");
    }

    @Test
    void namedHostsKeepTheirOrderAndGivenAddressesWin() {
        SwarmPlan plan = SwarmPlan.of(
                SPEC, EP, List.of("h3", "h1", "h2"), List.of("192.168.1.3", "192.168.1.1", "192.168.1.2"), THREE);
        assertThat(plan.hosts()).containsExactly("h3", "h1", "h2");
        assertThat(plan.addresses()).containsExactly("192.168.1.3", "192.168.1.1", "192.168.1.2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too few ready nodes          | h1,h2        |                         | down     | has 2 ready, active node(s)
            a drained node is not usable | h1,h2        |                         | drain    | has 2 ready, active node(s)
            hosts not one per slot       | h1,h2        | h1,h2                   | ready    | --hosts names 2 node(s); this stack needs 3
            an unknown node              | h1,h2        | h1,h2,h9                | ready    | the Swarm has no node h9
            a node named twice           | h1,h2        | h1,h2,h2                | ready    | names a node twice
            a down node named            | h1,h2        | h1,h2,h3                | down     | node h3 is down/active
            """)
    void refusesWithWhatToDo(String why, String readyOnes, String hosts, String thirdState, String message) {
        List<SwarmNode> nodes = List.of(
                node("h1", "ready", "active", "10.9.0.11"),
                node("h2", "ready", "active", "10.9.0.12"),
                "drain".equals(thirdState)
                        ? node("h3", "ready", "drain", "10.9.0.13")
                        : node("h3", thirdState, "active", "10.9.0.13"));
        List<String> wanted = hosts == null ? List.of() : List.of(hosts.split(","));
        assertThatThrownBy(() -> SwarmPlan.of(SPEC, EP, wanted, List.of(), nodes))
                .as(why + " (ready: " + readyOnes + ")")
                .isInstanceOf(PghaException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((PghaException) e).kind())
                .isEqualTo(PghaException.Kind.INVALID_INPUT);
    }

    @Test
    void addressesMustBeOneIpPerNode() {
        assertThatThrownBy(() -> SwarmPlan.of(SPEC, EP, List.of(), List.of("10.0.0.1"), THREE))
                .hasMessageContaining("--addresses gives 1 address(es); give 3");
        assertThatThrownBy(() -> SwarmPlan.of(SPEC, EP, List.of(), List.of("10.0.0.1", "h2", "10.0.0.3"), THREE))
                .hasMessageContaining("'h2' is not an IPv4 address");
        List<SwarmNode> noAddress = List.of(
                node("h1", "ready", "active", ""),
                node("h2", "ready", "active", "10.9.0.12"),
                node("h3", "ready", "active", "10.9.0.13"));
        assertThatThrownBy(() -> SwarmPlan.of(SPEC, EP, List.of(), List.of(), noAddress))
                .hasMessageContaining("node h1 advertised no usable address")
                .hasMessageContaining("--addresses");
    }

    @Test
    void theOfficialImagesAreRefusedAsForTheExport() {
        StackSpec official = SPEC.toBuilder().images(ImageProfile.OFFICIAL).build();
        assertThatThrownBy(() -> SwarmPlan.of(official, EP, List.of(), List.of(), THREE))
                .hasMessageContaining("a Swarm stack runs the local images");
    }

    @Test
    void theConnectionReachesEachMemberAtItsOwnNodeAndTheRouterAtTheFirst() {
        SwarmPlan plan = SwarmPlan.of(SPEC, EP, List.of(), List.of(), THREE);
        ClusterConnection c = plan.connection(Optional.of("/cfg/sw/pki/ca.crt"));
        var ports = plan.spec().ports();
        assertThat(c.name()).isEqualTo("sw");
        assertThat(c.etcdEndpoints())
                .containsExactly(
                        "https://10.9.0.11:" + ports.etcdOf(1),
                        "https://10.9.0.12:" + ports.etcdOf(2),
                        "https://10.9.0.13:" + ports.etcdOf(3));
        assertThat(c.patroniUrls())
                .containsEntry("pg-0", "https://10.9.0.11:" + ports.patroniOf(0))
                .containsEntry("pg-1", "https://10.9.0.12:" + ports.patroniOf(1))
                .containsEntry("pg-2", "https://10.9.0.13:" + ports.patroniOf(2));
        assertThat(c.router().orElseThrow().host()).isEqualTo("10.9.0.11");
        assertThat(c.router().orElseThrow().writePort()).isEqualTo(ports.write());
        assertThat(c.etcdAuth())
                .as("a Swarm stack's etcd has TLS but no users (ADR 28)")
                .isEmpty();
        assertThat(c.dockerStack()).as("its containers are not on this engine").isEmpty();
        assertThat(c.caFile()).contains("/cfg/sw/pki/ca.crt");
    }

    @Test
    void eachNodeKeepsItsOwnMembersVolumesAndTheRoutersIsOnEvery() {
        Map<String, List<String>> v =
                SwarmPlan.of(SPEC, EP, List.of(), List.of(), THREE).volumesByHost();
        assertThat(v.get("h1")).contains("sw_etcd-1-data", "sw_pg-0-data").doesNotContain("sw_pg-1-data");
        assertThat(v.get("h2")).contains("sw_etcd-2-data", "sw_pg-1-data").doesNotContain("sw_pg-0-data");
        assertThat(v.get("h3")).contains("sw_etcd-3-data", "sw_pg-2-data");
        assertThat(v.values()).allMatch(l -> l.contains("sw_router-api"));
    }

    @Test
    void servicesNotAllRunningAreMissing() {
        assertThat(SwarmUp.missing(
                        Map.of("pg-0", "1/1", "pg-1", "0/1", "pg-router", "3/3 (max 1 per node)"),
                        List.of("pg-0", "pg-1", "pg-2", "pg-router")))
                .containsExactly("pg-1", "pg-2");
    }
}
