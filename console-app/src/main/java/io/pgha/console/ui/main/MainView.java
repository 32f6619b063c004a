package io.pgha.console.ui.main;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.attach.AttachDialog;
import io.pgha.console.ui.clusters.ClustersView;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.Theme;
import io.pgha.console.ui.start.StartView;
import io.pgha.console.ui.wizard.NewClusterWizard;
import io.pgha.console.ui.workspace.WorkspaceView;
import io.pgha.console.ui.workspace.WorkspaceViewModel;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window's content: header, clusters sidebar, start screen or workspace, status bar. */
public final class MainView extends BorderPane {

    private final MainViewModel viewModel;
    private StartView start;
    private final SourcesStatus status = new SourcesStatus();
    private final VBox opening;
    private WorkspaceView workspace;

    public MainView(MainViewModel viewModel) {
        this.viewModel = viewModel;
        setId("main-view");
        AppStyles.apply(this);
        setTop(header());
        setLeft(new ClustersView(viewModel.clusters(), this::createCluster, this::attachCluster));
        setBottom(status.node());
        opening = opening();
        viewModel.workspaceProperty().addListener((o, a, w) -> show(w));
        viewModel.openingProperty().addListener((o, a, name) -> {
            if (workspace == null) {
                setCenter(name.isPresent() ? opening : start());
            }
        });
        viewModel.settings().themeProperty().addListener((o, a, theme) -> applyTheme(theme));
        applyTheme(viewModel.settings().themeProperty().get());
        show(viewModel.workspaceProperty().get());
    }

    /** The start screen, made when first shown: a console reopening its last cluster never shows it. */
    private StartView start() {
        if (start == null) {
            start = new StartView(viewModel.startScreen(), this::createCluster, this::attachCluster);
        }
        return start;
    }

    /** What shows while the last cluster reopens: its name, no buttons. */
    private VBox opening() {
        Label text = new Label();
        text.getStyleClass().add("muted");
        text.textProperty()
                .bind(viewModel
                        .openingProperty()
                        .map(n -> n.map(name -> "Opening " + name + " …").orElse("")));
        VBox box = new VBox(12, new ProgressIndicator(), text);
        box.setId("opening-view");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private HBox header() {
        Label title = new Label("pgha");
        title.getStyleClass().add("app-title");
        Label version = new Label(viewModel.version());
        version.setId("version");
        version.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button theme = new Button();
        theme.setId("toggle-theme");
        theme.getStyleClass().add(Styles.FLAT);
        theme.textProperty()
                .bind(viewModel.settings().themeProperty().map(t -> t == Theme.DARK ? "☀ Light" : "☾ Dark"));
        theme.setTooltip(new Tooltip("Switch between light and dark (Ctrl+T)"));
        theme.setOnAction(e -> viewModel.settings().toggleTheme());
        HBox header = new HBox(8, title, version, grow, theme);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");
        return header;
    }

    private void show(WorkspaceViewModel w) {
        workspace = w == null ? null : new WorkspaceView(w, viewModel.settings());
        setCenter(
                workspace != null
                        ? workspace
                        : viewModel.openingProperty().get().isPresent() ? opening : start());
        status.show(w);
    }

    private void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(theme.userAgentStylesheet());
        getStyleClass().remove("dark");
        if (theme == Theme.DARK) {
            getStyleClass().add("dark");
        }
    }

    public void createCluster() {
        new NewClusterWizard(viewModel.newCluster(), getScene().getWindow(), viewModel::added).show();
    }

    public void attachCluster() {
        new AttachDialog(viewModel.attach(), getScene().getWindow(), viewModel::added).show();
    }

    /** Binds the main window's shortcuts; workspace ones act on the open cluster, if any. */
    public void installShortcuts(Scene scene) {
        Shortcuts shortcuts = new Shortcuts()
                .on(Shortcuts.NEW_CLUSTER, this::createCluster)
                .on(Shortcuts.ATTACH, this::attachCluster)
                .on(Shortcuts.TOGGLE_THEME, viewModel.settings()::toggleTheme)
                .on(Shortcuts.SWITCHOVER, () -> onWorkspace(WorkspaceView::switchover))
                .on(Shortcuts.FAILOVER, () -> onWorkspace(WorkspaceView::failover))
                .on(Shortcuts.PAUSE_RESUME, () -> onWorkspace(WorkspaceView::pauseOrResume))
                .on(Shortcuts.RESTART_SELECTED, () -> onWorkspace(WorkspaceView::restartSelected))
                .on(Shortcuts.CLEAR_SELECTION, () -> onWorkspace(WorkspaceView::clearSelection))
                .on(Shortcuts.SEARCH, () -> onWorkspace(WorkspaceView::focusSearch));
        for (int i = 0; i < Shortcuts.tabCount(); i++) {
            int tab = i;
            shortcuts.on(Shortcuts.tab(i), () -> onWorkspace(w -> w.selectTab(tab)));
        }
        shortcuts.installOn(scene);
    }

    private void onWorkspace(Consumer<WorkspaceView> action) {
        Optional.ofNullable(workspace).ifPresent(action);
    }

    public MainViewModel viewModel() {
        return viewModel;
    }
}
