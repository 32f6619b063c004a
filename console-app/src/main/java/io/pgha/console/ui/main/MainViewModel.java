package io.pgha.console.ui.main;

import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.ConsoleServices;
import io.pgha.console.ui.attach.AttachViewModel;
import io.pgha.console.ui.clusters.ClusterItem;
import io.pgha.console.ui.clusters.ClustersViewModel;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.settings.SettingsViewModel;
import io.pgha.console.ui.start.StartViewModel;
import io.pgha.console.ui.wizard.NewClusterViewModel;
import io.pgha.console.ui.workspace.WorkspaceViewModel;
import io.pgha.runtime.Version;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window: the clusters sidebar, the start screen while no cluster is selected, and the workspace
 * of the selected cluster. Remembers the last cluster between runs.
 */
public final class MainViewModel implements AutoCloseable {

    private final ConsoleServices services;
    private final ConsolePreferences preferences;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final Consumer<String> browser;
    private final Clock clock;
    private final ClustersViewModel clusters;
    private final StartViewModel start;
    private final SettingsViewModel settings;
    private final ReadOnlyObjectWrapper<WorkspaceViewModel> workspace = new ReadOnlyObjectWrapper<>();
    private boolean dockerChecked; // FX thread
    private final ReadOnlyObjectWrapper<Optional<String>> opening = new ReadOnlyObjectWrapper<>(Optional.empty());

    /** @param browser opens a URL in the user's browser */
    public MainViewModel(
            ConsoleServices services,
            ConsolePreferences preferences,
            UiExecutors executors,
            Notifier notifier,
            Consumer<String> browser,
            Clock clock) {
        this.services = services;
        this.preferences = preferences;
        this.executors = executors;
        this.notifier = notifier;
        this.browser = browser;
        this.clock = clock;
        this.clusters = new ClustersViewModel(services.registry(), services.sessions(), executors);
        this.start = new StartViewModel(services.dockerCheck(), executors);
        this.settings = new SettingsViewModel(preferences, executors);
        opening.set(preferences.lastCluster());
        clusters.selectedProperty().addListener((o, before, after) -> open(Optional.ofNullable(after)));
        clusters.loadedProperty().addListener((o, was, loaded) -> {
            if (loaded && clusters.selectedProperty().get() == null) {
                opening.set(Optional.empty());
            }
        });
        settings.refreshSecondsProperty().addListener((o, a, b) -> {
            if (workspace.get() != null) {
                workspace.get().sampleEvery(settings.refreshInterval());
            }
        });
    }

    /** Lists the known clusters and reopens the one shown last time. */
    public void start() {
        clusters.reload(preferences.lastCluster());
    }

    /** The window was minimised or hidden (true), or shown again (false): the clusters' monitors follow. */
    public void windowHidden(boolean hidden) {
        clusters.background(hidden);
    }

    private void open(Optional<ClusterItem> item) {
        closeWorkspace();
        opening.set(item.map(ClusterItem::name));
        preferences.lastCluster(item.map(ClusterItem::name));
        executors.background().execute(preferences::save);
        item.ifPresent(i -> clusters.session(
                i.name(),
                session -> {
                    if (clusters.selectedProperty().get() == i) {
                        show(session, i);
                    }
                },
                failure -> {
                    opening.set(Optional.empty());
                    notifier.show(Notice.error("Cannot open " + i.name(), String.valueOf(failure.getMessage())));
                }));
    }

    private void show(ClusterSession session, ClusterItem item) {
        WorkspaceViewModel next =
                new WorkspaceViewModel(session, executors, notifier, browser, clock, item.plannedWorkProperty());
        // as after Create: the restored cluster is listed and opened
        next.backups().onClusterAdded(this::added);
        next.start(settings.refreshInterval());
        workspace.set(next);
        opening.set(Optional.empty());
    }

    private void closeWorkspace() {
        WorkspaceViewModel current = workspace.get();
        if (current != null) {
            workspace.set(null);
            current.close();
        }
    }

    /** Shows the start screen again (the clusters stay listed and watched). */
    public void showStart() {
        clusters.selectedProperty().set(null);
    }

    public NewClusterViewModel newCluster() {
        return new NewClusterViewModel(services.provisioning(), executors, clock);
    }

    public AttachViewModel attach() {
        return new AttachViewModel(services.attachment(), executors);
    }

    /** After a cluster was created or attached: list it and open it. */
    public void added(String clusterName) {
        clusters.reload(Optional.of(clusterName));
    }

    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
        closeWorkspace();
        clusters.close();
    }

    public ClustersViewModel clusters() {
        return clusters;
    }

    /**
     * The start screen's view model; Docker is checked when the screen is first asked for. Only that screen shows the
     * answer, and a console reopening its last cluster never shows it: docker-java's classes loaded at the start would
     * compete with the first drawing of the cluster (the workspace's monitor finds Docker on its own).
     */
    public StartViewModel startScreen() {
        if (!dockerChecked) {
            dockerChecked = true;
            start.checkDocker();
        }
        return start;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    /**
     * The cluster being opened (the one shown last time, at start): while it is, the window shows that
     * rather than the start screen, which would flash by.
     */
    public ReadOnlyObjectProperty<Optional<String>> openingProperty() {
        return opening.getReadOnlyProperty();
    }

    /** The selected cluster's workspace; null while the start screen shows. */
    public ReadOnlyObjectProperty<WorkspaceViewModel> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }
}
