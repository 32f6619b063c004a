package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EtcdMembersTest {

    private static final String E1 = "http://127.0.0.1:23791";
    private static final String E2 = "http://127.0.0.1:23792";
    private static final String E3 = "http://127.0.0.1:23793";
    private static final List<EtcdMembers.Listed> LIST = List.of(
            new EtcdMembers.Listed(11, "etcd-1", List.of("http://etcd-1:2379")),
            new EtcdMembers.Listed(22, "etcd-2", List.of("http://etcd-2:2379")),
            new EtcdMembers.Listed(33, "etcd-3", List.of("http://etcd-3:2379")));

    private static EtcdMembers.EndpointStatus ok(String endpoint, long id, long leader) {
        return new EtcdMembers.EndpointStatus(
                endpoint, OptionalLong.of(id), leader, 5, 73728, Duration.ofMillis(3), Optional.empty());
    }

    private static EtcdMembers.EndpointStatus down(String endpoint) {
        return new EtcdMembers.EndpointStatus(
                endpoint, OptionalLong.empty(), 0, 0, 0, Duration.ZERO, Optional.of("connection refused"));
    }

    private static Map<String, EtcdMember> byName(List<EtcdMember> members) {
        Map<String, EtcdMember> m = new HashMap<>();
        members.forEach(x -> m.put(x.name(), x));
        return m;
    }

    @Test
    void endpointsAreTiedToMembersByTheIdTheyAnswerWith() {
        Map<String, Long> learned = new HashMap<>();
        var m = byName(EtcdMembers.resolve(
                LIST,
                List.of(ok(E1, 22, 33), ok(E2, 11, 33), ok(E3, 33, 33)),
                learned,
                Map.of(11L, List.of("NOSPACE"))));
        assertThat(m.get("etcd-2").endpoint()).isEqualTo(E1);
        assertThat(m.get("etcd-1").endpoint()).isEqualTo(E2);
        assertThat(m.values()).allMatch(x -> x.health() == Health.UP);
        assertThat(m.get("etcd-3").leader()).isTrue();
        assertThat(m.get("etcd-1").leader()).isFalse();
        assertThat(m.get("etcd-1").alarms()).containsExactly("NOSPACE");
        assertThat(m.get("etcd-3").raftTerm()).hasValue(5);
        assertThat(m.get("etcd-3").dbSizeBytes()).hasValue(73728);
    }

    @Test
    void aMemberThatStopsAnsweringKeepsItsEndpointAndIsDown() {
        Map<String, Long> learned = new HashMap<>();
        EtcdMembers.resolve(LIST, List.of(ok(E1, 11, 11), ok(E2, 22, 11), ok(E3, 33, 11)), learned, Map.of());
        var m = byName(EtcdMembers.resolve(LIST, List.of(ok(E1, 11, 22), down(E2), ok(E3, 33, 22)), learned, Map.of()));
        assertThat(m.get("etcd-2").health()).isEqualTo(Health.DOWN);
        assertThat(m.get("etcd-2").endpoint()).isEqualTo(E2);
        assertThat(m.get("etcd-2").error()).contains("connection refused");
        assertThat(m.get("etcd-1").health()).isEqualTo(Health.UP);
    }

    @Test
    void anEndpointDownFromTheStartIsPairedWithTheOnlyUnmatchedMember() {
        var m = byName(EtcdMembers.resolve(
                LIST, List.of(down(E1), ok(E2, 22, 22), ok(E3, 33, 22)), new HashMap<>(), Map.of()));
        assertThat(m.get("etcd-1").endpoint()).isEqualTo(E1);
        assertThat(m.get("etcd-1").health()).isEqualTo(Health.DOWN);
        assertThat(m.get("etcd-2").leader()).isTrue();
    }

    @Test
    void aMemberThatAnswersWithoutALeaderHasLostQuorumAndIsNotHealthy() {
        var m = byName(
                EtcdMembers.resolve(LIST, List.of(ok(E1, 11, 0), down(E2), down(E3)), new HashMap<>(), Map.of()));
        assertThat(m.get("etcd-1").health()).isEqualTo(Health.DOWN);
        assertThat(m.get("etcd-1").error().orElseThrow()).contains("no raft leader");
        assertThat(m.get("etcd-2").health()).isEqualTo(Health.DOWN);
        assertThat(m.get("etcd-3").health()).isEqualTo(Health.DOWN);
        EtcdClusterStatus s =
                new EtcdClusterStatus(List.copyOf(m.values()), Map.of(), java.time.Instant.now(), Optional.empty());
        assertThat(s.quorum()).isFalse();
    }

    @Test
    void aMemberNoConfiguredEndpointReachesIsUnknown() {
        var m = byName(EtcdMembers.resolve(LIST, List.of(ok(E1, 11, 11)), new HashMap<>(), Map.of()));
        assertThat(m.get("etcd-1").health()).isEqualTo(Health.UP);
        assertThat(m.get("etcd-2").health()).isEqualTo(Health.UNKNOWN);
        assertThat(m.get("etcd-3").health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void withoutAMemberListEachEndpointIsAMember() {
        List<EtcdMember> m =
                EtcdMembers.resolve(List.of(), List.of(ok(E1, 11, 11), down(E2)), new HashMap<>(), Map.of());
        assertThat(m).extracting(EtcdMember::name).containsExactly("127.0.0.1:23791", "127.0.0.1:23792");
        assertThat(m).extracting(EtcdMember::health).containsExactly(Health.UP, Health.DOWN);
    }

    /** A loaded machine answers late: a first missed deadline is unknown ("asked again"), a refused connection is down. */
    @Test
    void aFirstMissedDeadlineIsUnknownNotDown() {
        Map<String, Long> learned = new HashMap<>();
        EtcdMembers.resolve(LIST, List.of(ok(E1, 11, 33), ok(E2, 22, 33), ok(E3, 33, 33)), learned, Map.of());
        EtcdMembers.EndpointStatus slow = new EtcdMembers.EndpointStatus(
                E2, OptionalLong.empty(), 0, 0, 0, Duration.ZERO, Optional.of("etcd did not answer in time"), true);
        var m = byName(EtcdMembers.resolve(LIST, List.of(ok(E1, 11, 33), slow, down(E3)), learned, Map.of()));
        assertThat(m.get("etcd-2").health()).isEqualTo(Health.UNKNOWN);
        assertThat(m.get("etcd-2").error())
                .hasValueSatisfying(e -> assertThat(e).contains("asked again"));
        assertThat(m.get("etcd-3").health()).isEqualTo(Health.DOWN);
        assertThat(m.get("etcd-1").health()).isEqualTo(Health.UP);
    }
}
