package io.pgha.runtime.patroni;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.testsupport.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Patroni's JSON as its versions and states write it: /cluster, /patroni, /history. */
class PatroniJsonTest {

    private static PatroniCluster cluster(String fixture) {
        return PatroniCluster.parse(PatroniJson.parse(Fixtures.read("patroni/" + fixture)));
    }

    private static PatroniNode node(String fixture) {
        return PatroniNode.parse(PatroniJson.parse(Fixtures.read("patroni/" + fixture)));
    }

    @Test
    void clusterOfPatroni4HasALeaderAndStreamingReplicasWithNumericLag() {
        PatroniCluster c = cluster("cluster-4.0.json");
        assertThat(c.scope()).contains("pg-ha");
        assertThat(c.leader().map(Member::name)).contains("pg-0");
        assertThat(c.members()).extracting(Member::name).containsExactly("pg-0", "pg-1", "pg-2");
        Member leader = c.members().get(0);
        assertThat(leader.role()).isEqualTo(Role.LEADER);
        assertThat(leader.lagBytes()).as("the leader has no lag").isEmpty();
        assertThat(leader.apiUrl()).isEqualTo("http://pg-0:8008/patroni");
        Member replica = c.members().get(1);
        assertThat(replica.role()).isEqualTo(Role.REPLICA);
        assertThat(replica.isStreaming()).isTrue();
        assertThat(replica.lagBytes()).hasValue(0);
        assertThat(replica.timeline()).hasValue(5);
        assertThat(c.paused()).isFalse();
        assertThat(c.scheduledSwitchover()).isEmpty();
    }

    @Test
    void clusterVariantsKeepUnknownLagUnknownAndReadEveryRoleTagAndSchedule() {
        PatroniCluster c = cluster("cluster-variants.json");
        Map<String, Member> m = new java.util.HashMap<>();
        c.members().forEach(x -> m.put(x.name(), x));

        assertThat(m.get("a").role()).as("'master' is the leader").isEqualTo(Role.LEADER);
        assertThat(m.get("a").port()).isEqualTo(5433);
        assertThat(m.get("a").tags()).containsEntry("clonefrom", "true").containsEntry("failover_priority", "2");
        assertThat(m.get("a").pendingRestart()).isTrue();
        assertThat(m.get("a").scheduledRestart()).contains(Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(m.get("b").role()).isEqualTo(Role.SYNC_STANDBY);
        assertThat(m.get("b").lagBytes())
                .as("\"lag\": \"unknown\" stays unknown, never 0")
                .isEmpty();
        assertThat(m.get("b").noFailover()).isTrue();

        assertThat(m.get("c").role()).isEqualTo(Role.QUORUM_STANDBY);
        assertThat(m.get("c").lagBytes()).as("a lag given as a string").hasValue(1048576);
        assertThat(m.get("c").lsn()).as("replay LSN when no plain lsn").hasValue(90);
        assertThat(m.get("c").apiUrl()).isEmpty();
        assertThat(m.get("c").timeline()).isEmpty();

        assertThat(m.get("d").state()).isEqualTo("stopped");
        assertThat(m.get("d").isRunning()).isFalse();
        assertThat(m.get("d").lagBytes()).as("no lag field at all").isEmpty();

        assertThat(m.get("e").role()).isEqualTo(Role.STANDBY_LEADER);
        assertThat(m.get("e").lsn()).hasValue(12345);

        assertThat(m.get("f").role()).isEqualTo(Role.UNKNOWN);
        assertThat(m.get("f").port()).as("default port").isEqualTo(5432);

        assertThat(c.paused()).isTrue();
        assertThat(c.scheduledSwitchover()).hasValueSatisfying(s -> {
            assertThat(s.at()).contains(Instant.parse("2025-03-01T12:00:00Z"));
            assertThat(s.from()).contains("a");
            assertThat(s.to()).contains("b");
        });
    }

    @Test
    void primaryNodeReportsItsWalPositionAndSenders() {
        PatroniNode n = node("patroni-primary.json");
        assertThat(n.name()).contains("pg-0");
        assertThat(n.scope()).contains("pg-ha");
        assertThat(n.role()).isEqualTo(Role.LEADER);
        assertThat(n.state()).isEqualTo("running");
        assertThat(n.displayState()).isEqualTo("running");
        assertThat(n.lsn()).hasValue(67428200);
        assertThat(n.timeline()).hasValue(5);
        assertThat(n.serverVersion()).hasValue(170012);
        assertThat(n.postmasterStartTime()).contains(Instant.parse("2026-11-25T22:08:16.309324Z"));
        assertThat(n.replication())
                .extracting(PatroniNode.Replication::applicationName)
                .containsExactly("pg-1", "pg-2");
        assertThat(n.pendingRestart()).isFalse();
    }

    @Test
    void replicaNodeShowsStreamingAndTheFurthestOfReceivedAndReplayed() {
        PatroniNode n = node("patroni-replica.json");
        assertThat(n.role()).isEqualTo(Role.REPLICA);
        assertThat(n.replicationState()).contains("streaming");
        assertThat(n.displayState()).isEqualTo("streaming");
        assertThat(n.lsn()).hasValue(67428200);
    }

    @Test
    void oldPatroniWritesMasterAndNumbersAsStrings() {
        PatroniNode n = node("patroni-old-master.json");
        assertThat(n.role()).isEqualTo(Role.LEADER);
        assertThat(n.lsn()).hasValue(5000);
        assertThat(n.timeline()).hasValue(2);
        assertThat(n.pendingRestart()).isTrue();
        assertThat(n.paused()).isTrue();
        assertThat(n.tags()).containsEntry("nosync", "true");
        assertThat(n.name()).isEmpty();
    }

    @Test
    void stoppedNodeHasNoPositionAndKeepsItsScheduledRestart() {
        PatroniNode n = node("patroni-stopped.json");
        assertThat(n.state()).isEqualTo("stopped");
        assertThat(n.lsn()).isEmpty();
        assertThat(n.timeline()).isEmpty();
        assertThat(n.scheduledRestart()).contains(Instant.parse("2025-03-01T10:00:00Z"));
    }

    @Test
    void historyEntriesOfFiveAndOfThreeFields() {
        List<TimelineSwitch> h = TimelineSwitch.parseAll(PatroniJson.parse(Fixtures.read("patroni/history.json")));
        assertThat(h).hasSize(3);
        assertThat(h.get(0))
                .isEqualTo(new TimelineSwitch(
                        1,
                        OptionalLong.of(67358560),
                        "no recovery target specified",
                        Optional.of(Instant.parse("2026-11-25T22:06:40.609452Z")),
                        Optional.of("pg-1")));
        assertThat(h.get(1).newLeader()).isEmpty();
        assertThat(h.get(2).at()).isEmpty();
        assertThat(h.get(2).timeline()).isEqualTo(3);
    }

    @Test
    void lenientReadersNeverGuess() {
        var n = PatroniJson.parse(
                "{\"a\": \"unknown\", \"b\": null, \"c\": 1.5, \"d\": \"42\", \"t\": \"2025-01-01 00:00:00\"}");
        assertThat(PatroniJson.longValue(n, "a")).isEmpty();
        assertThat(PatroniJson.longValue(n, "b")).isEmpty();
        assertThat(PatroniJson.longValue(n, "missing")).isEmpty();
        assertThat(PatroniJson.longValue(n, "c")).hasValue(1);
        assertThat(PatroniJson.intValue(n, "d")).isEqualTo(OptionalInt.of(42));
        assertThat(PatroniJson.instant(n, "t"))
                .as("no offset means UTC")
                .contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(PatroniJson.instant("not a time")).isEmpty();
    }
}
