package io.pgha.console.ui.metrics;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Toolbars;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * The range choice (15 min … 24 h), the note when there is no history, and four charts over the range. The charts
 * redraw only when a sample, an answer from Prometheus or the range changed and only while shown, and draw at most
 * {@link #MAX_POINTS} points a line, so a hidden or idle screen costs nothing; history is read only while shown.
 */
public final class MetricsView extends BorderPane {

    static final int MAX_POINTS = 300;
    private final MetricsViewModel viewModel;
    private final Map<MetricChart, LineChart<Number, Number>> charts = new EnumMap<>(MetricChart.class);
    private final Map<MetricChart, Label> placeholders = new EnumMap<>(MetricChart.class);
    private final BooleanProperty active = new SimpleBooleanProperty(true);

    public MetricsView(MetricsViewModel viewModel) {
        this.viewModel = viewModel;
        setId("metrics-view");
        setTop(toolbar(viewModel.history()));
        setCenter(grid());
        viewModel.versionProperty().addListener((o, a, b) -> redrawIfActive());
        viewModel.history().rangeProperty().addListener((o, a, range) -> {
            charts.values().forEach(chart -> timeAxis((NumberAxis) chart.getXAxis(), range));
            redrawIfActive();
        });
        active.addListener((o, a, shown) -> {
            viewModel.history().shown(shown);
            redrawIfActive();
        });
        viewModel.history().shown(active.get());
        redrawIfActive();
    }

    /** The range as toggles (one always chosen), then the note saying why there is no history, if there is none. */
    private static HBox toolbar(MetricsHistoryViewModel history) {
        Label title = new Label("Range");
        title.getStyleClass().add("muted");
        HBox ranges = new HBox();
        ToggleGroup group = new ToggleGroup();
        ChartRange[] all = ChartRange.values();
        for (int i = 0; i < all.length; i++) {
            ChartRange range = all[i];
            ToggleButton toggle = new ToggleButton(range.label());
            toggle.setId("range-" + range.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            toggle.setUserData(range);
            toggle.setToggleGroup(group);
            toggle.getStyleClass()
                    .addAll(
                            Styles.SMALL,
                            i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            toggle.setSelected(range == history.rangeProperty().get());
            ranges.getChildren().add(toggle);
        }
        group.selectedToggleProperty().addListener((o, before, chosen) -> {
            if (chosen == null) {
                group.selectToggle(before);
            } else {
                history.rangeProperty().set((ChartRange) chosen.getUserData());
            }
        });
        history.rangeProperty()
                .addListener((o, a, range) -> group.getToggles().stream()
                        .filter(t -> t.getUserData() == range)
                        .findFirst()
                        .ifPresent(group::selectToggle));
        ranges.disableProperty().bind(history.rangeChoosableProperty().not());
        ranges.setId("metrics-range");
        Label note = Toolbars.muted(history.noteProperty());
        note.setId("metrics-note");
        note.setWrapText(true);
        note.visibleProperty().bind(history.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        HBox toolbar = Toolbars.of(title, ranges, note);
        toolbar.getStyleClass().add("metrics-toolbar");
        toolbar.setMinHeight(Region.USE_PREF_SIZE);
        return toolbar;
    }

    private GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setStyle("-fx-padding: 0 0.5em 0.5em 0.5em;");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            grid.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(row);
        }
        int i = 0;
        for (MetricChart chart : MetricChart.values()) {
            LineChart<Number, Number> lineChart =
                    chart(chart, viewModel.history().rangeProperty().get());
            charts.put(chart, lineChart);
            StackPane cell = new StackPane(lineChart);
            if (chart == MetricChart.TRANSACTIONS || chart == MetricChart.CONNECTIONS) {
                Label placeholder = new Label(
                        "No database counters yet: transactions and connections are read "
                                + "on the primary through the router with pgha's probe login (pgha attach --pg-user for attached clusters).");
                placeholder.getStyleClass().add("chart-placeholder");
                placeholder.setMaxWidth(320);
                placeholders.put(chart, placeholder);
                cell.getChildren().add(placeholder);
            }
            grid.add(cell, i % 2, i / 2);
            i++;
        }
        return grid;
    }

    /** Whether the charts are on screen; while not, samples are kept but not drawn, and no history is read. */
    public BooleanProperty activeProperty() {
        return active;
    }

    private static LineChart<Number, Number> chart(MetricChart chart, ChartRange range) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        timeAxis(x, range);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setLabel(chart.unit());
        if (chart == MetricChart.REPLICATION_LAG) {
            y.setTickLabelFormatter(label(n -> Formats.bytes(n.longValue())));
        } else if (wholeNumbers(chart)) {
            y.setTickLabelFormatter(label(n -> Long.toString(Math.round(n.doubleValue()))));
        }
        if (chart != MetricChart.TRANSACTIONS) {
            y.setAutoRanging(false);
            y.setMinorTickVisible(false);
            scale(chart, y, 0);
        }
        LineChart<Number, Number> lineChart = new LineChart<>(x, y);
        lineChart.setId("chart-" + chart.name().toLowerCase(Locale.ROOT));
        lineChart.getStyleClass().add("metrics-chart");
        lineChart.setTitle(chart.title());
        lineChart.setAnimated(false);
        lineChart.setCreateSymbols(false);
        return lineChart;
    }

    private static void timeAxis(NumberAxis x, ChartRange range) {
        x.setLabel(range.axisTitle());
        x.setLowerBound(-range.axisLength());
        x.setUpperBound(0);
        x.setTickUnit(range.axisTick());
    }

    private void redrawIfActive() {
        if (active.get()) {
            charts.forEach(this::redraw);
        }
    }

    private void redraw(MetricChart chart, LineChart<Number, Number> lineChart) {
        Map<String, List<TimeSeries.Point>> lines = viewModel.lines(chart);
        long now = lines.values().stream()
                .mapToLong(l -> l.getLast().epochMillis())
                .max()
                .orElse(0);
        long unit = viewModel.history().rangeProperty().get().axisUnitMillis();
        List<XYChart.Series<Number, Number>> drawn = new ArrayList<>();
        lines.forEach((name, line) ->
                drawn.add(new XYChart.Series<>(name, FXCollections.observableList(points(line, now, unit)))));
        double max = drawn.stream()
                .flatMap(s -> s.getData().stream())
                .mapToDouble(d -> d.getYValue().doubleValue())
                .max()
                .orElse(0);
        if (chart != MetricChart.TRANSACTIONS) {
            scale(chart, (NumberAxis) lineChart.getYAxis(), max);
        }
        lineChart.getData().setAll(drawn);
        Label placeholder = placeholders.get(chart);
        if (placeholder != null) {
            placeholder.setVisible(
                    drawn.isEmpty() && !viewModel.databaseCountersProperty().get());
        }
    }

    private static boolean wholeNumbers(MetricChart chart) {
        return chart == MetricChart.CONNECTIONS || chart == MetricChart.ROUTER_SESSIONS;
    }

    private static void scale(MetricChart chart, NumberAxis axis, double max) {
        AxisScale scale = chart == MetricChart.REPLICATION_LAG ? AxisScale.bytes(max) : AxisScale.counts(max);
        axis.setLowerBound(0);
        axis.setUpperBound(scale.upper());
        axis.setTickUnit(scale.tick());
    }

    private static StringConverter<Number> label(Function<Number, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return text.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /**
     * Every point, or the largest of each run when there are more than {@link #MAX_POINTS} (peaks must stay visible), at
     * its distance from {@code now} in the time axis's unit.
     */
    static List<XYChart.Data<Number, Number>> points(List<TimeSeries.Point> all, long now, long unitMillis) {
        int stride = Math.max(1, (all.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(all.size() / stride + 1);
        for (int i = 0; i < all.size(); i += stride) {
            TimeSeries.Point peak = all.get(i);
            for (int j = i + 1; j < Math.min(i + stride, all.size()); j++) {
                if (all.get(j).value() > peak.value()) {
                    peak = all.get(j);
                }
            }
            points.add(new XYChart.Data<>((peak.epochMillis() - now) / (double) unitMillis, peak.value()));
        }
        return points;
    }
}
