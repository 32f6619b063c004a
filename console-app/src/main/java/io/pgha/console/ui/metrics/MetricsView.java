package io.pgha.console.ui.metrics;

import io.pgha.console.ui.common.Formats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * Four live charts over the last 15 minutes. They redraw only when a sample was added and only while
 * shown, and draw at most {@link #MAX_POINTS} points a series, so a hidden or idle screen costs nothing.
 */
public final class MetricsView extends GridPane {

    static final int MAX_POINTS = 300;
    private final MetricsViewModel viewModel;
    private final Map<MetricChart, LineChart<Number, Number>> charts = new EnumMap<>(MetricChart.class);
    private final BooleanProperty active = new SimpleBooleanProperty(true);

    public MetricsView(MetricsViewModel viewModel) {
        this.viewModel = viewModel;
        setId("metrics-view");
        setHgap(8);
        setVgap(8);
        setStyle("-fx-padding: 0.5em;");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(row);
        }
        int i = 0;
        for (MetricChart chart : MetricChart.values()) {
            LineChart<Number, Number> lineChart = chart(chart);
            charts.put(chart, lineChart);
            StackPane cell = new StackPane(lineChart);
            if (chart == MetricChart.TRANSACTIONS || chart == MetricChart.CONNECTIONS) {
                Label placeholder = new Label("No database counters yet: transactions and connections are read "
                        + "on the primary through the router with pgha's probe login (pgha attach --pg-user for attached clusters).");
                placeholder.getStyleClass().add("chart-placeholder");
                placeholder.setMaxWidth(320);
                placeholder.visibleProperty().bind(viewModel.databaseCountersProperty().not());
                cell.getChildren().add(placeholder);
            }
            add(cell, i % 2, i / 2);
            i++;
        }
        viewModel.versionProperty().addListener((o, a, b) -> redrawIfActive());
        active.addListener((o, a, b) -> redrawIfActive());
        redrawIfActive();
    }

    /** Whether the charts are on screen; while not, samples are kept but not drawn. */
    public BooleanProperty activeProperty() {
        return active;
    }

    private static LineChart<Number, Number> chart(MetricChart chart) {
        NumberAxis x = new NumberAxis(-MetricsViewModel.WINDOW.toMinutes(), 0, 5);
        x.setLabel("minutes ago");
        x.setAutoRanging(false);
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
        lineChart.setId("chart-" + chart.name().toLowerCase());
        lineChart.getStyleClass().add("metrics-chart");
        lineChart.setTitle(chart.title());
        lineChart.setAnimated(false);
        lineChart.setCreateSymbols(false);
        return lineChart;
    }

    private void redrawIfActive() {
        if (active.get()) {
            charts.forEach(this::redraw);
        }
    }

    private void redraw(MetricChart chart, LineChart<Number, Number> lineChart) {
        Map<String, TimeSeries> series = viewModel.series(chart);
        long now = series.values().stream().mapToLong(s -> s.last().epochMillis()).max().orElse(0);
        List<XYChart.Series<Number, Number>> drawn = new ArrayList<>();
        series.forEach((name, s) -> drawn.add(new XYChart.Series<>(name, FXCollections.observableList(points(s, now)))));
        double max = drawn.stream().flatMap(s -> s.getData().stream()).mapToDouble(d -> d.getYValue().doubleValue()).max().orElse(0);
        if (chart != MetricChart.TRANSACTIONS) {
            scale(chart, (NumberAxis) lineChart.getYAxis(), max);
        }
        lineChart.getData().setAll(drawn);
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

    /** Every point, or the largest of each run when there are more than {@link #MAX_POINTS} (peaks must stay visible). */
    static List<XYChart.Data<Number, Number>> points(TimeSeries series, long now) {
        List<TimeSeries.Point> all = series.points();
        int stride = Math.max(1, (all.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(all.size() / stride + 1);
        for (int i = 0; i < all.size(); i += stride) {
            TimeSeries.Point peak = all.get(i);
            for (int j = i + 1; j < Math.min(i + stride, all.size()); j++) {
                if (all.get(j).value() > peak.value()) {
                    peak = all.get(j);
                }
            }
            points.add(new XYChart.Data<>((peak.epochMillis() - now) / 60_000.0, peak.value()));
        }
        return points;
    }
}
