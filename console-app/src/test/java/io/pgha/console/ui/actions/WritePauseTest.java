package io.pgha.console.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.RouterBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritePauseTest {

    private static final Instant T0 = SampleCluster.T0;

    @Test
    void thePauseRunsFromTheFirstSnapshotWithoutAWritablePrimaryToTheFirstWithOneAgain() {
        WritePause pause = new WritePause();

        pause.observe(SampleCluster.withLeader("pg-0", 3, T0));
        pause.observe(SampleCluster.handingOver("pg-0", "pg-1", 3, T0.plusMillis(100)));
        pause.observe(SampleCluster.handingOver("pg-0", "pg-1", 3, T0.plusMillis(400)));
        pause.observe(SampleCluster.withLeader("pg-1", 4, T0.plusMillis(900)));
        pause.observe(SampleCluster.handingOver("pg-1", "pg-2", 4, T0.plusMillis(2000)));

        assertThat(pause.measured()).contains(Duration.ofMillis(800));
    }

    @Test
    void aNewLeaderTheRouterDoesNotYetSendWritesToIsNotWritable() {
        ClusterSnapshot elected = SampleCluster.withLeader("pg-1", 4, T0);
        List<RouterBackend> stale = SampleCluster.backends("pg-0", elected.members());
        ClusterSnapshot routerBehind = SampleCluster.snapshot(
                T0,
                elected.leader(),
                elected.members(),
                elected.etcdMembers(),
                stale,
                elected.containers(),
                elected.checks());

        assertThat(WritePause.writable(routerBehind)).isFalse();
        assertThat(WritePause.writable(elected)).isTrue();
    }

    @Test
    void withoutASnapshotThatShowedWritesStoppedNothingIsMeasured() {
        WritePause pause = new WritePause();

        pause.observe(SampleCluster.withLeader("pg-0", 3, T0));
        pause.observe(SampleCluster.withLeader("pg-1", 4, T0.plusSeconds(1)));

        assertThat(pause.measured()).isEmpty();
    }
}
