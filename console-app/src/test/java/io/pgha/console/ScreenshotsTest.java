package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.testing.FakeMetricsHistory;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Theme;
import io.pgha.console.ui.workspace.WorkspaceViewModel;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.usecase.HistoryMetric;
import io.pgha.runtime.usecase.HistoryRange;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the main screens in the light and the dark theme over a realistic cluster and writes them to
 * docs/screenshots (README.md shows them). Fails when a screen renders blank or the themes look alike.
 */
class ScreenshotsTest extends ConsoleUiTest {

    private static final Path OUT =
            Path.of(System.getProperty("pgha.root", "..")).resolve("docs/screenshots");
    /** When the drawn history's waves start: the console's samples and Prometheus's follow the same curves. */
    private final Instant anchor = Instant.now();

    private final FakeMetricsHistory prometheus = new FakeMetricsHistory(Clock.systemUTC(), this::figure);
    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("pg-ha").withHistory(prometheus);
    }

    @Test
    void mainScreensInBothThemes(FxRobot robot) throws IOException {
        until(() -> exists(robot, "#start-view") && exists(robot, "#cluster-pg-ha"));
        Files.createDirectories(OUT);
        Map<String, Double> luminance = new LinkedHashMap<>();
        for (Theme theme : Theme.values()) {
            robot.interact(() -> app.viewModel().settings().themeProperty().set(theme));
            robot.interact(() -> app.viewModel().clusters().selectedProperty().set(null));
            luminance.put("start-" + theme.id(), shoot(robot, stage.getScene(), "start-" + theme.id()));
            openCluster(robot);
            robot.clickOn("#pg-node-pg-1");
            until(() -> robot.lookup("#member-detail").query().isVisible());
            luminance.put("topology-" + theme.id(), shoot(robot, stage.getScene(), "topology-" + theme.id()));
            robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
            for (int tab = 1; tab <= 6; tab++) {
                int index = tab;
                robot.interact(() -> app.viewModel().workspaceProperty().get());
                robot.press(KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (index + 1)))
                        .release(KeyCode.valueOf("DIGIT" + (index + 1)), KeyCode.CONTROL);
                if (index == 3) {
                    robot.clickOn("#range-hour-1");
                    until(() -> prometheus.asked().contains(HistoryRange.HOUR_1));
                }
                if (index == 5) {
                    until(() -> !robot.lookup("#backup-table")
                            .queryAs(TableView.class)
                            .getItems()
                            .isEmpty());
                }
                if (index == 6) {
                    robot.interact(() -> robot.lookup("#log-container")
                            .queryAs(ComboBox.class)
                            .getSelectionModel()
                            .select("pg-0"));
                }
                String name = List.of("", "health", "events", "metrics", "router", "backups", "logs")
                                .get(index) + "-" + theme.id();
                luminance.put(name, shoot(robot, stage.getScene(), name));
            }
            luminance.put("drills-" + theme.id(), shootDrills(robot, "drills-" + theme.id()));
            robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
            until(() -> exists(robot, "#new-cluster-wizard"));
            Window wizard =
                    robot.lookup("#new-cluster-wizard").query().getScene().getWindow();
            shoot(robot, wizard.getScene(), "wizard-" + theme.id());
            robot.interact(wizard::hide);
        }

        for (Theme theme : Theme.values()) {
            robot.interact(() -> app.viewModel().settings().themeProperty().set(theme));
            luminance.put("switchover-" + theme.id(), shootSwitchover(robot, "switchover-" + theme.id()));
        }

        robot.interact(() -> app.viewModel().settings().themeProperty().set(Theme.LIGHT));
        luminance.put("replace-node-light", shootReplace(robot, "replace-node-light"));

        luminance.forEach(
                (name, value) -> assertThat(value).as(name + " is not blank").isBetween(0.02, 0.98));
        assertThat(luminance.get("topology-dark")).isLessThan(luminance.get("topology-light") - 0.3);
        assertThat(Files.list(OUT).filter(p -> p.toString().endsWith(".png")).count())
                .isGreaterThanOrEqualTo(18);
    }

    /** The Drills tab after three runs of kill-primary (the simulated cluster's drills answer at once). */
    @SuppressWarnings("unchecked")
    private double shootDrills(FxRobot robot, String name) throws IOException {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        until(() -> exists(robot, "#drills-view"));
        robot.interact(() -> robot.lookup("#drill-runs")
                .queryAs(Spinner.class)
                .getValueFactory()
                .setValue(3));
        robot.clickOn("#drill-run");
        until(() -> exists(robot, "#confirm-dialog"));
        robot.clickOn("#confirm-button");
        until(() -> robot.lookup("#drill-results")
                        .queryAs(TableView.class)
                        .getItems()
                        .size()
                == 3);
        return shoot(robot, stage.getScene(), name);
    }

    /** The topology while a switchover the console started hands the primary over (held there until shot). */
    private double shootSwitchover(FxRobot robot, String name) throws IOException {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        until(() -> exists(robot, "#pg-node-pg-0")
                && robot.lookup("#cluster-health")
                        .queryAs(Label.class)
                        .getText()
                        .equals("healthy"));
        cluster.holdSwitchovers();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        until(() -> exists(robot, "#candidate-list"));
        robot.clickOn("#confirm-button");
        until(() -> exists(robot, "#link-handover-pg-1") || exists(robot, "#link-handover-pg-0"));
        try {
            return shoot(robot, stage.getScene(), name);
        } finally {
            cluster.releaseSwitchover();
            until(() -> robot.lookup("#cluster-health")
                    .queryAs(Label.class)
                    .getText()
                    .equals("healthy"));
        }
    }

    /** Replace node's dialog while its step runs (held there until shot), the topology drawing pg-2 behind it. */
    private double shootReplace(FxRobot robot, String name) throws IOException {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        robot.clickOn("#pg-node-pg-2");
        until(() -> robot.lookup("#replace-node").query().isVisible());
        robot.clickOn("#replace-node");
        until(() -> exists(robot, "#change-dialog")
                && !robot.lookup("#change-confirm").queryAs(Button.class).isDisabled());
        cluster.changes().holdAt(0);
        robot.clickOn("#change-confirm");
        until(() -> robot.lookup("#pg-node-pg-2").query().getStyleClass().contains("tone-planned"));
        Window dialog = robot.lookup("#change-dialog").query().getScene().getWindow();
        try {
            return shoot(robot, dialog.getScene(), name);
        } finally {
            cluster.changes().release();
            until(() -> robot.lookup("#change-outcome")
                    .queryAs(Label.class)
                    .getText()
                    .startsWith("Replace node: done"));
            robot.interact(dialog::hide);
        }
    }

    private void openCluster(FxRobot robot) {
        until(() -> exists(robot, "#cluster-pg-ha"));
        robot.clickOn("#cluster-pg-ha");
        until(() -> exists(robot, "#pg-node-pg-0")
                && app.viewModel().workspaceProperty().get() != null);
        robot.interact(() -> fillHistory(app.viewModel().workspaceProperty().get()));
    }

    /** Fifteen minutes of plausible samples, as the console would have gathered them. */
    private void fillHistory(WorkspaceViewModel workspace) {
        Instant now = Instant.now();
        long transactions = 5_000_000;
        for (int s = -900; s <= 0; s += 5) {
            Instant at = now.plusSeconds(s);
            transactions += (long) (5 * figure(HistoryMetric.TRANSACTIONS, "pg-0", at));
            workspace
                    .metrics()
                    .record(
                            at,
                            sample(at),
                            new DatabaseCounters(at, OptionalLong.of(transactions), OptionalLong.of((long)
                                    figure(HistoryMetric.CONNECTIONS, "pg-0", at))));
        }
        Optional.ofNullable(cluster).ifPresent(SimulatedCluster::tick);
    }

    /** The cluster at one moment of the history: lag and sessions waving, one lag spike on pg-2. */
    private ClusterSnapshot sample(Instant at) {
        ClusterSnapshot base = cluster.monitor().current();
        List<Member> members = base.members().stream()
                .map(m -> m.lagBytes().isEmpty()
                        ? m
                        : SampleCluster.member(
                                m.name(),
                                m.role(),
                                m.state(),
                                m.timeline().getAsInt(),
                                m.lsn().getAsLong(),
                                OptionalLong.of((long) figure(HistoryMetric.REPLICATION_LAG, m.name(), at))))
                .toList();
        List<RouterBackend> backends = base.routerBackends().stream()
                .map(b -> new RouterBackend(
                        b.listener(),
                        b.server(),
                        b.status(),
                        b.checkStatus(),
                        b.checkLatencyMs(),
                        b.status() == RouterBackend.Status.UP ? (long) sessionsOfOneServer(at) : 0))
                .toList();
        return SampleCluster.snapshot(
                at, base.leader(), members, base.etcdMembers(), backends, base.containers(), base.checks());
    }

    /** Each line's value at one moment, for the console's own samples and Prometheus's alike (pg-0 leads). */
    private double figure(HistoryMetric metric, String line, Instant at) {
        long second = at.getEpochSecond() - anchor.getEpochSecond();
        double wave = Math.sin(second / 60.0);
        boolean primary = line.equals("pg-0");
        return switch (metric) {
            case REPLICATION_LAG ->
                Math.max(
                        0,
                        (line.equals("pg-2") ? 180_000 : 40_000) * (1 + wave)
                                + (second > -300 && second < -240 && line.equals("pg-2") ? 2_500_000 : 0));
            case TRANSACTIONS -> primary ? 420 + 180 * wave : 60 + 25 * Math.sin(second / 90.0 + line.hashCode());
            case CONNECTIONS -> Math.round(primary ? 24 + 8 * wave : 6 + 2 * Math.sin(second / 90.0 + line.hashCode()));
            case ROUTER_SESSIONS -> (line.equals("writes") ? 1 : 2) * sessionsOfOneServer(at);
        };
    }

    private double sessionsOfOneServer(Instant at) {
        return Math.round(8 + 6 * (1 + Math.sin((at.getEpochSecond() - anchor.getEpochSecond()) / 60.0)));
    }

    private static double shoot(FxRobot robot, Scene scene, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        BufferedImage image = SwingFXUtils.fromFXImage(shot[0], null);
        ImageIO.write(image, "png", OUT.resolve(name + ".png").toFile());
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                sum += ((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114;
            }
        }
        return sum / 1000.0 / 255 / ((image.getHeight() / 4 + 1) * (image.getWidth() / 4 + 1));
    }
}
