package io.pgha.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeDescription;
import com.github.dockerjava.api.model.SwarmNodeManagerStatus;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.SwarmNodeStatus;
import io.pgha.runtime.PghaException;
import org.junit.jupiter.api.Test;

class SwarmAdapterTest {

    private static final String EP = "unix:///tmp/pgha-th/1/docker.sock";

    @Test
    void aManagerNodeIsReadWithItsHostnameStateAndLeadership() {
        SwarmNode n = DockerJavaSwarm.node(new com.github.dockerjava.api.model.SwarmNode()
                .withId("abc")
                .withDescription(new SwarmNodeDescription().withHostname("pgha-th-2"))
                .withSpec(new SwarmNodeSpec()
                        .withRole(SwarmNodeRole.MANAGER)
                        .withAvailability(SwarmNodeAvailability.DRAIN))
                .withStatus(new SwarmNodeStatus().withState(SwarmNodeState.DOWN).withAddress("192.168.231.12"))
                .withManagerStatus(new SwarmNodeManagerStatus().withLeader(true)));
        assertThat(n).isEqualTo(new SwarmNode("abc", "pgha-th-2", true, true, "down", "drain", "192.168.231.12"));
        assertThat(n.ready()).isFalse();
    }

    @Test
    void aWorkerWithoutManagerStatusOrStatusIsNeitherLeaderNorReady() {
        SwarmNode n = DockerJavaSwarm.node(new com.github.dockerjava.api.model.SwarmNode()
                .withId("w")
                .withSpec(new SwarmNodeSpec().withRole(SwarmNodeRole.WORKER)));
        assertThat(n.manager()).isFalse();
        assertThat(n.leader()).isFalse();
        assertThat(n.state()).isEqualTo("unknown");
        assertThat(n.hostname()).isEmpty();
    }

    @Test
    void aWorkerEndpointIsNamedWithWhatToDo() {
        PghaException e = SwarmErrors.translate(
                EP,
                "listing the Swarm's nodes",
                new DockerException(
                        "Status 503: {\"message\":\"This node is not a swarm manager. Worker nodes can't be used to"
                                + " view or modify cluster state.\"}",
                        503));
        assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAVAILABLE);
        assertThat(e.getMessage())
                .contains(EP)
                .contains("worker, not a manager")
                .contains("manager's endpoint");
    }

    @Test
    void anEngineOutsideASwarmSaysHowToMakeOne() {
        PghaException e = SwarmErrors.translate(
                EP,
                "listing the Swarm's nodes",
                new DockerException(
                        "Status 503: {\"message\":\"This node is not a swarm manager. Use \\\"docker swarm init\\\" or"
                                + " \\\"docker swarm join\\\" to connect this node to swarm and try again.\"}",
                        503));
        assertThat(e.getMessage()).contains("not in a Swarm").contains("docker swarm init");
    }

    @Test
    void otherErrorsAreTheDockerAdaptersWithTheEndpointNamed() {
        PghaException e = SwarmErrors.translate(EP, "removing a service", new NotFoundException("no such service"));
        assertThat(e.kind()).isEqualTo(PghaException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("removing a service").contains(EP);
    }
}
