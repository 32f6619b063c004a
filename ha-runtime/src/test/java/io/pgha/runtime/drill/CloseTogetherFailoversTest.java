package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.postgres.WriteLoad;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure parts of double-failover and etcd-leader-during-failover (docs/decisions/0059-close-together-failovers). */
class CloseTogetherFailoversTest {

    private static RoleSamples.Sample sample(long at, String node, RoleSamples.State state) {
        return new RoleSamples.Sample(at, node, state);
    }

    static Stream<Arguments> successors() {
        var w = RoleSamples.State.WRITABLE;
        var r = RoleSamples.State.READ_ONLY;
        var u = RoleSamples.State.UNREACHABLE;
        return Stream.of(
                Arguments.of("no sample yet", List.of(), Optional.empty()),
                Arguments.of("only the killed one, still writable", List.of(sample(1100, "pg-0", w)), Optional.empty()),
                Arguments.of(
                        "another writable only before the kill",
                        List.of(sample(900, "pg-1", w), sample(1100, "pg-1", r)),
                        Optional.empty()),
                Arguments.of(
                        "replicas read-only, the killed one unreachable",
                        List.of(sample(1100, "pg-0", u), sample(1100, "pg-1", r), sample(1100, "pg-2", r)),
                        Optional.empty()),
                Arguments.of(
                        "the first other member writable after the kill",
                        List.of(sample(1100, "pg-0", u), sample(1200, "pg-2", w), sample(1300, "pg-1", w)),
                        Optional.of("pg-2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successors")
    void theSuccessorIsTheFirstOtherMemberSeenTakingWrites(
            String what, List<RoleSamples.Sample> samples, Optional<String> expected) {
        RoleSamples seen = new RoleSamples();
        samples.forEach(seen::add);
        assertThat(seen.firstWritableOtherThan("pg-0", 1000).map(RoleSamples.Sample::node))
                .isEqualTo(expected);
    }

    private static Map<String, DrillPatroni.MemberView> view(DrillPatroni.MemberView... members) {
        Map<String, DrillPatroni.MemberView> m = new HashMap<>();
        Arrays.stream(members).forEach(v -> m.put(v.name(), v));
        return m;
    }

    private static DrillPatroni.MemberView member(String name, String role, String state, int timeline) {
        return new DrillPatroni.MemberView(name, role, state, timeline);
    }

    static Stream<Arguments> takeovers() {
        var leader = member("pg-1", "leader", "running", 5);
        var third = member("pg-2", "quorum_standby", "streaming", 5);
        var thirdOldTimeline = member("pg-2", "replica", "streaming", 4);
        var thirdStarting = member("pg-2", "replica", "starting", 4);
        var settled = new QuorumView.Sync(true, "pg-1", List.of("pg-2"));
        return Stream.of(
                Arguments.of(
                        "the successor does not lead yet",
                        view(member("pg-1", "replica", "streaming", 4), third),
                        settled,
                        false),
                Arguments.of("the third still starts on the old timeline", view(leader, thirdStarting), settled, false),
                Arguments.of("the third streams from the old timeline", view(leader, thirdOldTimeline), settled, false),
                Arguments.of(
                        "/sync still the dead leader's",
                        view(leader, third),
                        new QuorumView.Sync(true, "pg-0", List.of("pg-1", "pg-2")),
                        false),
                Arguments.of(
                        "the dead member still in the successor's quorum (its member key gone from /cluster)",
                        view(leader, third),
                        new QuorumView.Sync(true, "pg-1", List.of("pg-0", "pg-2")),
                        false),
                Arguments.of(
                        "the quorum without the third yet",
                        view(leader, third),
                        new QuorumView.Sync(true, "pg-1", List.of()),
                        false),
                Arguments.of("the third alone in the successor's quorum", view(leader, third), settled, true),
                Arguments.of(
                        "no synchronous replication: a streaming replica",
                        view(leader, member("pg-2", "replica", "streaming", 5)),
                        new QuorumView.Sync(false, "", List.of()),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("takeovers")
    void theSuccessorIsKilledOnceAThirdMemberCanTakeOverWithoutTheDeadOne(
            String what, Map<String, DrillPatroni.MemberView> view, QuorumView.Sync sync, boolean ready) {
        assertThat(DoubleFailoverFault.thirdCanTakeOver(view, sync, "pg-0", "pg-1"))
                .isEqualTo(ready);
    }

    @Test
    void theSyncKeyIsReadWithTheLeaderItWasWrittenFor() {
        QuorumView.Sync sync = QuorumView.Sync.of(io.pgha.runtime.dcs.DcsView.parse(
                "pg-ha",
                7,
                Map.of(
                        "config", "{\"synchronous_mode\": \"quorum\"}",
                        "sync", "{\"leader\": \"pg-1\", \"sync_standby\": \"pg-0,pg-2\", \"quorum\": 1}")));

        assertThat(sync).isEqualTo(new QuorumView.Sync(true, "pg-1", List.of("pg-0", "pg-2")));
        assertThat(QuorumView.Sync.of(io.pgha.runtime.dcs.DcsView.parse("pg-ha", 7, Map.of())))
                .isEqualTo(new QuorumView.Sync(false, "", List.of()));
    }

    @Test
    void recoveredOnceAThirdMemberLeadsAndAWriteFollowsItsFirstWritableSample() {
        long faultNanos = 1_000_000_000L;
        long faultMillis = 50_000L;
        RoleSamples samples = new RoleSamples();
        samples.add(sample(faultMillis + 800, "pg-1", RoleSamples.State.WRITABLE));
        List<WriteLoad.Ack> early = List.of(new WriteLoad.Ack(1, faultNanos + 900_000_000L, "10.0.0.3"));
        RecoveredWhen when = RecoveredWhen.THIRD_MEMBER_TAKES_WRITES;

        assertThat(when.test(recovery(Optional.of("pg-1"), early, samples, faultNanos, faultMillis)))
                .as("the successor leads: one failover only")
                .isFalse();
        assertThat(when.test(recovery(Optional.of("pg-2"), early, samples, faultNanos, faultMillis)))
                .as("Patroni names the third, the watcher has not seen it take writes")
                .isFalse();
        samples.add(sample(faultMillis + 4000, "pg-2", RoleSamples.State.WRITABLE));
        assertThat(when.test(recovery(Optional.of("pg-2"), early, samples, faultNanos, faultMillis)))
                .as("no write since the third took over")
                .isFalse();
        List<WriteLoad.Ack> later =
                List.of(early.get(0), new WriteLoad.Ack(2, faultNanos + 4_200_000_000L, "10.0.0.4"));
        assertThat(when.test(recovery(Optional.of("pg-2"), later, samples, faultNanos, faultMillis)))
                .isTrue();
        assertThat(when.test(recovery(Optional.of("pg-0"), later, samples, faultNanos, faultMillis)))
                .as("the old leader back in front")
                .isFalse();
    }

    private static RecoveredWhen.Recovery recovery(
            Optional<String> leader, List<WriteLoad.Ack> acks, RoleSamples samples, long faultNanos, long faultMillis) {
        return new RecoveredWhen.Recovery(
                "pg-0", "10.0.0.2", faultNanos, faultMillis, () -> leader, () -> acks, samples);
    }

    private static EtcdMember etcd(String name, Health health, boolean leader) {
        return new EtcdMember(
                name,
                "http://127.0.0.1:2379",
                health,
                leader,
                OptionalLong.of(3),
                OptionalLong.empty(),
                List.of(),
                Optional.empty());
    }

    private static EtcdClusterStatus status(EtcdMember... members) {
        return new EtcdClusterStatus(List.of(members), Map.of(), Instant.EPOCH, Optional.empty());
    }

    @Test
    void theEtcdLeadersContainerIsFoundByItsMemberName() {
        EtcdClusterStatus status = status(
                etcd("etcd-1", Health.UP, false), etcd("etcd-2", Health.UP, true), etcd("etcd-3", Health.UP, false));

        assertThat(EtcdLeaderDuringFailoverFault.etcdLeaderContainer(
                        target(List.of("etcd-1", "etcd-2", "etcd-3")), status))
                .isEqualTo("etcd-2");
        assertThat(EtcdLeaderDuringFailoverFault.etcdLeaderContainer(
                        target(List.of("hla1-etcd-1", "hla1-etcd-2", "hla1-etcd-3")), status))
                .as("a stack not named pg-ha prefixes its containers")
                .isEqualTo("hla1-etcd-2");
        assertThatThrownBy(() -> EtcdLeaderDuringFailoverFault.etcdLeaderContainer(
                        target(List.of("etcd-1")), status(etcd("etcd-1", Health.UP, false))))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("etcd names no leader");
        assertThatThrownBy(() ->
                        EtcdLeaderDuringFailoverFault.etcdLeaderContainer(target(List.of("etcd-1", "etcd-3")), status))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("no container of the stack runs it");
    }

    @Test
    void etcdIsHealedWithEveryMemberUpAndOneLeader() {
        assertThat(EtcdLeaderDuringFailoverFault.allHealthy(
                        status(
                                etcd("etcd-1", Health.UP, false),
                                etcd("etcd-2", Health.UP, false),
                                etcd("etcd-3", Health.UP, true)),
                        3))
                .isTrue();
        assertThat(EtcdLeaderDuringFailoverFault.allHealthy(
                        status(
                                etcd("etcd-1", Health.UP, false),
                                etcd("etcd-2", Health.DOWN, false),
                                etcd("etcd-3", Health.UP, true)),
                        3))
                .as("the killed leader not back yet")
                .isFalse();
        assertThat(EtcdLeaderDuringFailoverFault.allHealthy(
                        status(etcd("etcd-1", Health.UP, false), etcd("etcd-3", Health.UP, true)), 3))
                .as("a member missing from the list")
                .isFalse();
        assertThat(EtcdLeaderDuringFailoverFault.allHealthy(
                        status(
                                etcd("etcd-1", Health.UP, false),
                                etcd("etcd-2", Health.UP, false),
                                etcd("etcd-3", Health.UP, false)),
                        3))
                .as("no leader elected yet")
                .isFalse();
    }

    private static DrillTarget target(List<String> etcdContainers) {
        return new DrillTarget(
                "pg-ha",
                List.of("pg-0", "pg-1", "pg-2"),
                etcdContainers,
                "pg-ha",
                "127.0.0.1",
                5000,
                5001,
                Map.of(),
                "postgres",
                "postgres",
                "pgha/supervisor:local");
    }
}
