package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniJson;
import io.pgha.runtime.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The members `pgha up` waits for, as the patroni package parses GET /cluster. */
class StackProbeTest {

    private static List<StackProbe.Member> members(String fixture) {
        return PatroniCluster.parse(PatroniJson.parse(Fixtures.read("patroni/" + fixture))).members().stream()
                .map(StackProbe.Member::of)
                .toList();
    }

    @Test
    void aLeaderAndTwoStreamingReplicasOnItsTimeline() {
        List<StackProbe.Member> m = members("cluster-4.0.json");

        assertThat(m).extracting(StackProbe.Member::name).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(m.get(0).leader()).isTrue();
        assertThat(m.get(0).timeline()).isEqualTo(5);
        assertThat(m.subList(1, 3)).allMatch(StackProbe.Member::streaming).noneMatch(StackProbe.Member::leader);
    }

    @Test
    void variantsOfRolesStatesAndMissingTimelines() {
        List<StackProbe.Member> m = members("cluster-variants.json");

        assertThat(m.get(0).leader()).as("'master' running").isTrue();
        assertThat(m.get(1).streaming()).as("a streaming sync standby").isTrue();
        assertThat(m.get(2).streaming())
                .as("a quorum standby that is running, not streaming")
                .isFalse();
        assertThat(m.get(2).timeline()).isNull();
        assertThat(m.get(3).streaming()).as("a stopped replica").isFalse();
        assertThat(m.get(4).leader()).as("a standby leader is not the leader").isFalse();
    }
}
