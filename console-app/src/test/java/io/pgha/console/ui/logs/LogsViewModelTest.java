package io.pgha.console.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ContainerLogs;
import io.pgha.console.service.LogLine;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.PghaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LogsViewModelTest {

    private final List<String> closed = new ArrayList<>();
    private Consumer<LogLine> sink;
    private Consumer<RuntimeException> failed;
    private final ContainerLogs logs = (container, lines, sink, failed) -> {
        if (container.equals("ghost")) {
            throw PghaException.notFound("no container named ghost");
        }
        this.sink = sink;
        this.failed = failed;
        return () -> closed.add(container);
    };
    private final LogsViewModel viewModel = new LogsViewModel(logs, Inline.executors());

    @Test
    void listsTheStacksContainers() {
        viewModel.apply(SampleCluster.healthy());

        assertThat(viewModel.containers())
                .contains("etcd-1", "pg-0", "pg-router", "pg-2-exporter", "pg-supervisor")
                .hasSize(11);
    }

    @Test
    void theLeadersLogIsChosenWhenNoneIsAndAChoiceIsKept() {
        viewModel.apply(SampleCluster.healthy());
        assertThat(viewModel.containerProperty().get()).contains("pg-0");
        assertThat(viewModel.statusProperty().get()).isEqualTo("following pg-0");

        viewModel.containerProperty().set(Optional.of("etcd-2"));
        viewModel.apply(SampleCluster.withLeader("pg-1", 4, SampleCluster.T0));
        assertThat(viewModel.containerProperty().get()).contains("etcd-2");
    }

    @Test
    void followsTheChosenContainerAndSearchesItsLines() {
        viewModel.containerProperty().set(Optional.of("pg-1"));
        sink.accept(line("starting PostgreSQL"));
        sink.accept(line("INFO: no action. I am (pg-1), a secondary"));
        sink.accept(line("checkpoint complete"));

        assertThat(viewModel.statusProperty().get()).isEqualTo("following pg-1");
        assertThat(viewModel.lines()).hasSize(3);

        viewModel.searchProperty().set("SECONDARY");
        assertThat(viewModel.lines())
                .extracting(LogLine::text)
                .containsExactly("INFO: no action. I am (pg-1), a secondary");
    }

    @Test
    void choosingAnotherContainerClosesTheOldTail() {
        viewModel.containerProperty().set(Optional.of("pg-1"));
        sink.accept(line("from pg-1"));
        viewModel.containerProperty().set(Optional.of("pg-2"));

        assertThat(closed).containsExactly("pg-1");
        assertThat(viewModel.lines()).isEmpty();
    }

    @Test
    void theBufferIsBounded() {
        viewModel.containerProperty().set(Optional.of("pg-1"));
        for (int i = 0; i < LogsViewModel.CAPACITY + 100; i++) {
            sink.accept(line("line " + i));
        }

        assertThat(viewModel.bufferedLines()).isEqualTo(LogsViewModel.CAPACITY);
        assertThat(viewModel.lines().get(viewModel.lines().size() - 1).text())
                .isEqualTo("line " + (LogsViewModel.CAPACITY + 99));
    }

    @Test
    void whileHiddenLinesWaitAsideAndArriveInOrderWhenShownAgain() {
        viewModel.containerProperty().set(Optional.of("pg-1"));
        sink.accept(line("seen"));
        viewModel.showing(false);
        sink.accept(line("while hidden 1"));
        sink.accept(line("while hidden 2"));

        assertThat(viewModel.lines()).extracting(LogLine::text).containsExactly("seen");

        viewModel.showing(true);
        assertThat(viewModel.lines())
                .extracting(LogLine::text)
                .containsExactly("seen", "while hidden 1", "while hidden 2");
    }

    @Test
    void whatWaitsAsideIsBoundedToo() {
        viewModel.containerProperty().set(Optional.of("pg-1"));
        viewModel.showing(false);
        for (int i = 0; i < LogsViewModel.CAPACITY + 100; i++) {
            sink.accept(line("line " + i));
        }
        viewModel.showing(true);

        assertThat(viewModel.bufferedLines()).isEqualTo(LogsViewModel.CAPACITY);
        assertThat(viewModel.lines().getFirst().text()).isEqualTo("line 100");
    }

    @Test
    void failuresShowInTheStatus() {
        viewModel.containerProperty().set(Optional.of("ghost"));
        assertThat(viewModel.statusProperty().get())
                .isEqualTo("cannot read the log of ghost: no container named ghost");

        viewModel.containerProperty().set(Optional.of("pg-1"));
        failed.accept(new IllegalStateException("the engine went away"));
        assertThat(viewModel.statusProperty().get()).isEqualTo("the log of pg-1 stopped: the engine went away");
    }

    private static LogLine line(String text) {
        return new LogLine(Optional.empty(), false, text);
    }
}
