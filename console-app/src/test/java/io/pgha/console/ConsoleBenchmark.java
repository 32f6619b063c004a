package io.pgha.console;

import com.sun.management.OperatingSystemMXBean;
import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.common.WindowNotifier;
import io.pgha.console.wiring.RuntimeConsoleServices;
import io.pgha.runtime.cluster.ConfigDirs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Measures the console (docs/BENCHMARKS.md, "Console"): launch to first frame, launch to the topology drawn,
 * idle CPU with a cluster shown, and RSS. By default the cluster is simulated (a fresh snapshot every 2 s, as
 * a live monitor gives); with PGHA_BENCH_CLUSTER=name it opens that cluster from the real registry
 * (PGHA_CONFIG_DIR) through the real wiring. PGHA_BENCH_SECONDS sets the idle windows: two of that length while
 * the JIT warms up, then a steady one twice as long (default 60).
 */
public final class ConsoleBenchmark {

    private static final long LAUNCHED = ManagementFactory.getRuntimeMXBean().getStartTime();
    private static final AtomicLong FIRST_FRAME = new AtomicLong();
    private static final AtomicLong TOPOLOGY_DRAWN = new AtomicLong();
    private static final AtomicLong CPU_TO_FIRST_FRAME = new AtomicLong();
    private static final AtomicLong CPU_TO_DRAWN = new AtomicLong();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final CountDownLatch DRAWN = new CountDownLatch(1);
    /** Scene pulses (each a CSS and layout check on the FX thread, whether anything changed or not). */
    private static final AtomicLong PULSES = new AtomicLong();

    private static TestServices simulated;

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Optional<String> live = Optional.ofNullable(System.getenv("PGHA_BENCH_CLUSTER"));
        long seconds = Long.parseLong(
                Optional.ofNullable(System.getenv("PGHA_BENCH_SECONDS")).orElse("60"));
        if (live.isEmpty()) {
            Path config = Files.createTempDirectory("pgha-bench");
            System.setProperty("pgha.config.dir", config.toString());
            simulated = new TestServices(config);
            SimulatedCluster cluster = simulated.addCluster("pg-ha");
            rememberLastCluster(config, "pg-ha");
            ScheduledExecutorService ticker =
                    Executors.newSingleThreadScheduledExecutor(UiExecutors.namedDaemons("bench-monitor-"));
            ticker.scheduleAtFixedRate(cluster::tick, 2, 2, TimeUnit.SECONDS);
        } else {
            rememberLastCluster(ConfigDirs.root(), live.get());
        }
        Thread ui = new Thread(() -> Application.launch(Bench.class), "bench-launcher");
        ui.setDaemon(true);
        ui.start();
        if (!DRAWN.await(60, TimeUnit.SECONDS)) {
            System.out.println("the topology was not drawn within 60 s");
            System.exit(1);
        }
        String rssBeforeTabs = rss();
        visitEveryTab();
        String rssAfterTabs = rss();
        Thread.sleep(10_000); // let the first layouts settle before measuring idle
        // Three windows back to back: the first two still pay for the JIT compiling code that the idle rounds
        // (one every 5 s) reach only slowly; the third, twice as long, is what an open console costs from then on.
        long[] windows = {seconds, seconds, 2 * seconds};
        double[] cpuPercent = new double[windows.length];
        ThreadCpu threads = null;
        long pulses = 0;
        for (int window = 0; window < windows.length; window++) {
            threads = ThreadCpu.start();
            pulses = PULSES.get();
            long cpu0 = OS.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(windows[window] * 1000);
            cpuPercent[window] = 100.0 * (OS.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
        }
        String busiestThreads = threads.busiest(8);
        String busiestOfProcess = threads.busiestOfProcess(12);
        double pulsesPerSecond = (PULSES.get() - pulses) / (double) windows[2];
        System.out.printf(
                Locale.ROOT,
                "console benchmark (%s)%n",
                live.map(n -> "cluster " + n).orElse("simulated cluster, snapshot every 2 s"));
        launcherStart().ifPresent(start -> {
            System.out.printf(
                    Locale.ROOT,
                    "launcher to first frame:   %d ms (from the launcher script's start, as a user waits)%n",
                    FIRST_FRAME.get() - start);
            System.out.printf(Locale.ROOT, "launcher to cluster drawn: %d ms%n", TOPOLOGY_DRAWN.get() - start);
        });
        System.out.printf(
                Locale.ROOT,
                "launch to first frame:     %d ms (JVM start %s, first frame %s, drawn %s)%n",
                FIRST_FRAME.get() - LAUNCHED,
                clock(LAUNCHED),
                clock(FIRST_FRAME.get()),
                clock(TOPOLOGY_DRAWN.get()));
        System.out.printf(
                Locale.ROOT,
                "CPU time to first frame:   %d ms (all threads; independent of other load)%n",
                CPU_TO_FIRST_FRAME.get() / 1_000_000);
        System.out.printf(Locale.ROOT, "launch to topology drawn:  %d ms%n", TOPOLOGY_DRAWN.get() - LAUNCHED);
        System.out.printf(
                Locale.ROOT,
                "CPU time to drawn:         %d ms (all threads, from the JVM's start)%n",
                CPU_TO_DRAWN.get() / 1_000_000);
        System.out.printf(
                Locale.ROOT,
                "idle CPU, first %d s:      %.2f %% of one core (%d cores; from 10 s after the topology; JIT warm-up)%n",
                seconds,
                cpuPercent[0],
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT, "idle CPU, next %d s:       %.2f %% of one core (JIT warm-up)%n", seconds, cpuPercent[1]);
        System.out.printf(
                Locale.ROOT,
                "idle CPU, steady, %d s:    %.2f %% of one core (the next %d s: what an open console costs)%n",
                windows[2],
                cpuPercent[2],
                windows[2]);
        System.out.printf(Locale.ROOT, "busiest threads, steady:   %s%n", busiestThreads);
        System.out.printf(Locale.ROOT, "every thread, steady:      %s (/proc)%n", busiestOfProcess);
        System.out.printf(Locale.ROOT, "scene pulses, steady:      %.2f a second%n", pulsesPerSecond);
        System.out.printf(Locale.ROOT, "RSS, cluster drawn:        %s%n", rssBeforeTabs);
        System.out.printf(Locale.ROOT, "RSS, every tab visited:    %s%n", rssAfterTabs);
        System.out.printf(Locale.ROOT, "RSS, after the idle run:   %s%n", rss());
        System.out.printf(
                Locale.ROOT,
                "JVM options:               %s%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        Platform.exit();
        System.exit(0);
    }

    /** Opens every tab once, as a user looking around does (each screen is built on first view), then the topology again. */
    private static void visitEveryTab() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane)
                    javafx.stage.Window.getWindows().getFirst().getScene().lookup("#workspace-tabs");
            visit(tabs, 1, done);
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("visiting every tab took over a minute");
        }
    }

    /** Selects tab {@code index}, and the next one a second later (each gets its first snapshot and layout). */
    private static void visit(javafx.scene.control.TabPane tabs, int index, CountDownLatch done) {
        if (index > tabs.getTabs().size()) {
            tabs.getSelectionModel().select(0);
            done.countDown();
            return;
        }
        tabs.getSelectionModel().select(index % tabs.getTabs().size());
        javafx.animation.PauseTransition next = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        next.setOnFinished(e -> visit(tabs, index + 1, done));
        next.play();
    }

    /** When the launcher script started (PGHA_BENCH_LAUNCHED_AT, epoch ms, set by scripts/bench-console.sh). */
    private static Optional<Long> launcherStart() {
        return Optional.ofNullable(System.getenv("PGHA_BENCH_LAUNCHED_AT"))
                .map(String::strip)
                .filter(v -> v.matches("\\d+"))
                .map(Long::parseLong);
    }

    private static void rememberLastCluster(Path config, String name) {
        ConsolePreferences prefs = ConsolePreferences.load(config.resolve("console.properties"));
        prefs.lastCluster(Optional.of(name));
        prefs.save();
    }

    /** Wall-clock time of day, as the log lines show it (for the attach's timeline with PGHA_LOG_LEVEL=DEBUG). */
    private static String clock(long epochMillis) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .format(java.time.Instant.ofEpochMilli(epochMillis).atZone(java.time.ZoneId.systemDefault()));
    }

    /** VmRSS and VmHWM (peak) from /proc on Linux. */
    private static String rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown (no /proc)";
        }
        String now = "";
        String peak = "";
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                now = line.substring(6).strip();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).strip();
            }
        }
        return now + " (peak " + peak + ")";
    }

    /** The console, with hooks that note the first frame and the first drawing of the topology. */
    public static final class Bench extends ConsoleApp {

        public Bench() {
            super(simulated != null ? simulated::services : RuntimeConsoleServices::create, WindowNotifier::new);
        }

        @Override
        public void start(Stage stage) {
            super.start(stage);
            if (System.getenv("PGHA_BENCH_TRACE") != null) SceneTrace.install(stage.getScene());
            stage.getScene().addPreLayoutPulseListener(PULSES::incrementAndGet);
            stage.getScene().addPostLayoutPulseListener(() -> {
                if (FIRST_FRAME.compareAndSet(0, System.currentTimeMillis())) {
                    CPU_TO_FIRST_FRAME.set(OS.getProcessCpuTime());
                }
                if (TOPOLOGY_DRAWN.get() == 0 && stage.getScene().lookup("#pg-node-pg-0") != null) {
                    TOPOLOGY_DRAWN.set(System.currentTimeMillis());
                    CPU_TO_DRAWN.set(OS.getProcessCpuTime());
                    DRAWN.countDown();
                }
            });
        }
    }
}
