package io.pgha.console.ui.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.service.ClusterSession;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClustersViewModelTest {

    @TempDir
    Path config;

    private final Map<String, SimulatedCluster> clusters = new HashMap<>();

    private ClustersViewModel viewModel(ClusterRegistry registry) {
        return new ClustersViewModel(
                registry,
                connection -> {
                    if (connection.name().equals("broken")) {
                        throw PghaException.unavailable("cannot read its credentials", null);
                    }
                    return clusters.computeIfAbsent(connection.name(), SimulatedCluster::new)
                            .session();
                },
                Inline.executors());
    }

    @Test
    void listsTheRegistrySortedAndShowsEachClustersState() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("orders"));
        registry.save(SampleCluster.connection("billing"));
        ClustersViewModel viewModel = viewModel(registry);

        viewModel.reload(Optional.of("orders"));

        assertThat(viewModel.items()).extracting(ClusterItem::name).containsExactly("billing", "orders");
        assertThat(viewModel.selectedProperty().get().name()).isEqualTo("orders");
        ClusterItem orders = viewModel.item("orders").orElseThrow();
        assertThat(orders.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(orders.stateProperty().get()).isEqualTo("healthy");

        clusters.get("orders").monitor().publish(SampleCluster.primaryDown("pg-0", Instant.now()));
        assertThat(orders.toneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(orders.stateProperty().get()).isEqualTo("down");
    }

    @Test
    void aHiddenWindowSendsEveryOpenMonitorToTheBackgroundAndAShownOneBringsThemBack() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("orders"));
        registry.save(SampleCluster.connection("billing"));
        ClustersViewModel viewModel = viewModel(registry);
        viewModel.reload(Optional.of("orders"));

        viewModel.background(true);
        assertThat(clusters.values()).allMatch(c -> c.monitor().inBackground());

        registry.save(SampleCluster.connection("audit"));
        viewModel.reload(Optional.empty());
        assertThat(clusters.get("audit").monitor().inBackground())
                .as("a session opened while the window is hidden starts in the background")
                .isTrue();

        viewModel.background(false);
        assertThat(clusters.values()).hasSize(3).noneMatch(c -> c.monitor().inBackground());
    }

    @Test
    void sessionsStartBeforeTheListReachesTheFxThreadAndTheSelectedOneFirst() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("billing"));
        registry.save(SampleCluster.connection("orders"));
        java.util.List<String> opened = new java.util.ArrayList<>();
        java.util.List<Runnable> fxQueue = new java.util.ArrayList<>();
        ClustersViewModel viewModel = new ClustersViewModel(
                registry,
                connection -> {
                    opened.add(connection.name());
                    return clusters.computeIfAbsent(connection.name(), SimulatedCluster::new)
                            .session();
                },
                new io.pgha.console.ui.common.UiExecutors(new io.pgha.console.testing.InlineScheduler(), fxQueue::add));

        viewModel.reload(Optional.of("orders"));

        assertThat(opened).as("opened while the FX thread is still busy").containsExactly("orders", "billing");
        assertThat(viewModel.items()).isEmpty();
        while (!fxQueue.isEmpty()) {
            fxQueue.removeFirst().run();
        }
        assertThat(viewModel.items()).extracting(ClusterItem::name).containsExactly("billing", "orders");
        assertThat(opened).as("each session opened once").hasSize(2);
        assertThat(viewModel.item("orders").orElseThrow().stateProperty().get()).isEqualTo("healthy");
    }

    @Test
    void aClusterThatCannotBeOpenedSaysWhy() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("broken"));
        ClustersViewModel viewModel = viewModel(registry);

        viewModel.reload(Optional.empty());

        assertThat(viewModel.item("broken").orElseThrow().stateProperty().get())
                .isEqualTo("cannot open: cannot read its credentials");
    }

    @Test
    void forgettingAClusterRemovesItFromTheRegistryAndClosesItsSession() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("orders"));
        ClustersViewModel viewModel = viewModel(registry);
        viewModel.reload(Optional.of("orders"));
        ClusterSession[] session = new ClusterSession[1];
        viewModel.session("orders", s -> session[0] = s, f -> {});

        viewModel.forget("orders");

        assertThat(viewModel.items()).isEmpty();
        assertThat(viewModel.selectedProperty().get()).isNull();
        assertThat(registry.list()).isEmpty();
        assertThat(clusters.get("orders").monitor().closed()).isTrue();
        assertThat(clusters.get("orders").monitor().listeners()).isZero();
        assertThat(session[0].name()).isEqualTo("orders");
    }

    @Test
    void forgettingKeepsTheStoredPasswordsUnlessThePlanShownSaysOtherwise() {
        ClusterRegistry registry = new ClusterRegistry(config);
        CredentialStore credentials = new CredentialStore(config);
        registry.save(SampleCluster.connection("orders"));
        credentials.save("orders", StackCredentials.generate("postgres", "replicator", "admin"));
        registry.save(SampleCluster.connection("billing"));
        credentials.save("billing", StackCredentials.generate("postgres", "replicator", "admin"));
        ClustersViewModel viewModel = viewModel(registry);
        viewModel.reload(Optional.empty());

        viewModel.forget("orders");
        assertThat(registry.find("orders")).isEmpty();
        assertThat(credentials.find("orders"))
                .as("forget keeps the passwords by default")
                .isPresent();

        ClustersViewModel.ForgetChoice[] choice = new ClustersViewModel.ForgetChoice[1];
        viewModel.prepareForget("billing", c -> choice[0] = c);
        assertThat(choice[0].hasPasswords()).isTrue();
        assertThat(choice[0].summary(false)).startsWith("Deletes cluster.json; keeps credentials.json.");
        assertThat(choice[0].warning(false)).isEmpty();
        assertThat(choice[0].summary(true)).startsWith("Deletes cluster.json, credentials.json.");
        assertThat(choice[0].warning(true)).as("billing answers").isPresent();

        viewModel.forget(choice[0], true);
        assertThat(viewModel.items()).isEmpty();
        assertThat(credentials.find("billing")).isEmpty();
        assertThat(credentials.find("orders")).isPresent();
    }

    @Test
    void theListSurvivesARestart() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(SampleCluster.connection("orders"));
        viewModel(registry).reload(Optional.empty());

        ClustersViewModel afterRestart = viewModel(new ClusterRegistry(config));
        afterRestart.reload(Optional.empty());

        assertThat(afterRestart.items())
                .extracting(ClusterItem::name, ClusterItem::origin)
                .containsExactly(tuple("orders", "created by pgha"));
    }
}
