package io.pgha.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {

    private static final Instant T = SampleCluster.T0;

    @Test
    void beforeEtcdOrPatroniAnsweredTheClusterIsCheckingNotDown() {
        ClusterSnapshot first = SnapshotBuilder.snapshot()
                .takenAt(T)
                .etcdMembers(SampleCluster.allEtcdUp())
                .sources(List.of(
                        new SourceStatus(Source.DCS, false, Optional.of(SourceStatus.FIRST_ANSWER_PENDING), T),
                        new SourceStatus(Source.PATRONI, false, Optional.of(SourceStatus.FIRST_ANSWER_PENDING), T)))
                .build();

        assertThat(first.health().name())
                .as("what the snapshot alone would say")
                .isEqualTo("DOWN");
        assertThat(ClusterStatus.of(first, Optional.empty())).isEqualTo(ClusterStatus.CHECKING);
    }

    @Test
    void aClusterThatAnsweredIsShownAsItIsAndPlannedWorkAsPlanned() {
        assertThat(ClusterStatus.of(SampleCluster.healthy(), Optional.empty()))
                .isEqualTo(new ClusterStatus(Tone.OK, "healthy"));
        assertThat(ClusterStatus.of(SampleCluster.primaryDown("pg-0", T), Optional.empty()))
                .isEqualTo(new ClusterStatus(Tone.FAIL, "down"));
        assertThat(ClusterStatus.of(
                        SampleCluster.handingOver("pg-0", "pg-1", 3, T),
                        Optional.of(PlannedWork.switchover("pg-0", "pg-1"))))
                .isEqualTo(new ClusterStatus(Tone.PLANNED, "switching over (pg-0 → pg-1)"));
    }
}
