package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import io.pgha.runtime.usecase.DrillPlanning;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stack made with another name than pg-ha calls pg-0's container NAME-pg-0: drills aim at that container (they
 * refused such stacks, "no container is named pg-0, pg-1, pg-2").
 */
class DrillTargetingTest {

    private final ClusterConnection connection = SampleCluster.connection("demo");

    @Test
    void aimsAtTheContainerRunningTheMembersServiceInANamedStack() {
        ClusterSnapshot named = prefixed(SampleCluster.healthy(), "demo-");

        assertThat(DrillPlanning.unavailableReason(connection, named)).isEmpty();
        DrillTarget target = DrillPlanning.target(
                connection, named, Optional.of(new StackCredentials.Login("postgres", "secret")), line -> {});
        assertThat(target.members()).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(target.containerOf("pg-1")).isEqualTo("demo-pg-1");
        assertThat(target.etcdMembers()).containsExactly("demo-etcd-1", "demo-etcd-2", "demo-etcd-3");
    }

    @Test
    void theComposeStacksContainersAreNamedLikeTheirMembers() {
        DrillTarget target = DrillPlanning.target(
                connection,
                SampleCluster.healthy(),
                Optional.of(new StackCredentials.Login("postgres", "secret")),
                line -> {});
        assertThat(target.containerOf("pg-1")).isEqualTo("pg-1");
    }

    @Test
    void refusesWhenNoContainerRunsAMember() {
        ClusterSnapshot without = SnapshotBuilder.from(SampleCluster.healthy())
                .containers(SampleCluster.healthy().containers().stream()
                        .filter(c -> !c.name().equals("pg-2"))
                        .toList())
                .build();

        assertThat(DrillPlanning.unavailableReason(connection, without))
                .hasValueSatisfying(r -> assertThat(r).contains("none runs pg-2"));
    }

    private static ClusterSnapshot prefixed(ClusterSnapshot s, String prefix) {
        return SnapshotBuilder.from(s)
                .containers(s.containers().stream()
                        .map(c -> new ContainerInfo(
                                prefix + c.name(),
                                c.id(),
                                c.role(),
                                c.image(),
                                c.state(),
                                c.health(),
                                c.restartCount(),
                                c.startedAt(),
                                c.exitCode(),
                                Optional.of(c.name())))
                        .toList())
                .build();
    }
}
