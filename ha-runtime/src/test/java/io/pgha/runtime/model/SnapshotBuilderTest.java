package io.pgha.runtime.model;

import static io.pgha.runtime.testsupport.MemberBuilder.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The tests' one snapshot builder (testsupport.SnapshotBuilder) makes what the record's constructor would. */
class SnapshotBuilderTest {

    @Test
    void fromNothingAnEmptyClusterAndAMemberAsPatroniPublishesIt() {
        ClusterSnapshot s = SnapshotBuilder.snapshot()
                .member(member("pg-0", Role.LEADER, "running").build())
                .build();

        assertThat(s)
                .isEqualTo(new ClusterSnapshot(
                        "pg-ha",
                        SnapshotBuilder.AT,
                        Optional.empty(),
                        List.of(new Member(
                                "pg-0",
                                Role.LEADER,
                                "running",
                                OptionalInt.empty(),
                                OptionalLong.empty(),
                                OptionalLong.empty(),
                                "pg-0",
                                5432,
                                "http://pg-0:8008/patroni",
                                Map.of(),
                                false,
                                Optional.empty())),
                        SyncState.OFF,
                        false,
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        List.of()));
    }

    @Test
    void fromASnapshotEveryFieldIsKept() {
        ClusterSnapshot s = SnapshotBuilder.snapshot()
                .scope("shop")
                .takenAt(Instant.parse("2026-02-03T04:05:06Z"))
                .leader("pg-1")
                .members(
                        member("pg-0", Role.REPLICA, "streaming").lag(0).build(),
                        member("pg-1", Role.LEADER, "running").build())
                .sync("on", "pg-0")
                .paused(true)
                .scheduledSwitchover(Optional.of(
                        new ScheduledSwitchover(Optional.empty(), Optional.of("pg-1"), Optional.of("pg-0"))))
                .etcdMember(new EtcdMember(
                        "etcd-1",
                        "http://etcd-1:2379",
                        Health.UP,
                        true,
                        OptionalLong.of(2),
                        OptionalLong.empty(),
                        List.of(),
                        Optional.empty()))
                .routerBackend(
                        new RouterBackend("primary", "pg-1", RouterBackend.Status.UP, "L7OK", OptionalLong.of(1), 3))
                .source(new SourceStatus(Source.DCS, true, Optional.empty(), SnapshotBuilder.AT))
                .config("ttl", 20)
                .build();

        assertThat(SnapshotBuilder.from(s).build()).isEqualTo(s);
    }

    @Test
    void aReplacedMemberKeepsItsPlaceANewOneGoesInNameOrder() {
        SnapshotBuilder b = SnapshotBuilder.snapshot()
                .members(
                        member("pg-0", Role.LEADER, "running").build(),
                        member("pg-2", Role.REPLICA, "streaming").build());

        ClusterSnapshot s = b.member(member("pg-1", Role.REPLICA, "streaming").build())
                .member(member("pg-0", Role.REPLICA, "stopped").build())
                .build();

        assertThat(s.members())
                .extracting(Member::name, Member::state)
                .containsExactly(tuple("pg-0", "stopped"), tuple("pg-1", "streaming"), tuple("pg-2", "streaming"));
    }
}
