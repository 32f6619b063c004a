package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniJson;
import io.pgha.runtime.testsupport.Fixtures;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a drill reads from Patroni's GET /cluster, parsed by the patroni package. */
class DrillPatroniTest {

    private static Map<String, DrillPatroni.MemberView> view(String fixture) {
        Map<String, DrillPatroni.MemberView> members = new HashMap<>();
        PatroniCluster.parse(PatroniJson.parse(Fixtures.read("patroni/" + fixture)))
                .members()
                .forEach(m -> members.put(m.name(), DrillPatroni.MemberView.of(m)));
        return members;
    }

    @Test
    void aHealthyClusterOfPatroni4IsReadyForAFailover() {
        Map<String, DrillPatroni.MemberView> members = view("cluster-4.0.json");

        assertThat(members.get("pg-0")).isEqualTo(new DrillPatroni.MemberView("pg-0", "leader", "running", 5));
        assertThat(members.get("pg-1").streamingReplica()).isTrue();
        assertThat(DrillPatroni.readyForFailover(members, 3, "off")).isTrue();
    }

    @Test
    void rolesInPatronisWordsAndAnUnknownTimeline() {
        Map<String, DrillPatroni.MemberView> members = view("cluster-variants.json");

        assertThat(members.get("a").role()).as("'master' is the leader").isEqualTo("leader");
        assertThat(members.get("b")).isEqualTo(new DrillPatroni.MemberView("b", "sync_standby", "streaming", 7));
        assertThat(members.get("c").role()).isEqualTo("quorum_standby");
        assertThat(members.get("c").timeline()).as("no timeline").isEqualTo(-1);
        assertThat(members.get("e").role()).isEqualTo("standby_leader");
        assertThat(members.get("f").role()).isEqualTo("unknown");
    }

    @Test
    void synchronousModeFromTheDynamicConfiguration() {
        assertThat(DrillPatroni.synchronousMode(Map.of("synchronous_mode", true)))
                .isEqualTo("on");
        assertThat(DrillPatroni.synchronousMode(Map.of("synchronous_mode", "on")))
                .isEqualTo("on");
        assertThat(DrillPatroni.synchronousMode(Map.of("synchronous_mode", "Quorum")))
                .isEqualTo("quorum");
        assertThat(DrillPatroni.synchronousMode(Map.of("synchronous_mode", false)))
                .isEqualTo("off");
        assertThat(DrillPatroni.synchronousMode(Map.of())).isEqualTo("off");
    }
}
