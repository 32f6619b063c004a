package io.pgha.console.ui.member;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.actions.ActionLauncher;
import io.pgha.console.ui.changes.ChangeKind;
import io.pgha.console.ui.changes.ChangeLauncher;
import io.pgha.console.ui.common.FormRows;
import io.pgha.console.ui.common.Tones;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The panel beside the topology for the selected PostgreSQL member: its facts and its actions. */
public final class MemberDetailView extends VBox {

    private final MemberDetailViewModel viewModel;
    private final GridPane facts = new GridPane();

    /**
     * @param changes opens the day-two changes' dialogs (Replace node, Remove node)
     * @param onClose hides the panel (clears the selection)
     */
    public MemberDetailView(
            MemberDetailViewModel viewModel,
            Supplier<ActionLauncher> launcher,
            Supplier<ChangeLauncher> changes,
            Runnable onClose) {
        this.viewModel = viewModel;
        setId("member-detail");
        getStyleClass().add("detail-panel");
        Label title = new Label();
        title.textProperty().bind(viewModel.titleProperty());
        title.getStyleClass().add(Styles.TITLE_3);
        Button close = new Button("✕");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("Close (Esc)"));
        close.setId("close-detail");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(title, grow, close);
        facts.setHgap(10);
        facts.setVgap(4);
        viewModel.rows().addListener((ListChangeListener<DetailRow>) c -> fillFacts());

        Button switchover = button(
                "Make primary…",
                "switchover-here",
                "Switch over to this member (Ctrl+Shift+S)",
                () -> launcher.get().switchover(viewModel.member()));
        switchover.disableProperty().bind(viewModel.canBecomePrimaryProperty().not());
        Button restart = button(
                "Restart PostgreSQL…",
                "restart-postgres",
                "Restart PostgreSQL through Patroni (Ctrl+Shift+R)",
                () -> launcher.get().confirmAndRun(viewModel.restartPostgres()));
        restart.disableProperty().bind(viewModel.presentProperty().not());
        Button reinit = button(
                "Reinitialise…",
                "reinitialize",
                "Clone this replica again from the primary",
                () -> launcher.get().confirmAndRun(viewModel.reinitialize()));
        reinit.disableProperty().bind(viewModel.presentProperty().not().or(viewModel.leaderProperty()));
        Button restartContainer = button(
                "Restart container…",
                "restart-container",
                "Restart the Docker container",
                () -> launcher.get().confirmAndRun(viewModel.restartContainer()));
        restartContainer.disableProperty().bind(viewModel.hasContainerProperty().not());
        Button stopStart = button(
                "Stop container…",
                "stop-start-container",
                "Stop or start the Docker container",
                () -> launcher.get().confirmAndRun(viewModel.stopOrStartContainer()));
        stopStart
                .textProperty()
                .bind(viewModel.containerRunningProperty().map(r -> r ? "Stop container…" : "Start container…"));
        stopStart.disableProperty().bind(viewModel.hasContainerProperty().not());
        Button replace = button(
                "Replace node…",
                "replace-node",
                "A new container and a new volume for this member, cloned again from a replica (plan shown first)",
                () -> changes.get().open(ChangeKind.REPLACE_NODE, viewModel.member()));
        replace.disableProperty().bind(viewModel.presentProperty().not());
        Button remove = button(
                "Remove node…",
                "remove-node",
                "Remove this member from the stack, its volume kept (plan shown first)",
                () -> changes.get().open(ChangeKind.REMOVE_NODE, viewModel.member()));
        remove.disableProperty().bind(viewModel.presentProperty().not());
        FlowPane actions =
                new FlowPane(6, 6, switchover, restart, reinit, restartContainer, stopStart, replace, remove);

        Label section = new Label("ACTIONS");
        section.getStyleClass().add("section-title");
        getChildren().addAll(header, section, actions, facts); // actions first: reachable without scrolling at 1280×800
        close.setOnAction(e -> onClose.run());
        fillFacts();
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void fillFacts() {
        facts.getChildren().clear();
        int row = 0;
        for (DetailRow r : viewModel.rows()) {
            Label label = FormRows.label(r.label());
            label.getStyleClass().add("detail-label");
            Label value = new Label(r.value());
            value.setWrapText(true);
            value.getStyleClass().add("tone-text");
            Tones.apply(value, r.tone());
            facts.addRow(row++, label, value);
        }
    }
}
