package io.pgha.runtime.ops;

import static org.awaitility.Awaitility.await;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.RepoPaths;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The write outage of a planned switchover: a client writes through 5000 every 50 ms while pgha switches the
 * leader over to the best replica, RUNS times (-Dbench.runs, default 5); prints each run's longest gap between
 * two acknowledged writes and the median. Not part of the test suite (no *IT name): run it with
 * scripts/bench-switchover.sh.
 */
class SwitchoverOutageBench {

    @Test
    void switchoverWriteOutage() throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        TestMachine.requireDockerWithLocalImages();
        // the stack exactly as this branch defines it: fresh data, default dynamic configuration, no containers of
        // other stacks
        ComposeStack.down(true);
        ComposeStack.up();
        ComposeStack.awaitHealthy(Duration.ofMinutes(2));
        Cli.attachComposeStack("bench");
        ClusterConnection c = new ClusterRegistry().get("bench");
        List<String> lines = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        try (ClusterMonitor monitor = ClusterMonitors.start(
                        c,
                        ClusterMonitors.settingsFor(c)
                                .withJournal(Optional.empty())
                                .withPollInterval(Duration.ofMillis(500)));
                ClusterOperations ops = ClusterOperations.create(monitor);
                WriteGapClient client = new WriteGapClient()) {
            monitor.awaitComplete(Duration.ofSeconds(10));
            Map<String, Object> config = ops.dynamicConfig();
            lines.add("dynamic configuration: ttl " + config.get("ttl") + ", loop_wait " + config.get("loop_wait")
                    + ", retry_timeout " + config.get("retry_timeout") + ", synchronous_mode "
                    + config.getOrDefault("synchronous_mode", "off"));
            for (int i = 1; i <= runs; i++) {
                ComposeStack.awaitHealthy(Duration.ofMinutes(2));
                long steady = client.mark();
                await("two seconds of steady writes")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> client.acknowledgedSince(steady) >= 40);
                long from = client.mark();
                OperationResult r = ops.perform(new OperationRequest.Switchover(
                                Optional.empty(), Optional.empty(), Optional.empty(), true))
                        .orThrow();
                long done = client.mark();
                await("a write acknowledged after the switchover")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> client.acknowledgedSince(done) > 0);
                long to = client.mark();
                long gap = client.longestGap(from, to).toMillis();
                gaps.add(gap);
                String line = String.format(
                        Locale.ROOT,
                        "run %d: %s, longest write gap %d ms (operation confirmed in %.1f s)",
                        i,
                        r.message(),
                        gap,
                        r.took().toMillis() / 1000.0);
                lines.add(line);
                lines.add("  errors the client saw: " + client.errors(from, to));
                System.out.println(line);
            }
        } finally {
            System.clearProperty("pgha.config.dir");
        }
        List<Long> sorted = gaps.stream().sorted().toList();
        long median = sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        String summary = String.format(
                Locale.ROOT, "median of %d switchovers: %d ms (runs: %s) at %s", runs, median, gaps, Instant.now());
        lines.add(summary);
        System.out.println(summary);
        Files.write(RepoPaths.root().resolve("pgha-cli/target/bench-switchover.txt"), lines);
    }
}
