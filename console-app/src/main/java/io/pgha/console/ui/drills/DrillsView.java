package io.pgha.console.ui.drills;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.FormRows;
import io.pgha.console.ui.common.Tables;
import io.pgha.console.ui.common.Tones;
import io.pgha.console.ui.common.Toolbars;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The drills screen: pick a fault and a number of runs, confirm, and watch the drill's progress; then each run's write
 * gaps in a chart, the figures over all runs (write outage, new leader, router flip, rows missing, split brain, healed)
 * and a row per run. Every drill is listed; one that cannot run on this cluster is greyed, and choosing it says why.
 * The drill that deletes the cluster's data (disaster) asks for the cluster's name typed before it starts.
 */
public final class DrillsView extends BorderPane {

    private final DrillsViewModel viewModel;
    private final GridPane figures = new GridPane();
    private final LineChart<Number, Number> chart;

    public DrillsView(DrillsViewModel viewModel) {
        this.viewModel = viewModel;
        setId("drills-view");

        ComboBox<DrillChoice> scenario = new ComboBox<>(viewModel.scenarios());
        scenario.setId("drill-scenario");
        scenario.valueProperty().bindBidirectional(viewModel.scenarioProperty());
        scenario.disableProperty().bind(viewModel.activeProperty());
        scenario.setCellFactory(list -> new ChoiceCell(viewModel));
        scenario.setButtonCell(new ChoiceCell(viewModel));
        Spinner<Integer> runs = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(
                1, DrillsViewModel.MAX_RUNS, viewModel.runsProperty().get()));
        runs.setId("drill-runs");
        runs.setEditable(true);
        runs.setPrefWidth(80);
        runs.valueProperty().addListener((o, a, n) -> viewModel.runsProperty().set(n));
        runs.disableProperty().bind(viewModel.activeProperty().or(viewModel.runsOnceProperty()));
        Button run = new Button("Run drill…");
        run.setId("drill-run");
        run.getStyleClass().add(Styles.DANGER);
        run.setTooltip(new Tooltip("Inject the fault into this cluster and measure what clients see"));
        run.disableProperty().bind(viewModel.canRunProperty().not());
        run.setOnAction(e -> confirmAndRun());
        Button cancel = new Button("Cancel");
        cancel.setId("drill-cancel");
        cancel.setTooltip(new Tooltip("Stop at the next wait; the fault is healed first"));
        cancel.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(DrillsViewModel.State.RUNNING));
        cancel.setOnAction(e -> viewModel.cancel());
        Button chaos = new Button("Chaos…");
        chaos.setId("chaos-open");
        chaos.setTooltip(new Tooltip("A seeded run of random faults under workloads, as pgha chaos runs it"));
        chaos.disableProperty().bind(viewModel.canChaosProperty().not());
        chaos.setMinWidth(Region.USE_PREF_SIZE);
        chaos.setOnAction(e ->
                viewModel.chaos().ifPresent(c -> ChaosDialog.show(getScene().getWindow(), c)));
        Label message = Toolbars.muted(viewModel.messageProperty());
        message.setId("drill-message");

        Label description = new Label();
        description.setId("drill-description");
        description.textProperty().bind(viewModel.scenarioProperty().map(DrillChoice::description));
        Label availability = Toolbars.muted(viewModel.availabilityProperty());
        availability.setId("drill-availability");
        availability.setWrapText(true);
        run.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        VBox top = new VBox(
                Toolbars.of(
                        FormRows.label("Drill"),
                        scenario,
                        FormRows.label("Runs"),
                        runs,
                        run,
                        cancel,
                        chaos,
                        description),
                Toolbars.of(availability),
                Toolbars.of(message));

        figures.setId("drill-figures");
        figures.setHgap(10);
        figures.setVgap(4);
        Label figuresTitle = new Label("RESULT");
        figuresTitle.getStyleClass().add("section-title");
        Label noFigures = new Label("No drill has run yet.");
        noFigures.getStyleClass().add("muted");
        noFigures.visibleProperty().bind(Bindings.isEmpty(viewModel.figures()));
        noFigures.managedProperty().bind(noFigures.visibleProperty());
        VBox figureBox = new VBox(6, figuresTitle, noFigures, figures);
        figureBox.getStyleClass().add("drill-figures");
        figureBox.setMinWidth(Region.USE_PREF_SIZE);
        viewModel.figures().addListener((ListChangeListener<DrillFigure>) c -> fillFigures());

        chart = chart();
        HBox.setHgrow(chart, Priority.ALWAYS);
        chart.visibleProperty().bind(viewModel.chartShownProperty());
        chart.managedProperty().bind(chart.visibleProperty());
        HBox upper = new HBox(figureBox, chart);

        TableView<DrillRunRow> table = Tables.table("Each run of the drill appears here.");
        table.setId("drill-results");
        table.getColumns().add(Tables.column("Run", 2, r -> String.valueOf(r.run())));
        table.getColumns().add(Tables.toneColumn("Leader", 7, DrillRunRow::leaders, DrillRunRow::tone));
        table.getColumns().add(Tables.column("Write outage", 6, DrillRunRow::writeOutage));
        table.getColumns().add(Tables.column("New leader", 6, DrillRunRow::newLeader));
        table.getColumns().add(Tables.column("Router flip", 6, DrillRunRow::routerFlip));
        table.getColumns().add(Tables.column("Rows missing", 6, DrillRunRow::missing));
        table.getColumns().add(Tables.column("Split brain", 5, DrillRunRow::splitBrain));
        table.getColumns().add(Tables.column("Healed", 6, DrillRunRow::healed));
        table.getColumns().add(Tables.column("Notes", 12, DrillRunRow::notes));
        for (int i = 0; i < viewModel.columns().size(); i++) {
            table.getColumns().get(i + 1).textProperty().bind(Bindings.valueAt(viewModel.columns(), i));
        }
        table.setItems(viewModel.results());

        ListView<String> log = new ListView<>(viewModel.log());
        log.setId("drill-log");
        log.getStyleClass().add("log-view");
        log.setPlaceholder(new Label("The drill's progress appears here."));
        viewModel.log().addListener((ListChangeListener<String>) c -> {
            if (!log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        });

        SplitPane center = new SplitPane(upper, table, log);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.48, 0.76);
        setTop(top);
        setCenter(center);
        viewModel.gaps().addListener((ListChangeListener<GapSeries>) c -> redraw());
        fillFigures();
        redraw();
    }

    private static LineChart<Number, Number> chart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since the fault");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel("gap (s)");
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("drill-chart");
        chart.setTitle("Time since the previous acknowledged write");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinWidth(300);
        return chart;
    }

    /** Only when a run finished: the chart holds at most a few hundred points per run. */
    private void redraw() {
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (GapSeries s : viewModel.gaps()) {
            series.add(new XYChart.Series<>(
                    s.name(),
                    FXCollections.observableList(s.points().stream()
                            .map(p -> new XYChart.Data<Number, Number>(p.seconds(), p.gapSeconds()))
                            .toList())));
        }
        chart.getData().setAll(series);
    }

    private void fillFigures() {
        figures.getChildren().clear();
        int row = 0;
        for (DrillFigure f : viewModel.figures()) {
            Label label = FormRows.label(f.label());
            label.getStyleClass().add("detail-label");
            Label value = new Label(f.value());
            value.setMinWidth(Region.USE_PREF_SIZE);
            value.setId(
                    "drill-figure-" + f.label().replaceAll("[^a-zA-Z]+", "-").replaceAll("-$", ""));
            value.getStyleClass().add("tone-text");
            Tones.apply(value, f.tone());
            figures.addRow(row++, label, value);
        }
    }

    /** Says what the drill will do to this cluster; only on "Run drill" does it start. Shown without blocking. */
    private void confirmAndRun() {
        DrillConfirmation confirmation = viewModel.confirmation();
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(getScene().getWindow());
        alert.setTitle(confirmation.title());
        alert.setHeaderText(confirmation.title() + "?");
        alert.setContentText(confirmation.whatHappens());
        alert.getDialogPane().setId("confirm-dialog");
        alert.getDialogPane().setPrefWidth(560);
        AppStyles.apply(alert.getDialogPane());
        ButtonType confirm = new ButtonType(confirmation.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        Button button = (Button) alert.getDialogPane().lookupButton(confirm);
        button.setId("confirm-button");
        button.getStyleClass().add(Styles.DANGER);
        confirmation.typedName().ifPresent(name -> {
            viewModel.typedProperty().set("");
            Label ask = new Label(confirmation.whatHappens());
            ask.setWrapText(true);
            ask.setMinHeight(Region.USE_PREF_SIZE);
            TextField typed = new TextField();
            typed.setId("confirm-cluster-name");
            typed.setPromptText(name);
            typed.textProperty().bindBidirectional(viewModel.typedProperty());
            // Enter in the field must not confirm: the field takes it, and Cancel stays the default button
            typed.setOnAction(e -> e.consume());
            alert.getDialogPane().setContent(new VBox(8, ask, FormRows.label("Type " + name + " to confirm"), typed));
            button.disableProperty().bind(viewModel.confirmedProperty().not());
            alert.setOnShown(e -> typed.requestFocus());
        });
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        button.setDefaultButton(false);
        alert.setOnHidden(e -> {
            if (alert.getResult() == confirm) {
                viewModel.run();
            }
        });
        alert.show();
    }

    /** A drill in the picker, greyed with "unavailable" when it cannot run on this cluster now. */
    private static final class ChoiceCell extends javafx.scene.control.ListCell<DrillChoice> {
        private final DrillsViewModel viewModel;

        ChoiceCell(DrillsViewModel viewModel) {
            this.viewModel = viewModel;
            viewModel.unavailableProperty().addListener((o, a, b) -> show(getItem(), isEmpty()));
        }

        @Override
        protected void updateItem(DrillChoice item, boolean empty) {
            super.updateItem(item, empty);
            show(item, empty);
        }

        private void show(DrillChoice item, boolean empty) {
            getStyleClass().remove("text-muted");
            if (empty || item == null) {
                setText(null);
                return;
            }
            boolean off = viewModel.unavailableProperty().get().containsKey(item.id());
            setText(item.id() + (off ? " (unavailable)" : ""));
            if (off) {
                getStyleClass().add("text-muted");
            }
        }
    }
}
