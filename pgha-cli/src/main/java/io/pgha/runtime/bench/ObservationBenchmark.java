package io.pgha.runtime.bench;

import io.pgha.runtime.attach.AttachRequest;
import io.pgha.runtime.attach.ClusterDiscovery;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.monitor.MonitorSettings;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The observation benchmark of docs/BENCHMARKS.md, against a running cluster (by default the committed
 * stack): (1) the delay from the etcd leader key changing to the monitor's snapshot showing the new leader,
 * over planned switchovers through Patroni's REST API; the key's change is timed by an independent etcd
 * watch in the same process, so both sides use one clock; (2) the wall time of {@code pgha status} on the
 * healthy cluster, as separate processes.
 *
 * <p>Usage: ObservationBenchmark [--etcd URLS] [--scope SCOPE] [--switchovers N] [--status-runs N] [--pgha LAUNCHER]
 * (the launcher, e.g. ./pgha, runs {@code pgha status} as users do; without it the benchmark's own classpath is used)
 */
public final class ObservationBenchmark {

    private ObservationBenchmark() {}

    public static void main(String[] args) throws Exception {
        String etcd = arg(args, "--etcd", "http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793");
        String scope = arg(args, "--scope", "pg-ha");
        int switchovers = Integer.parseInt(arg(args, "--switchovers", "5"));
        int statusRuns = Integer.parseInt(arg(args, "--status-runs", "5"));
        String launcher = arg(args, "--pgha", "");

        ClusterConnection c = ClusterDiscovery.discover(new AttachRequest(
                        "bench",
                        Optional.of(scope),
                        List.of(etcd.split(",")),
                        Optional.empty(),
                        Map.of(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        true,
                        java.util.Optional.empty()))
                .connection();
        System.out.printf("cluster %s: %s%n", scope, c.patroniUrls());

        List<Long> delays = new ArrayList<>();
        try (ClusterMonitor monitor = ClusterMonitors.start(c, MonitorSettings.defaults());
                Dcs reference = Dcs.connect(c)) {
            AtomicReference<CompletableFuture<Long>> keyChanged = new AtomicReference<>(new CompletableFuture<>());
            AtomicReference<CompletableFuture<Long>> snapshotShows = new AtomicReference<>(new CompletableFuture<>());
            AtomicReference<String> expected = new AtomicReference<>("");
            Dcs.Subscription watch = reference.watch(scope, new Dcs.Listener() {
                @Override
                public void onView(DcsView view) {
                    if (view.leader().filter(expected.get()::equals).isPresent()) {
                        keyChanged.get().complete(System.nanoTime());
                    }
                }

                @Override
                public void onUnavailable(String reason) {
                    // the next view completes the measurement
                }
            });
            ClusterMonitor.Subscription snapshots = monitor.onSnapshot(s -> {
                if (s.leader().filter(expected.get()::equals).isPresent()) {
                    snapshotShows.get().complete(System.nanoTime());
                }
            });
            try {
                for (int i = 1; i <= switchovers; i++) {
                    ClusterSnapshot healthy = awaitHealthy(monitor, Duration.ofSeconds(120));
                    String from = healthy.leader().orElseThrow();
                    String to = healthy.replicas().stream()
                            .map(Member::name)
                            .sorted()
                            .findFirst()
                            .orElseThrow();
                    keyChanged.set(new CompletableFuture<>());
                    snapshotShows.set(new CompletableFuture<>());
                    expected.set(to);
                    switchover(c.patroniUrls().get(from), from, to);
                    long t0 = keyChanged.get().get(60, TimeUnit.SECONDS);
                    long t1 = snapshotShows.get().get(60, TimeUnit.SECONDS);
                    long ms = Math.max(0, TimeUnit.NANOSECONDS.toMillis(t1 - t0));
                    delays.add(ms);
                    System.out.printf("switchover %d: %s -> %s, etcd leader key to snapshot: %d ms%n", i, from, to, ms);
                }
            } finally {
                snapshots.close();
                watch.close();
            }
            awaitHealthy(monitor, Duration.ofSeconds(120));
        }

        List<Long> walls = new ArrayList<>();
        Path config = Files.createTempDirectory("pgha-bench");
        Files.createDirectories(config.resolve("clusters/bench"));
        new io.pgha.runtime.cluster.ClusterRegistry(config).save(c);
        for (int i = 1; i <= statusRuns; i++) {
            long ms = statusWallTime(config, launcher);
            walls.add(ms);
            System.out.printf("pgha status run %d: %d ms%n", i, ms);
        }
        System.out.printf(
                "%nleader change seen by the monitor after etcd: median %d ms (of %d: %s)%n",
                median(delays), delays.size(), delays);
        System.out.printf(
                "pgha status wall time on the healthy stack: median %d ms (of %d: %s)%n",
                median(walls), walls.size(), walls);
        System.exit(0);
    }

    private static ClusterSnapshot awaitHealthy(ClusterMonitor m, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            ClusterSnapshot s = m.current();
            if (s.health() == ClusterHealth.HEALTHY && s.replicas().stream().allMatch(Member::isStreaming)) {
                return s;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not become healthy within " + timeout + ": "
                + m.current().health());
    }

    /** Patroni's planned switchover (POST /switchover); it answers once the new leader runs. */
    private static void switchover(String patroniUrl, String leader, String candidate) {
        PatroniReply r = PatroniActions.create(patroniUrl, Optional.empty(), Duration.ofSeconds(60))
                .switchover(leader, Optional.of(candidate), Optional.empty());
        if (r.status() != 200) {
            throw new IllegalStateException(
                    "switchover " + leader + " -> " + candidate + " refused: HTTP " + r.status() + " " + r.body());
        }
    }

    private static long statusWallTime(Path config, String launcher) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = launcher.isEmpty()
                ? List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.pgha.runtime.cli.Main",
                        "status",
                        "bench")
                : List.of(launcher, "status", "bench");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PGHA_CONFIG_DIR", config.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("pgha status failed or hung");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    private static String arg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
