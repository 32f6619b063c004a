package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.stack.SwarmStackRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second {@code pgha up --swarm} against what the first one deployed (docs/decisions/0043). */
class SwarmDriftTest {

    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    private static StackSpec spec(String yaml) {
        return SwarmStackRenderer.swarmSpec(
                StackSpecFile.parse("name: sw\n" + yaml).build());
    }

    private static SwarmDeployment deployed(StackSpec spec, List<String> hosts) {
        return new SwarmDeployment(
                "sw",
                "unix:///x/docker.sock",
                hosts,
                List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"),
                Map.of(),
                spec == null ? null : StackSpecFile.write(spec));
    }

    @Test
    void theSameSpecAndPlacementDifferInNothing() {
        StackSpec s = spec("images: local\nmonitoring: {prometheus: false}\n");
        assertThat(SwarmDrift.between(deployed(s, HOSTS), s, HOSTS)).isEmpty();
    }

    @Test
    void aChangedParameterIsNamedWithItsOldAndNewValue() {
        StackSpec before = spec("images: local\n");
        StackSpec after = spec("images: local\npostgresql: {parameters: {work_mem: 8MB}}\n");
        assertThat(SwarmDrift.between(deployed(before, HOSTS), after, HOSTS))
                .containsExactly("postgresql.parameters.work_mem: (none) -> 8MB");
    }

    @Test
    void membersPinnedToOtherNodesAreADifference() {
        StackSpec s = spec("images: local\n");
        assertThat(SwarmDrift.between(deployed(s, HOSTS), s, List.of("h1", "h3", "h2")))
                .containsExactly("hosts: h1,h2,h3 -> h1,h3,h2");
    }

    @Test
    void aDeploymentAnOlderPghaRecordedWithoutItsSpecComparesOnlyThePlacement() {
        StackSpec s = spec("images: local\n");
        assertThat(SwarmDrift.between(deployed(null, HOSTS), s, HOSTS)).isEmpty();
    }
}
