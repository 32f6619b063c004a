package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.topology.Topology.PostgresNode;
import io.pgha.runtime.model.Role;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The member a day-two step acts on is drawn as such: the planned colour and what happens to it. */
class MemberWorkDrawingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(PlannedWork.Change.REPLACING, "pg-1", "being replaced · streaming", Role.REPLICA, 3),
                Arguments.of(PlannedWork.Change.UPGRADING, "pg-0", "being upgraded · running", Role.LEADER, 3),
                Arguments.of(PlannedWork.Change.REMOVING, "pg-2", "being removed · streaming", Role.REPLICA, 3),
                // Patroni does not list a member being added until its container runs: drawn as a replica to be
                Arguments.of(PlannedWork.Change.ADDING, "pg-3", "being added", Role.REPLICA, 4));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theMemberIsDrawnInThePlannedColourWithWhatHappensToIt(
            PlannedWork.Change change, String member, String state, Role role, int drawn) {
        Topology t = TopologyMapper.map(SampleCluster.healthy(), Optional.of(PlannedWork.member(member, change)));

        assertThat(t.postgres()).hasSize(drawn);
        PostgresNode node = t.postgres().stream()
                .filter(p -> p.name().equals(member))
                .findFirst()
                .orElseThrow();
        assertThat(node.state()).isEqualTo(state);
        assertThat(node.tone()).isEqualTo(Tone.PLANNED);
        assertThat(node.role()).isEqualTo(role);
        assertThat(t.postgres().stream().filter(p -> !p.name().equals(member)).map(PostgresNode::tone))
                .as("the others keep their health")
                .containsOnly(Tone.OK);
    }
}
