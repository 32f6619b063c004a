package io.pgha.runtime.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Reachability;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeDescription;
import com.github.dockerjava.api.model.SwarmNodeEngineDescription;
import com.github.dockerjava.api.model.SwarmNodeManagerStatus;
import com.github.dockerjava.api.model.SwarmNodeResources;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.SwarmNodeStatus;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
import io.pgha.runtime.PghaException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
        assertThat(n)
                .isEqualTo(new SwarmNode(
                        "abc",
                        "pgha-th-2",
                        true,
                        true,
                        "down",
                        "drain",
                        "192.168.231.12",
                        "",
                        "",
                        OptionalInt.empty(),
                        OptionalLong.empty()));
        assertThat(n.ready()).isFalse();
        assertThat(n.role()).isEqualTo("manager leader");
    }

    @Test
    void aNodesEngineCpusMemoryAndReachabilityAreReadFromItsDescription() {
        SwarmNode n = DockerJavaSwarm.node(new com.github.dockerjava.api.model.SwarmNode()
                .withId("def")
                .withDescription(new SwarmNodeDescription()
                        .withHostname("pgha-th-3")
                        .withEngine(new SwarmNodeEngineDescription().withEngineVersion("26.1.5"))
                        .withResources(new SwarmNodeResources()
                                .withNanoCPUs(2_000_000_000L)
                                .withMemoryBytes(8_254_447_616L)))
                .withSpec(new SwarmNodeSpec()
                        .withRole(SwarmNodeRole.MANAGER)
                        .withAvailability(SwarmNodeAvailability.ACTIVE))
                .withStatus(
                        new SwarmNodeStatus().withState(SwarmNodeState.READY).withAddress("192.168.231.13"))
                .withManagerStatus(new SwarmNodeManagerStatus().withReachability(Reachability.UNREACHABLE)));
        assertThat(n.engine()).isEqualTo("26.1.5");
        assertThat(n.cpus()).hasValue(2);
        assertThat(n.memoryBytes()).hasValue(8_254_447_616L);
        assertThat(n.role()).isEqualTo("manager unreachable");
    }

    @Test
    void aStackTaskIsReadWithItsShortServiceNameSlotNodeAndStates() {
        SwarmTask t = DockerJavaSwarm.task(
                new Task()
                        .withSlot(1)
                        .withNodeId("n2")
                        .withStatus(new TaskStatus().withState(TaskState.RUNNING))
                        .withDesiredState(TaskState.RUNNING)
                        .withCreatedAt("2026-12-06T07:00:00.123Z"),
                "pgha-sw",
                "pgha-sw_pg-1");
        assertThat(t)
                .isEqualTo(new SwarmTask(
                        "pg-1",
                        OptionalInt.of(1),
                        Optional.of("n2"),
                        "running",
                        "running",
                        "2026-12-06T07:00:00.123Z"));
        SwarmTask waiting = DockerJavaSwarm.task(
                new Task().withStatus(new TaskStatus().withState(TaskState.PENDING)), "pgha-sw", "pgha-sw_router");
        assertThat(waiting.node()).isEmpty();
        assertThat(waiting.slot()).isEmpty();
        assertThat(waiting.state()).isEqualTo("pending");
        assertThat(waiting.desired()).isEqualTo("unknown");
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
