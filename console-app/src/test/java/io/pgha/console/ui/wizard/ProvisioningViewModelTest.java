package io.pgha.console.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ProvisioningEvent;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.TestServices;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningViewModelTest {

    private static final Instant T = Instant.parse("2025-06-02T09:30:00Z");
    private final InlineScheduler scheduler = new InlineScheduler();
    private final TestServices.ScriptedProvisioning provisioning = new TestServices.ScriptedProvisioning();
    private final List<String> created = new ArrayList<>();
    private final ProvisioningViewModel viewModel = new NewClusterViewModel(
                    provisioning, Inline.executors(scheduler), Clock.fixed(T, ZoneOffset.UTC))
            .provisioning();

    @Test
    void stepsShowTheirStateAndElapsedTimeAndTheRunEndsWithTheClusterName() {
        viewModel.start(created::add);
        provisioning.send(new ProvisioningEvent.StepStarted(T, "etcd", "Starting etcd-1, etcd-2, etcd-3"));
        provisioning.send(new ProvisioningEvent.Log(T.plusMillis(500), "etcd", "etcd-1 is healthy"));
        provisioning.send(new ProvisioningEvent.StepFinished(T.plusMillis(2400), "etcd", true, "quorum"));
        provisioning.send(
                new ProvisioningEvent.StepStarted(T.plusMillis(2400), "postgres", "Starting pg-0, pg-1, pg-2"));
        viewModel.tick(T.plusSeconds(5));

        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.RUNNING);
        assertThat(viewModel.steps())
                .extracting(s -> s.lineProperty().get())
                .containsExactly(
                        "Starting etcd-1, etcd-2, etcd-3  ·  2.4 s  —  quorum", "Starting pg-0, pg-1, pg-2  ·  2.6 s");
        assertThat(viewModel.steps().get(0).stateProperty().get()).isEqualTo(StepItem.State.DONE);
        assertThat(viewModel.log()).containsExactly("etcd | etcd-1 is healthy");

        provisioning.send(new ProvisioningEvent.Done(T.plusSeconds(21), "pg-ha"));

        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.SUCCEEDED);
        assertThat(viewModel.messageProperty().get()).isEqualTo("pg-ha is up (21.0 s)");
        assertThat(created).containsExactly("pg-ha");
    }

    @Test
    void cancelAsksTheRuntimeToCleanUpAndWaitsForItsAnswer() {
        viewModel.start(created::add);
        viewModel.cancel();

        assertThat(provisioning.cancelled()).isTrue();
        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.CANCELLING);

        provisioning.send(new ProvisioningEvent.Cancelled(T.plusSeconds(3)));
        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.CANCELLED);
        assertThat(viewModel.active()).isFalse();
        assertThat(created).isEmpty();
    }

    @Test
    void aFailureSaysWhy() {
        viewModel.start(created::add);
        provisioning.send(new ProvisioningEvent.Failed(
                T.plusSeconds(40), "pg-1 did not start streaming within 60 s; removed the stack"));

        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.FAILED);
        assertThat(viewModel.messageProperty().get())
                .isEqualTo("pg-1 did not start streaming within 60 s; removed the stack");
    }

    @Test
    void afterAFailureCancelRemovesWhatTheRunCreated() {
        viewModel.start(created::add);
        assertThat(viewModel.cancellable()).isTrue();
        provisioning.send(new ProvisioningEvent.Failed(T.plusSeconds(40), "port 5000 is in use"));
        assertThat(viewModel.cancellable())
                .as("what the failed run created can still be removed")
                .isTrue();

        viewModel.cancel();

        assertThat(provisioning.cancelled()).isTrue();
        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.CANCELLING);
        assertThat(viewModel.cancellable()).isFalse();
        provisioning.send(new ProvisioningEvent.Cancelled(T.plusSeconds(43)));
        assertThat(viewModel.stateProperty().get()).isEqualTo(ProvisioningViewModel.State.CANCELLED);
        assertThat(viewModel.messageProperty().get())
                .isEqualTo("cancelled; what this run created has been removed, nothing else");
        assertThat(viewModel.cancellable()).isFalse();
    }

    @Test
    void theLogKeepsOnlyTheNewestLines() {
        viewModel.start(created::add);
        for (int i = 0; i < ProvisioningViewModel.LOG_CAPACITY + 10; i++) {
            provisioning.send(new ProvisioningEvent.Log(T, "images", "line " + i));
        }

        assertThat(viewModel.log())
                .hasSize(ProvisioningViewModel.LOG_CAPACITY)
                .last()
                .isEqualTo("images | line " + (ProvisioningViewModel.LOG_CAPACITY + 9));
    }
}
