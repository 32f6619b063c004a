package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerVolume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A copy of a member's old data is partial while the container it was copied from is still the member's, and only
 * then: a copy kept by a finished {@code --keep-volume} replace is never taken for a leftover.
 */
class ReplaceLeftoversTest {

    private static DockerContainer pg(String member, String id, String state) {
        return new DockerContainer(
                id,
                "s-" + member,
                "pgha/spilo-17:local",
                Map.of(StackLabels.ROLE, "postgres", StackLabels.SERVICE, member),
                state,
                List.of());
    }

    private static DockerVolume copy(String member, String stamp, Optional<DockerContainer> from, boolean keep) {
        String name = "s_" + member + "-data-replaced-" + stamp;
        return new DockerVolume(name, ReplaceLeftovers.labels("s", member, name, from, keep));
    }

    @Test
    void aCopyOfTheContainerThatIsStillTheMembersIsPartial() {
        DockerContainer stopped = pg("pg-2", "c2", "exited");
        Map<String, RunningStack.Unfinished> left = ReplaceLeftovers.of(
                List.of(copy("pg-2", "20261207-071500", Optional.of(stopped), false)),
                List.of(pg("pg-0", "c0", "running"), pg("pg-1", "c1", "running"), stopped));

        assertThat(left)
                .containsOnlyKeys("pg-2")
                .containsEntry(
                        "pg-2",
                        new RunningStack.Unfinished(
                                "pg-2", false, List.of("s_pg-2-data-replaced-20261207-071500"), false));
    }

    @Test
    void aCopyKeptByAFinishedReplaceIsNotPartialEvenWhenTheNewContainerStops() {
        DockerContainer before = pg("pg-2", "c2-old", "exited");
        DockerVolume kept = copy("pg-2", "20261207-060000", Optional.of(before), true);
        DockerContainer newOne = pg("pg-2", "c2-new", "exited");
        DockerContainer current = pg("pg-2", "c2-new", "exited");

        assertThat(ReplaceLeftovers.of(List.of(kept), List.of(current))).isEmpty();
        // a second replace interrupted later: only its own copy is partial, the kept one stays kept
        DockerVolume partial = copy("pg-2", "20261207-071500", Optional.of(newOne), false);
        assertThat(ReplaceLeftovers.of(List.of(kept, partial), List.of(current)).get("pg-2"))
                .isEqualTo(new RunningStack.Unfinished(
                        "pg-2", false, List.of("s_pg-2-data-replaced-20261207-071500"), false));
    }

    @Test
    void aCopyWithoutItsContainerOrWithoutTheLabelIsNeverPartial() {
        DockerContainer c = pg("pg-1", "c1", "running");
        DockerVolume unlabelled = new DockerVolume(
                "s_pg-1-data-replaced-20261201-000000",
                StackLabels.volume("s", ReplaceLeftovers.ROLE, "s_pg-1-data-replaced-20261201-000000"));
        DockerVolume orphan = copy("pg-3", "20261207-071500", Optional.of(pg("pg-3", "c3", "exited")), false);

        assertThat(ReplaceLeftovers.of(List.of(unlabelled, orphan), List.of(c)))
                .as("pg-3's container gone (the window after its removal): its copy may be the only one of the data")
                .isEmpty();
    }

    @Test
    void killedBeforeTheContainerStoppedTheMemberStillRuns() {
        DockerContainer running = pg("pg-1", "c1", "running");
        assertThat(ReplaceLeftovers.of(
                                List.of(copy("pg-1", "20261207-071500", Optional.of(running), true)), List.of(running))
                        .get("pg-1"))
                .isEqualTo(new RunningStack.Unfinished(
                        "pg-1", true, List.of("s_pg-1-data-replaced-20261207-071500"), true));
    }
}
