package io.pgha.console;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.console.ui.backups.RestoreStep;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.prometheus.PrometheusClient;
import io.pgha.runtime.prometheus.Series;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console over a stack made by the runtime's provisioner (what `pgha up` runs, backups on as by default), made once
 * for the class before the first console starts (in {@link #createApp()}) and removed after the last test; on ports of
 * its own (42100-42190), so that a stack on the default ports elsewhere on the machine does not stop it.
 *
 * <p>Issue 16, item 4: the stack runs its Prometheus with every target healthy, and the console, started once Prometheus
 * has scraped a few times, charts what was scraped before it started.
 *
 * <p>Issue 19, item 4: the Backups tab restores to a point in time. Rows committed through pgjdbc, the moment T, more
 * rows; "Restore to a point in time…" first shows the in-place choice's warning and changes nothing on Cancel, then
 * restores to T into a new cluster ({@value #RESTORED}, ports 42200-42290) with its steps shown; the new cluster is
 * healthy and has exactly the rows of T, on its primary and its replicas. One stack for both (docs/decisions/0060):
 * a second `pgha up` would cost CI a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsHistoryIT extends ConsoleUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int SCRAPES = 3;
    private static final String STACK = "pg-ha";
    /** The cluster the restore makes, and its ports: write, read, stats, Patroni, etcd, exporter, Prometheus. */
    private static final String RESTORED = "metrics-pitr";

    private static final List<String> RESTORED_PORTS =
            List.of("42200", "42201", "42204", "42208", "42279", "42287", "42290");

    /** The config directory the stack was made in, for every test's console (each test has its own configDir). */
    @TempDir
    static Path stackConfig;

    private static PrometheusClient prometheus;
    private Instant consoleStarted;

    /**
     * `pgha up` into the class's config directory once, then waits for {@value #SCRAPES} scrapes of every target; every
     * test's console reads that directory.
     */
    @Override
    protected ConsoleApp createApp() {
        System.setProperty("pgha.config.dir", stackConfig.toString());
        if (prometheus == null) {
            TestMachine.requireDockerWithLocalImages();
            ComposeStack.down(true); // same container names as the stack made here
            try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
                provisioner.down(RESTORED, true, event -> {}); // a run stopped before its cleanup
                provisioner.up(
                        StackSpec.defaults().toBuilder()
                                .images(ImageProfile.LOCAL)
                                .ports(new StackPorts(42100, 42101, 42104, 42108, 42179, 42187, 42190))
                                .build(),
                        event -> {});
            }
            String url =
                    new ClusterRegistry(stackConfig).get(STACK).prometheus().orElseThrow();
            prometheus = new PrometheusClient(url, Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> fewestScrapes() >= SCRAPES);
        consoleStarted = Instant.now();
        return new ConsoleApp();
    }

    /**
     * Removes the restored cluster and the stack once the last console has stopped: the router drains its sessions on
     * stop (SIGUSR1, a soft stop), so a stack the console still watched took the whole 30 s grace to stop.
     */
    @AfterAll
    static void removeTheStacks() {
        System.setProperty("pgha.config.dir", stackConfig.toString());
        try {
            // both at once: each waits mostly for its containers to stop
            List<CompletableFuture<Void>> downs = Stream.of(RESTORED, STACK)
                    .map(name -> CompletableFuture.runAsync(() -> {
                        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
                            long start = System.nanoTime();
                            provisioner.down(name, true, event -> {});
                            System.out.println(name + " removed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                        }
                    }))
                    .toList();
            downs.forEach(CompletableFuture::join);
        } finally {
            System.clearProperty("pgha.config.dir");
        }
    }

    @Test
    @Order(1)
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

        until(PATIENCE, () -> exists(robot, "#cluster-" + STACK));
        robot.clickOn("#cluster-" + STACK);
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

    @Test
    @Order(2)
    void theBackupsTabRestoresAMomentIntoANewClusterWithTheRowsCommittedBeforeItAndNoneAfter(FxRobot robot) {
        long testStart = System.nanoTime();
        StackSql source = new StackSql(stackConfig, STACK);
        until(PATIENCE, () -> exists(robot, "#cluster-" + STACK));
        robot.clickOn("#cluster-" + STACK);
        until(PATIENCE, () -> exists(robot, "#pg-node-pg-0"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        until(PATIENCE, () -> exists(robot, "#backups-view"));

        // the first full backup (within a minute of up) ends the window's start before the rows are written
        awaitWindow(robot, w -> w.start().isBefore(Instant.now().minusSeconds(1)));
        long backedUp = System.nanoTime();
        source.execute("CREATE TABLE pitr(n int PRIMARY KEY)");
        source.execute("INSERT INTO pitr SELECT generate_series(1, 100)");
        // T: the server's clock once the first 100 rows are committed; the next 10 commit after it
        Instant t = Instant.parse(source.primary(StackSql.NOW_UTC));
        source.execute("INSERT INTO pitr SELECT generate_series(101, 110)");
        awaitWindow(robot, w -> !t.isBefore(w.start()) && w.end().isAfter(t));
        long archived = System.nanoTime();

        // in place: the warning, then Cancel, even with the name typed, changes nothing
        String before = containers(STACK) + " postmaster " + source.primary("SELECT pg_postmaster_start_time()");
        openRestoreDialog(robot);
        robot.clickOn("#restore-in-place");
        Label warning = node(robot, "#restore-warning", Label.class);
        until(PATIENCE, () -> warning.isVisible() && warning.getText().contains("keeps the backup repository"));
        assertThat(warning.getText())
                .startsWith("This REBUILDS " + STACK + ": everything written after the target is lost")
                .contains("stops the supervisor and the PostgreSQL nodes pg-0, pg-1, pg-2")
                .contains(STACK + "_pg-0-data, " + STACK + "_pg-1-data, " + STACK + "_pg-2-data")
                .contains("keeps the backup repository volume " + STACK + "_backups");
        Button confirm = node(robot, "#restore-confirm", Button.class);
        assertThat(confirm.isDisabled()).as("not before the name is typed").isTrue();
        robot.clickOn("#restore-confirmation").write(STACK);
        until(PATIENCE, () -> !confirm.isDisabled());
        assertThat(confirm.getText()).isEqualTo("Rebuild " + STACK);
        assertThat(confirm.getStyleClass()).contains("danger");
        robot.clickOn("#restore-cancel");
        until(PATIENCE, () -> !exists(robot, "#restore-dialog"));
        assertThat(containers(STACK) + " postmaster " + source.primary("SELECT pg_postmaster_start_time()"))
                .as("no container of " + STACK + " restarted, PostgreSQL not restarted")
                .isEqualTo(before);
        assertThat(source.primary("SELECT count(*) || ' ' || max(n) FROM pitr")).isEqualTo("110 110");
        assertThat(node(robot, "#backup-restore", Button.class).isDisabled())
                .as("no restore runs")
                .isFalse();
        assertThat(new ClusterRegistry(stackConfig).list()).hasSize(1);

        // into a new cluster, to T, on ports of its own
        openRestoreDialog(robot);
        robot.interact(() -> {
            node(robot, "#restore-time", TextField.class).setText(t.toString());
            node(robot, "#restore-name", TextField.class).setText(RESTORED);
            for (int i = 0; i < RESTORED_PORTS.size(); i++) {
                node(robot, "#restore-port-" + i, TextField.class).setText(RESTORED_PORTS.get(i));
            }
        });
        Button restore = node(robot, "#restore-confirm", Button.class);
        Label problem = node(robot, "#restore-problem", Label.class);
        try {
            until(PATIENCE, () -> !restore.isDisabled());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the restore cannot start: " + onFx(problem::getText), e);
        }
        assertThat(restore.getText()).isEqualTo("Restore into a new cluster");
        long restoreStart = System.nanoTime();
        robot.clickOn(restore);
        @SuppressWarnings("unchecked")
        ListView<RestoreStep> steps = node(robot, "#restore-steps", ListView.class);
        Label outcome = node(robot, "#restore-outcome", Label.class);
        until(PATIENCE, () -> steps.isVisible() && !steps.getItems().isEmpty());
        assertThat(outcome.getText()).isEqualTo("Restoring new cluster " + RESTORED + " to " + t + " …");
        until(Duration.ofMinutes(4), () -> {
            String o = outcome.getText();
            if (o.startsWith("Failed")) {
                throw new AssertionError(o + "\nsteps: " + steps.getItems());
            }
            return o.startsWith("Restored from");
        });
        long restoreMs = (System.nanoTime() - restoreStart) / 1_000_000;
        System.out.println("restore through the console to " + t + ": " + restoreMs + " ms; " + outcome.getText()
                + "\nsteps: " + steps.getItems());
        assertThat(steps.getItems()).extracting(RestoreStep::tone).containsOnly(Tone.OK);
        robot.clickOn("#restore-cancel"); // "Close" by now
        until(PATIENCE, () -> !exists(robot, "#restore-dialog"));

        // healthy, as the console shows it: listed, opened, one leader, every node and etcd member OK
        until(PATIENCE, () -> exists(robot, "#cluster-" + RESTORED));
        robot.clickOn("#cluster-" + RESTORED);
        until(
                Duration.ofSeconds(90),
                () -> robot.lookup(".pg-node.leader").queryAll().size() == 1
                        && robot.lookup(".pg-node.tone-ok").queryAll().size() == 3
                        && robot.lookup(".etcd-node.tone-ok").queryAll().size() == 3);
        assertThat(new ClusterRegistry(stackConfig)
                        .get(RESTORED)
                        .router()
                        .orElseThrow()
                        .writePort())
                .isEqualTo(42200);
        StackSql restored = new StackSql(stackConfig, RESTORED);
        assertThat(restored.primary("SELECT count(*) || ' ' || min(n) || ' ' || max(n) FROM pitr"))
                .as("the 100 rows committed before T, none of the 10 after it")
                .isEqualTo("100 1 100");
        await("the restored rows on a replica")
                .atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> restored.replica("SELECT count(*) || ' ' || max(n) FROM pitr"), "100 100"::equals);
        assertThat(source.primary("SELECT count(*) FROM pitr"))
                .as(STACK + " keeps its rows")
                .isEqualTo("110");
        long end = System.nanoTime();
        System.out.printf(
                "restore test: %d ms in all: first backup awaited %d ms, rows and archive %d ms, in-place and the new"
                        + " cluster %d ms (%s removed after the console stops)%n",
                (end - testStart) / 1_000_000,
                (backedUp - testStart) / 1_000_000,
                (archived - backedUp) / 1_000_000,
                (end - archived) / 1_000_000,
                RESTORED);
    }

    private static void openRestoreDialog(FxRobot robot) {
        until(PATIENCE, () -> !node(robot, "#backup-restore", Button.class).isDisabled());
        robot.clickOn("#backup-restore");
        until(PATIENCE, () -> exists(robot, "#restore-dialog"));
        // the free name and ports are read in the background: the form is ready once they are in
        until(
                PATIENCE,
                () -> !node(robot, "#restore-name", TextField.class).getText().isEmpty());
    }

    /** The tab's window, read again every 2 s (Refresh), until it is one the test wants. */
    private static Window awaitWindow(FxRobot robot, Predicate<Window> wanted) {
        Button refresh = node(robot, "#backup-refresh", Button.class);
        Label text = node(robot, "#backup-window", Label.class);
        AtomicReference<Window> seen = new AtomicReference<>();
        await("a recoverable window as wanted")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    robot.interact(refresh::fire);
                    seen.set(Window.of(onFx(text::getText)).orElse(null));
                    return seen.get() != null && wanted.test(seen.get());
                });
        return seen.get();
    }

    /** The recoverable window as the tab shows it, "from START to END" (to the second). */
    record Window(Instant start, Instant end) {
        private static final Pattern TEXT = Pattern.compile("from (\\S+) to (\\S+)");

        static Optional<Window> of(String text) {
            Matcher m = TEXT.matcher(text);
            return m.matches()
                    ? Optional.of(new Window(Instant.parse(m.group(1)), Instant.parse(m.group(2))))
                    : Optional.empty();
        }
    }

    /** Every container of the stack with its start time and state, as `docker inspect` tells them. */
    private static String containers(String stack) {
        List<String> args = new java.util.ArrayList<>(
                List.of("inspect", "-f", "{{.Name}} {{.State.StartedAt}} {{.State.Running}}"));
        args.addAll(docker("ps", "-aq", "--filter", "label=io.pgha.stack=" + stack)
                .stdout()
                .strip()
                .lines()
                .toList());
        return docker(args.toArray(String[]::new))
                .stdout()
                .lines()
                .sorted()
                .toList()
                .toString();
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
