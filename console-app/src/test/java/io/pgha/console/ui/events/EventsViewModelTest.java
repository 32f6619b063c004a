package io.pgha.console.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventsViewModelTest {

    private final EventsViewModel viewModel = new EventsViewModel();

    @Test
    void eventsAreNewestFirstWhateverOrderTheyArriveIn() {
        viewModel.add(SampleCluster.journal());
        ClusterEvent live = SampleCluster.event(
                SampleCluster.T0,
                ClusterEvent.Kind.LEADER_CHANGED,
                ClusterEvent.Severity.WARNING,
                "pg-1",
                "pg-1 is the new leader");
        viewModel.add(List.of(live));

        assertThat(viewModel.rows().get(0).event()).isEqualTo(live);
        assertThat(viewModel.rows()).extracting(r -> r.event().at()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(viewModel.latest())
                .hasSize(EventsViewModel.STRIP_SIZE)
                .first()
                .isEqualTo(viewModel.rows().get(0));
    }

    @Test
    void theJournalAndTheLiveFeedDoNotDuplicateAnEvent() {
        viewModel.add(SampleCluster.journal());
        viewModel.add(SampleCluster.journal().subList(0, 2));

        assertThat(viewModel.size()).isEqualTo(SampleCluster.journal().size());
    }

    @Test
    void theTimelineKeepsOnlyTheNewestEvents() {
        List<ClusterEvent> many = new ArrayList<>();
        for (int i = 0; i < EventsViewModel.CAPACITY + 50; i++) {
            many.add(SampleCluster.event(
                    SampleCluster.T0.plusSeconds(i),
                    ClusterEvent.Kind.MEMBER_STATE_CHANGED,
                    ClusterEvent.Severity.INFO,
                    "pg-1",
                    "state " + i));
        }
        viewModel.add(many);

        assertThat(viewModel.size()).isEqualTo(EventsViewModel.CAPACITY);
        assertThat(viewModel.rows().get(0).message()).isEqualTo("state " + (EventsViewModel.CAPACITY + 49));
    }

    @Test
    void filtersByKindAndByNode() {
        viewModel.add(SampleCluster.journal());

        viewModel.kindFilter().add(ClusterEvent.Kind.LAG_HIGH);
        viewModel.kindFilter().add(ClusterEvent.Kind.LAG_RECOVERED);
        assertThat(viewModel.rows()).extracting(EventRow::kind).containsExactly("lag recovered", "lag high");

        viewModel.kindFilter().clear();
        viewModel.subjectFilter().set(Optional.of("pg-0"));
        assertThat(viewModel.rows())
                .extracting(EventRow::subject)
                .containsOnly("pg-0")
                .hasSize(1);
        assertThat(viewModel.subjects()).containsExactly("cluster", "etcd-3", "pg-0", "pg-2");
    }

    @Test
    void anOlderEventLeavesTheStripAlone() {
        viewModel.add(SampleCluster.journal());
        List<String> changes = new ArrayList<>();
        viewModel.latest().addListener((javafx.collections.ListChangeListener<EventRow>) c -> changes.add("latest"));

        ClusterEvent older = SampleCluster.event(
                SampleCluster.journal().stream()
                        .map(ClusterEvent::at)
                        .min(Comparator.naturalOrder())
                        .orElseThrow()
                        .minusSeconds(60),
                ClusterEvent.Kind.MEMBER_STATE_CHANGED,
                ClusterEvent.Severity.INFO,
                "pg-2",
                "an older event from the journal");
        viewModel.add(List.of(older));

        assertThat(viewModel.size()).isEqualTo(SampleCluster.journal().size() + 1);
        assertThat(changes)
                .as("the strip shows the newest events: it rebuilds its lines only when they differ")
                .isEmpty();

        ClusterEvent newest = SampleCluster.event(
                viewModel.latest().get(0).event().at().plusSeconds(1),
                ClusterEvent.Kind.LEADER_CHANGED,
                ClusterEvent.Severity.WARNING,
                "pg-1",
                "pg-1 is the new leader");
        viewModel.add(List.of(newest));
        assertThat(changes).containsExactly("latest");
        assertThat(viewModel.latest().get(0).event()).isEqualTo(newest);
    }
}
