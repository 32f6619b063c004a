package io.pgha.console.ui.workspace;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.actions.ActionLauncher;
import io.pgha.console.ui.backups.BackupsView;
import io.pgha.console.ui.changes.ChangeKind;
import io.pgha.console.ui.changes.ChangeLauncher;
import io.pgha.console.ui.common.ClusterStatus;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import io.pgha.console.ui.drills.DrillsView;
import io.pgha.console.ui.events.EventsStripView;
import io.pgha.console.ui.events.EventsView;
import io.pgha.console.ui.health.HealthView;
import io.pgha.console.ui.logs.LogsView;
import io.pgha.console.ui.member.MemberDetailView;
import io.pgha.console.ui.metrics.MetricsView;
import io.pgha.console.ui.router.RouterView;
import io.pgha.console.ui.settings.ApplySpecSection;
import io.pgha.console.ui.settings.DynamicConfigView;
import io.pgha.console.ui.settings.SettingsView;
import io.pgha.console.ui.settings.SettingsViewModel;
import io.pgha.console.ui.topology.TopologyView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One open cluster: a header with its state and cluster-wide actions, and a tab per screen. */
public final class WorkspaceView extends BorderPane {

    public static final String[] TABS = {
        "Topology", "Health", "Events", "Metrics", "Router", "Backups", "Logs", "Drills", "Settings"
    };

    private final WorkspaceViewModel viewModel;
    private final TabPane tabs = new TabPane();
    private HealthView health;
    private LogsView logs;

    /** The topology is built at once; the other screens when first shown, so opening a cluster stays quick. */
    public WorkspaceView(WorkspaceViewModel viewModel, SettingsViewModel settings) {
        this.viewModel = viewModel;
        setId("workspace-view");
        setTop(header());
        tabs.getTabs().add(tab(0, t -> topology()));
        tabs.getTabs().add(tab(1, t -> health = new HealthView(viewModel.health()), WorkspaceViewModel.Screen.HEALTH));
        tabs.getTabs().add(tab(2, t -> new EventsView(viewModel.events())));
        tabs.getTabs().add(tab(3, t -> {
            MetricsView metrics = new MetricsView(viewModel.metrics());
            metrics.activeProperty().bind(t.selectedProperty());
            return metrics;
        }));
        tabs.getTabs().add(tab(4, t -> new RouterView(viewModel.router()), WorkspaceViewModel.Screen.ROUTER));
        tabs.getTabs().add(tab(5, t -> new BackupsView(viewModel.backups()), WorkspaceViewModel.Screen.BACKUPS));
        tabs.getTabs().add(tab(6, t -> logs = new LogsView(viewModel.logs()), WorkspaceViewModel.Screen.LOGS));
        tabs.getTabs().add(tab(7, t -> new DrillsView(viewModel.drills()), WorkspaceViewModel.Screen.DRILLS));
        tabs.getTabs()
                .add(tab(
                        8,
                        t -> new VBox(
                                new SettingsView(settings),
                                new ApplySpecSection(
                                        () -> changeLauncher().open(ChangeKind.APPLY_SPEC, Optional.empty()),
                                        viewModel.actions().busyProperty()),
                                new DynamicConfigView(viewModel.dynamicConfig())),
                        WorkspaceViewModel.Screen.SETTINGS));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("workspace-tabs");
        setCenter(tabs);
    }

    private Node topology() {
        BorderPane topology = new BorderPane(new TopologyView(viewModel.topology()));
        MemberDetailView detail = new MemberDetailView(
                viewModel.memberDetail(), this::launcher, this::changeLauncher, this::clearSelection);
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll
                .visibleProperty()
                .bind(viewModel.topology().selectedMemberProperty().map(Optional::isPresent));
        detailScroll.managedProperty().bind(detailScroll.visibleProperty());
        topology.setRight(detailScroll);
        topology.setBottom(new EventsStripView(viewModel.events()));
        return topology;
    }

    /** A tab whose screen's view model follows the snapshots while the tab is selected. */
    private Tab tab(int index, Function<Tab, Node> content, WorkspaceViewModel.Screen screen) {
        Tab tab = tab(index, content);
        tab.selectedProperty().addListener((o, a, selected) -> viewModel.screenShown(screen, selected));
        return tab;
    }

    /** A tab whose content is made the first time it is selected. */
    private Tab tab(int index, Function<Tab, Node> content) {
        Tab tab = new Tab(TABS[index]);
        tab.setId("tab-" + TABS[index].toLowerCase(Locale.ROOT));
        tab.setTooltip(new Tooltip(TABS[index] + " (Ctrl+" + (index + 1) + ")"));
        tab.selectedProperty().addListener((o, a, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(content.apply(tab));
            }
        });
        if (index == 0) {
            tab.setContent(content.apply(tab));
        }
        return tab;
    }

    /**
     * Two rows, so nothing is cut at 1024 px: the name, the status badge and the actions above, the summary and
     * what the last action did below.
     */
    private VBox header() {
        Label name = new Label(viewModel.clusterName());
        name.getStyleClass().add("cluster-title");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label badge = Tones.badge("", Tone.UNKNOWN);
        badge.setId("cluster-health");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        viewModel.topology().statusProperty().addListener((o, a, status) -> showStatus(badge, status));
        showStatus(badge, viewModel.topology().statusProperty().get());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("cluster-activity-spinner");
        spinner.getStyleClass().add("activity-spinner");
        spinner.visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> viewModel.actions().busyProperty().get()
                                || viewModel.topology().statusProperty().get().planned(),
                        viewModel.actions().busyProperty(),
                        viewModel.topology().statusProperty()));
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label summary = new Label();
        summary.setId("cluster-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(viewModel.topology().summaryProperty());
        Label activity = new Label();
        activity.setId("cluster-activity");
        activity.getStyleClass().add("muted");
        ReadOnlyStringProperty running = viewModel.actions().runningProperty();
        ReadOnlyStringProperty result = viewModel.actions().resultProperty();
        activity.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> !running.get().isEmpty()
                                ? "· " + running.get() + " …"
                                : result.get().isEmpty() ? "" : "· " + result.get(),
                        running,
                        result));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button switchover = new Button("Switchover…");
        switchover.setId("action-switchover");
        switchover.setTooltip(new Tooltip("Hand the primary role to another member (Ctrl+Shift+S)"));
        switchover
                .disableProperty()
                .bind(viewModel
                        .actions()
                        .hasLeaderProperty()
                        .not()
                        .or(viewModel.actions().busyProperty()));
        switchover.setOnAction(e -> switchover());
        Button failover = new Button("Failover…");
        failover.setId("action-failover");
        failover.setTooltip(new Tooltip("Promote a member without the primary (Ctrl+Shift+F)"));
        failover.getStyleClass().add(Styles.DANGER);
        failover.disableProperty().bind(viewModel.actions().busyProperty());
        failover.setOnAction(e -> failover());
        Button pause = new Button();
        pause.setId("action-pause");
        pause.textProperty().bind(viewModel.actions().pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.setTooltip(new Tooltip("Pause or resume Patroni's automatic failover (Ctrl+Shift+P)"));
        pause.disableProperty().bind(viewModel.actions().busyProperty());
        pause.setOnAction(e -> pauseOrResume());
        MenuButton changes = changesMenu();
        changes.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : List.of(switchover, failover, pause)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox top = new HBox(10, name, badge, spinner, grow, changes, switchover, failover, pause);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(summary, Priority.SOMETIMES);
        summary.setMinWidth(0);
        HBox bottom = new HBox(6, summary, activity);
        bottom.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, top, bottom);
        header.setId("workspace-header");
        header.getStyleClass().addAll("app-header", "workspace-header");
        return header;
    }

    private static void showStatus(Label badge, ClusterStatus status) {
        Tones.apply(badge, status.tone());
        badge.setText(status.text());
    }

    /** The day-two changes (docs/decisions/0040): each opens its plan before anything changes; Apply spec is in Settings. */
    private MenuButton changesMenu() {
        MenuButton menu = new MenuButton("Nodes");
        menu.setId("action-changes");
        menu.setTooltip(new Tooltip("Add, remove, upgrade or replace PostgreSQL nodes: the plan is shown first"));
        for (ChangeKind kind : ChangeKind.values()) {
            if (kind == ChangeKind.APPLY_SPEC) {
                continue; // in the Settings tab, beside the spec
            }
            MenuItem item = new MenuItem(kind.title() + (kind == ChangeKind.ADD_REPLICA ? "" : "…"));
            item.setId("change-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            item.setOnAction(e -> changeLauncher()
                    .open(kind, viewModel.topology().selectedMemberProperty().get()));
            menu.getItems().add(item);
        }
        menu.disableProperty().bind(viewModel.actions().busyProperty());
        return menu;
    }

    private ChangeLauncher changeLauncher() {
        return new ChangeLauncher(viewModel.changes(), getScene().getWindow());
    }

    private ActionLauncher launcher() {
        return new ActionLauncher(viewModel.actions(), getScene().getWindow());
    }

    public void selectTab(int index) {
        if (index >= 0 && index < tabs.getTabs().size()) {
            tabs.getSelectionModel().select(index);
        }
    }

    public void switchover() {
        launcher().switchover(viewModel.topology().selectedMemberProperty().get());
    }

    public void failover() {
        launcher().failover();
    }

    public void pauseOrResume() {
        launcher().pauseOrResume();
    }

    /** Restarts PostgreSQL on the selected member, after the confirmation. */
    public void restartSelected() {
        if (viewModel.memberDetail().presentProperty().get()) {
            launcher().confirmAndRun(viewModel.memberDetail().restartPostgres());
        }
    }

    public void clearSelection() {
        viewModel.topology().clearSelection();
    }

    public void focusSearch() {
        if (tabs.getSelectionModel().getSelectedIndex() == 6) {
            logs.focusSearch();
        } else {
            selectTab(1);
            health.focusSearch();
        }
    }

    public WorkspaceViewModel viewModel() {
        return viewModel;
    }
}
