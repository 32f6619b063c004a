package io.pgha.console.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ConfigPreview;
import io.pgha.console.service.DynamicConfigEditing;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamicConfigViewModelTest {

    private final List<Map<String, String>> applied = new ArrayList<>();
    private final List<Boolean> confirmations = new ArrayList<>();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final DynamicConfigViewModel viewModel = new DynamicConfigViewModel(
            new DynamicConfigEditing() {
                @Override
                public ConfigPreview preview(Map<String, String> changes) {
                    if (changes.containsKey("postgresql.parameters.fsync")) {
                        return new ConfigPreview(
                                List.of(new ConfigPreview.Change(
                                        "postgresql.parameters.fsync", Optional.empty(), Optional.of("off"))),
                                List.of(),
                                List.of("weakens durability: postgresql.parameters.fsync (unset) → off: a crash can"
                                        + " corrupt the database"));
                    }
                    return new ConfigPreview(
                            List.of(new ConfigPreview.Change(
                                    "ttl", Optional.of("20"), Optional.of(changes.get("ttl")))),
                            changes.get("ttl").equals("10") ? List.of("ttl must be at least 20") : List.of());
                }

                @Override
                public ActionOutcome apply(Map<String, String> changes) {
                    return apply(changes, false);
                }

                @Override
                public ActionOutcome apply(Map<String, String> changes, boolean confirmed) {
                    applied.add(changes);
                    confirmations.add(confirmed);
                    return new ActionOutcome("ttl is 30 now", Duration.ofMillis(120));
                }
            },
            Inline.executors(),
            notifier);

    @Test
    void theConfigurationIsShownAsDottedKeys() {
        viewModel.apply(SampleCluster.healthy());

        assertThat(viewModel.entries())
                .extracting(ConfigEntry::key)
                .containsExactly(
                        "loop_wait",
                        "maximum_lag_on_failover",
                        "postgresql.parameters.hot_standby",
                        "postgresql.parameters.max_connections",
                        "postgresql.parameters.wal_level",
                        "postgresql.use_pg_rewind",
                        "retry_timeout",
                        "ttl");
    }

    @Test
    void editsArePreviewedWithTheRuntimesDiffAndProblemsThenApplied() {
        viewModel.apply(SampleCluster.healthy());
        viewModel.edit("ttl", "10");
        viewModel.preview();
        assertThat(viewModel.previewProperty().get()).isEqualTo("ttl: 20 → 10\nproblems:\nttl must be at least 20");

        viewModel.edit("ttl", "30");
        viewModel.preview();
        assertThat(viewModel.previewProperty().get()).isEqualTo("ttl: 20 → 30");
        assertThat(viewModel.entries())
                .filteredOn(ConfigEntry::changed)
                .extracting(ConfigEntry::edited)
                .containsExactly("30");

        viewModel.applyEdits();
        assertThat(applied).containsExactly(Map.of("ttl", "30"));
        assertThat(viewModel.hasEdits()).isFalse();
        assertThat(notifier.last().text()).isEqualTo("ttl is 30 now");
    }

    @Test
    void aWeakeningChangeWaitsForAConfirmationAndIsSentConfirmed() {
        viewModel.apply(SampleCluster.healthy());
        viewModel.edit("postgresql.parameters.fsync", "off");

        viewModel.applyEdits();

        assertThat(applied).as("nothing is sent before the user confirms").isEmpty();
        assertThat(viewModel.weakeningProperty().get())
                .isEqualTo("weakens durability: postgresql.parameters.fsync (unset) → off: a crash can corrupt the"
                        + " database");
        assertThat(viewModel.previewProperty().get()).contains("needs a confirmation:");

        viewModel.cancelWeakening();
        assertThat(applied).isEmpty();
        assertThat(viewModel.hasEdits()).as("the edit stays after a cancel").isTrue();

        viewModel.applyEdits();
        viewModel.confirmWeakening();
        assertThat(applied).containsExactly(Map.of("postgresql.parameters.fsync", "off"));
        assertThat(confirmations).containsExactly(true);
        assertThat(viewModel.weakeningProperty().get()).isEmpty();
    }

    @Test
    void aHarmlessChangeIsSentWithoutAsking() {
        viewModel.apply(SampleCluster.healthy());
        viewModel.edit("ttl", "30");

        viewModel.applyEdits();

        assertThat(applied).containsExactly(Map.of("ttl", "30"));
        assertThat(confirmations).containsExactly(false);
        assertThat(viewModel.weakeningProperty().get()).isEmpty();
    }
}
