package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.prometheus.PrometheusClient;
import io.pgha.runtime.prometheus.Series;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16, item 4, end to end on the local engine: a stack made by the runtime's provisioner (what `pgha up` runs) runs its Prometheus with every target
 * healthy, and the console, started once Prometheus has scraped a few times, charts what was scraped before it started.
 * The stack is made before the console starts (in {@link #createApp()}) and removed after the test.
 */
class MetricsHistoryIT extends ConsoleUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int SCRAPES = 3;

    private PrometheusClient prometheus;
    private Instant consoleStarted;

    /** `pgha up` into this test's config directory, then waits for {@value #SCRAPES} scrapes of every target. */
    @Override
    protected ConsoleApp createApp() {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.down(true); // same container names and ports as the stack made here
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            provisioner.up(
                    StackSpec.defaults().toBuilder().images(ImageProfile.LOCAL).build(), event -> {});
        }
        String url = new ClusterRegistry(configDir).get("pg-ha").prometheus().orElseThrow();
        prometheus = new PrometheusClient(url, Duration.ofSeconds(5));
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> fewestScrapes() >= SCRAPES);
        consoleStarted = Instant.now();
        return new ConsoleApp();
    }

    @AfterEach
    void removeTheStack() {
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            provisioner.down("pg-ha", true, event -> {});
        }
    }

    @Test
    void everyTargetIsHealthyAndAChartShowsWhatWasScrapedBeforeTheConsoleStarted(FxRobot robot) throws IOException {
        List<Map<String, String>> targets = prometheus.targets();
        assertThat(targets)
                .extracting(t -> t.get("job") + " " + t.get("instance"))
                .containsExactlyInAnyOrder(
                        "postgres pg-0-exporter:9187",
                        "postgres pg-1-exporter:9187",
                        "postgres pg-2-exporter:9187",
                        "router pg-router:8405", // with a stats login, HAProxy's /metrics has its own listener (ADR
                        // 0020)
                        "supervisor pg-supervisor:9188",
                        "prometheus 127.0.0.1:9090");
        assertThat(targets)
                .allSatisfy(t -> assertThat(t.get("health"))
                        .as(t.get("instance") + " " + t.get("lastError"))
                        .isEqualTo("up"));

        until(PATIENCE, () -> exists(robot, "#cluster-pg-ha"));
        robot.clickOn("#cluster-pg-ha");
        until(PATIENCE, () -> exists(robot, "#pg-node-pg-0"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        until(() -> node(robot, "#workspace-tabs", TabPane.class)
                        .getSelectionModel()
                        .getSelectedIndex()
                == 3);

        LineChart<?, ?> sessions = node(robot, "#chart-router_sessions", LineChart.class);
        LineChart<?, ?> connections = node(robot, "#chart-connections", LineChart.class);
        until(PATIENCE, () -> onFx(() -> showsSamplesBefore(sessions, consoleStarted)));
        until(PATIENCE, () -> onFx(() -> connections.getData().size()) == 3);
        assertThat(onFx(() ->
                        connections.getData().stream().map(s -> s.getName()).toList()))
                .as("every member's client backends: the replicas' only Prometheus has")
                .containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(onFx(() -> showsSamplesBefore(connections, consoleStarted))).isTrue();
        assertThat(node(robot, "#metrics-note", Label.class).isVisible())
                .as("no note: the history is shown")
                .isFalse();

        robot.clickOn("#range-hour-1");
        NumberAxis time = (NumberAxis) sessions.getXAxis();
        until(PATIENCE, () -> onFx(() -> time.getLowerBound() == -60 && showsSamplesBefore(sessions, consoleStarted)));
        shoot(robot);
    }

    /** The number of scrapes of the target Prometheus scraped least so far. */
    private double fewestScrapes() {
        List<Series> counts = prometheus.instant("min(count_over_time(up[10m]))");
        return counts.isEmpty() || counts.getFirst().samples().isEmpty()
                ? 0
                : counts.getFirst().samples().getFirst().value();
    }

    /** Whether a point of the chart lies before the moment (the time axis runs in minutes up to the chart's newest point). */
    private static boolean showsSamplesBefore(LineChart<?, ?> chart, Instant moment) {
        double minutesAgo = Duration.between(moment, Instant.now()).toMillis() / 60_000.0;
        return chart.getData().stream()
                .flatMap(s -> s.getData().stream())
                .anyMatch(d -> ((Number) d.getXValue()).doubleValue() < -minutesAgo);
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** The metrics screen over the real stack, for whoever reads the test's output (target/metrics-history-it.png). */
    private void shoot(FxRobot robot) throws IOException {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = stage.getScene().snapshot(null));
        ImageIO.write(
                SwingFXUtils.fromFXImage(shot[0], null),
                "png",
                Path.of("target/metrics-history-it.png").toFile());
    }
}
