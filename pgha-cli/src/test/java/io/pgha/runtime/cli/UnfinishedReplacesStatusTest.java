package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.runtime.apply.RunningStack.Unfinished;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** `pgha status` names the partial copy an interrupted replace left, and what finishes the member. */
class UnfinishedReplacesStatusTest {

    private static final String COPY = "s_pg-2-data-replaced-20261207-071935";

    @Test
    void aStoppedMemberIsNamedWithItsPartialCopyAndWhatFinishesIt() {
        UnfinishedReplacesStatus status =
                new UnfinishedReplacesStatus(Map.of("pg-2", new Unfinished("pg-2", false, List.of(COPY), false)));

        assertThat(status.text())
                .isEqualTo("\ninterrupted replace:\n  pg-2: container stopped, partial copy " + COPY
                        + " (pgha apply --spec FILE or pgha replace pg-2 finishes it and removes the copy)\n");
        ObjectNode root = new ObjectMapper().createObjectNode();
        status.json(root);
        assertThat(root.toString())
                .isEqualTo("{\"unfinishedReplaces\":[{\"member\":\"pg-2\",\"containerRunning\":false,"
                        + "\"partialCopies\":[\"" + COPY + "\"],\"keepVolume\":false}]}");
    }

    @Test
    void aRunningMemberOnlyNeedsTheCopyRemovedByItsNextReplace() {
        assertThat(new UnfinishedReplacesStatus(Map.of("pg-1", new Unfinished("pg-1", true, List.of(COPY), true)))
                        .text())
                .contains("pg-1: container running")
                .contains("(pgha replace pg-1 replaces it and removes the copy)");
    }

    @Test
    void nothingLeftOrNoAnswerInTimeShowsNothing() {
        assertThat(new UnfinishedReplacesStatus(Map.of()).text()).isEmpty();
        assertThat(UnfinishedReplacesStatus.await(new CompletableFuture<>(), Duration.ofMillis(10))
                        .members())
                .isEmpty();
        assertThat(UnfinishedReplacesStatus.await(
                                CompletableFuture.failedFuture(new IllegalStateException("no engine")),
                                Duration.ofMillis(10))
                        .members())
                .isEmpty();
    }
}
