package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /service/&lt;scope&gt;/ as Patroni 4 writes it to etcd (values captured from the stack), and its variants. */
class DcsViewTest {

    private static Map<String, String> stackKeys() {
        Map<String, String> k = new HashMap<>();
        k.put(
                "config",
                "{\"loop_wait\":2,\"maximum_lag_on_failover\":1048576,\"postgresql\":{\"use_pg_rewind\":true},\"ttl\":20}");
        k.put(
                "history",
                "[[1,67358560,\"no recovery target specified\",\"2026-11-25T22:06:40.609452+00:00\",\"pg-1\"]]");
        k.put("initialize", "7712233834460418072");
        k.put("leader", "pg-0");
        k.put(
                "members/pg-0",
                "{\"conn_url\":\"postgres://pg-0:5432/postgres\",\"api_url\":\"http://pg-0:8008/patroni\",\"state\":\"running\","
                        + "\"role\":\"primary\",\"version\":\"4.0.7\",\"xlog_location\":67428200,\"timeline\":5}");
        k.put(
                "members/pg-1",
                "{\"conn_url\":\"postgres://pg-1:5432/postgres\",\"api_url\":\"http://pg-1:8008/patroni\",\"state\":\"running\","
                        + "\"role\":\"replica\",\"version\":\"4.0.7\",\"xlog_location\":67428000,\"replication_state\":\"streaming\",\"timeline\":5}");
        k.put(
                "members/pg-2",
                "{\"conn_url\":\"postgres://pg-2:5433/postgres\",\"api_url\":\"http://pg-2:8008/patroni\",\"state\":\"starting\","
                        + "\"role\":\"replica\",\"version\":\"4.0.7\",\"tags\":{\"nofailover\":true}}");
        k.put(
                "status",
                "{\"optime\":67428300,\"slots\":{\"pg_2\":67428200,\"pg_1\":67428200},\"retain_slots\":[\"pg_0\",\"pg_1\",\"pg_2\"]}");
        return k;
    }

    @Test
    void readsLeaderMembersAndLagLikePatronisClusterView() {
        DcsView v = DcsView.parse("pg-ha", 149, stackKeys());
        assertThat(v.leader()).contains("pg-0");
        assertThat(v.revision()).isEqualTo(149);
        assertThat(v.systemId()).contains("7712233834460418072");
        assertThat(v.members()).extracting(Member::name).containsExactly("pg-0", "pg-1", "pg-2");

        Member leader = v.member("pg-0").orElseThrow();
        assertThat(leader.role()).isEqualTo(Role.LEADER);
        assertThat(leader.state()).isEqualTo("running");
        assertThat(leader.lagBytes()).isEmpty();
        assertThat(leader.timeline()).hasValue(5);
        assertThat(leader.host()).isEqualTo("pg-0");

        Member replica = v.member("pg-1").orElseThrow();
        assertThat(replica.role()).isEqualTo(Role.REPLICA);
        assertThat(replica.state())
                .as("running + replication_state shows as the replication state")
                .isEqualTo("streaming");
        assertThat(replica.lagBytes())
                .as("status optime minus its own position")
                .hasValue(300);
        assertThat(replica.lsn()).hasValue(67428000);

        Member starting = v.member("pg-2").orElseThrow();
        assertThat(starting.lagBytes()).as("no position: lag unknown, not 0").isEmpty();
        assertThat(starting.port()).isEqualTo(5433);
        assertThat(starting.noFailover()).isTrue();

        assertThat(v.optime()).hasValue(67428300);
        assertThat(v.history()).hasSize(1);
        assertThat(v.config()).containsEntry("ttl", 20);
        assertThat(v.paused()).isFalse();
        assertThat(v.sync().enabled()).isFalse();
        assertThat(v.failover()).isEmpty();
    }

    @Test
    void aLeaderAheadOfTheStatusKeyGivesTheOptime() {
        Map<String, String> k = stackKeys();
        k.put("status", "{\"optime\":100}");
        DcsView v = DcsView.parse("pg-ha", 1, k);
        assertThat(v.optime()).hasValue(67428200);
        assertThat(v.member("pg-1").orElseThrow().lagBytes()).hasValue(200);
    }

    @Test
    void aReplicaAheadOfTheRecordedOptimeHasNoNegativeLag() {
        Map<String, String> k = stackKeys();
        k.remove("status");
        k.put("members/pg-1", k.get("members/pg-1").replace("67428000", "67428999"));
        DcsView v = DcsView.parse("pg-ha", 1, k);
        assertThat(v.member("pg-1").orElseThrow().lagBytes()).hasValue(0);
    }

    @Test
    void noLeaderKeyMeansNoLeaderAndNobodyIsShownAsLeader() {
        Map<String, String> k = stackKeys();
        k.remove("leader");
        DcsView v = DcsView.parse("pg-ha", 1, k);
        assertThat(v.leader()).isEmpty();
        assertThat(v.members()).noneMatch(m -> m.role().isLeader());
        assertThat(v.member("pg-0").orElseThrow().role())
                .as("a primary without the key shows as a replica, like /cluster")
                .isEqualTo(Role.REPLICA);
    }

    @Test
    void synchronousAndQuorumModesNameTheirStandbys() {
        Map<String, String> k = stackKeys();
        k.put("config", "{\"synchronous_mode\":true,\"synchronous_mode_strict\":true}");
        k.put("sync", "{\"leader\":\"pg-0\",\"sync_standby\":\"pg-1\"}");
        DcsView strict = DcsView.parse("pg-ha", 1, k);
        assertThat(strict.sync().mode()).isEqualTo("strict");
        assertThat(strict.sync().syncStandbys()).containsExactly("pg-1");
        assertThat(strict.member("pg-1").orElseThrow().role()).isEqualTo(Role.SYNC_STANDBY);

        k.put("config", "{\"synchronous_mode\":\"quorum\"}");
        k.put("sync", "{\"leader\":\"pg-0\",\"sync_standby\":\"pg-1,pg-2\",\"quorum\":1}");
        DcsView quorum = DcsView.parse("pg-ha", 1, k);
        assertThat(quorum.sync().mode()).isEqualTo("quorum");
        assertThat(quorum.sync().syncStandbys()).containsExactly("pg-1", "pg-2");
        assertThat(quorum.sync().quorum()).hasValue(1);
        assertThat(quorum.member("pg-2").orElseThrow().role()).isEqualTo(Role.QUORUM_STANDBY);

        k.put("config", "{\"synchronous_mode\":false}");
        assertThat(DcsView.parse("pg-ha", 1, k).member("pg-1").orElseThrow().role())
                .as("a stale sync key without sync mode")
                .isEqualTo(Role.REPLICA);
    }

    @Test
    void pauseScheduledSwitchoverAndStandbyLeader() {
        Map<String, String> k = stackKeys();
        k.put("config", "{\"pause\":true}");
        k.put("failover", "{\"leader\":\"pg-0\",\"member\":\"pg-1\",\"scheduled_at\":\"2025-03-01T12:00:00+00:00\"}");
        k.put("members/pg-0", k.get("members/pg-0").replace("\"primary\"", "\"standby_leader\""));
        DcsView v = DcsView.parse("pg-ha", 1, k);
        assertThat(v.paused()).isTrue();
        assertThat(v.failover()).hasValueSatisfying(f -> {
            assertThat(f.from()).contains("pg-0");
            assertThat(f.to()).contains("pg-1");
            assertThat(f.at()).contains(Instant.parse("2025-03-01T12:00:00Z"));
        });
        assertThat(v.member("pg-0").orElseThrow().role()).isEqualTo(Role.STANDBY_LEADER);
    }

    @Test
    void unreadableValuesAreIgnoredNotFatal() {
        Map<String, String> k = new HashMap<>();
        k.put("leader", "pg-0");
        k.put("members/pg-0", "not json");
        k.put("config", "{broken");
        k.put("status", "");
        DcsView v = DcsView.parse("pg-ha", 1, k);
        assertThat(v.member("pg-0").orElseThrow().state()).isEqualTo("unknown");
        assertThat(v.config()).isEmpty();
        assertThat(v.optime()).isEmpty();
        assertThat(DcsView.parse("pg-ha", 1, Map.of()).members()).isEmpty();
    }
}
