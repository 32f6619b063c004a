package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillRunner;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.DrillSummary;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.HostDrill;
import io.pgha.runtime.usecase.PitrDrill;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `pgha drill`: inject a fault into a running stack and measure what clients saw. */
@Command(
        name = "drill",
        mixinStandardHelpOptions = true,
        description = {
            "Run a fault drill against a cluster on the local Docker engine and report the write outage,",
            "time to a new leader and to the router flip, acknowledged writes lost (RPO), split brain, and time to heal.",
            "The drills are listed under DRILL; kill-router wants a stack with two routers (its writers hold both in one",
            "URL). " + DrillCommand.PITR + ": writers insert numbered rows, a moment T is taken, writing goes on, the",
            "table is dropped, then the repository is restored to T into a new stack (--into, default NAME-pitr;",
            "--into-spec for its ports) and compared: rows acknowledged before T missing, rows sent after T present",
            "(both must be 0), and the restore's time. The new stack is removed afterwards unless --keep.",
            DrillCommand.DISASTER
                    + ": writers insert numbered rows, then every PostgreSQL node is removed with its data",
            "volume while they write, and the cluster is restored in place to the end of its archive; it reports the",
            "acknowledged rows lost (the archive's lag: they must be the newest ones) and the time to a healthy",
            "cluster. It deletes the cluster's data: it asks first, --yes does not ask.",
            "host-down and host-partition, for a cluster placed across hosts (pgha up --swarm): the primary's whole host",
            "is stopped or cut off while writers write through another host's router, then started or connected again;",
            "reported: new leader and its host, write outage, acknowledged writes lost, split brain, rejoin. Only the",
            "test hosts of scripts/test-hosts.sh can be stopped from here (docs/decisions/0045)."
        })
public final class DrillCommand implements Callable<Integer> {

    /** How long an exit waits for a cancelled drill to heal its fault. */
    static final Duration HEAL_ON_EXIT = Duration.ofSeconds(60);

    /** The point-in-time recovery drill (issue 19): not a fault, a restore. */
    static final String PITR = "pitr";

    /** The lost-cluster drill (issue 19): every node and its data removed, then restored in place. */
    static final String DISASTER = "disaster";

    @Parameters(
            index = "0",
            paramLabel = "DRILL",
            completionCandidates = DrillNames.class,
            description = "Which fault to inject: ${COMPLETION-CANDIDATES}")
    String drill;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "1",
            description = "How many times to run it (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--json", description = "Print the results as JSON")
    boolean json;

    @Option(
            names = "--writers",
            paramLabel = "N",
            defaultValue = "2",
            description = "Writer connections inserting numbered rows through the router (default: ${DEFAULT-VALUE})")
    int writers;

    @Option(
            names = "--fault-seconds",
            paramLabel = "SECONDS",
            defaultValue = "25",
            description = "How long a lasting fault (partition, freeze, etcd stops, network faults) is held (default:"
                    + " ${DEFAULT-VALUE})")
    int faultSeconds;

    @Option(names = "--into", paramLabel = "NEW", description = "pitr: the restored stack's name (default: NAME-pitr)")
    String into;

    @Option(
            names = "--into-spec",
            paramLabel = "FILE",
            description = "pitr: a spec file for the restored stack (its ports, nodes, images); default: the defaults"
                    + " with each port moved by " + RestoreCommand.PORT_SHIFT)
    Path intoSpec;

    @Option(names = "--keep", description = "pitr: leave the restored stack running (default: removed after the count)")
    boolean keep;

    @Option(names = "--yes", description = "disaster: do not ask before removing every node and its data")
    boolean yes;

    @Mixin
    DrillTargeting targeting;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (drill.equals(PITR)) {
            return pitr();
        }
        if (drill.equals(DISASTER)) {
            return disaster();
        }
        Optional<HostDrillScenario> host = HostDrillScenario.find(drill);
        if (host.isPresent()) {
            return host(host.get());
        }
        DrillScenario scenario = DrillScenario.parse(drill);
        if (runs < 1 || runs > 20) {
            throw PghaException.invalidInput("--runs must be between 1 and 20");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DrillTarget target = target(err);
        DrillSettings settings =
                DrillSettings.defaults().withWriters(writers).withFaultDuration(Duration.ofSeconds(faultSeconds));
        List<DrillResult> results = new ArrayList<>();
        // Ctrl-C (or any exit) cancels the run and waits for it to heal its fault, as pgha chaos does
        try (HealOnExit exit = new HealOnExit("pgha-drill-heal-on-exit", HEAL_ON_EXIT);
                DockerFaults docker = DockerFaults.connect()) {
            for (int i = 1; i <= runs; i++) {
                int n = i;
                DrillRunner runner = new DrillRunner(
                        target,
                        settings,
                        docker,
                        step -> err.println("[" + scenario.cliName() + " " + n + "/" + runs + "] " + step),
                        exit.cancelled());
                DrillResult r = runner.run(scenario);
                results.add(r);
                if (!json) {
                    out.println(DrillReport.line(n, r));
                    out.flush();
                }
            }
        }
        DrillSummary summary = DrillSummary.of(scenario, results);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("drill", scenario.cliName());
            doc.put("runs", results);
            doc.put("summary", summary);
            printJson(out, doc);
        } else {
            out.println(DrillReport.summary(summary));
        }
        return ExitCodes.OK;
    }

    private int pitr() {
        if (runs != 1) {
            throw PghaException.invalidInput("the pitr drill runs once (it makes a stack); leave --runs out");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DrillTarget target = target(err);
        ClusterConnection source = ClusterChoice.resolve(new ClusterRegistry(), targeting.cluster.name());
        String name = into != null ? into : source.name() + "-pitr";
        StackSpec.Builder b;
        if (intoSpec != null) {
            b = StackSpecFile.load(intoSpec);
        } else {
            StackSpec defaults = StackSpec.builder().build();
            b = defaults.toBuilder().ports(RestoreCommand.shifted(defaults.ports()));
        }
        PitrDrill.Result r = PitrDrill.run(
                source, target, b.name(name).build(), writers, keep, new ProgressPrinter(err, false), () -> false);
        if (json) {
            printJson(out, Map.of("drill", PITR, "result", r, "passed", r.passed()));
        } else {
            out.println(DrillReport.pitr(r));
        }
        return r.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private int disaster() {
        if (runs != 1) {
            throw PghaException.invalidInput(
                    "the disaster drill runs once (it rebuilds the cluster); leave --runs out");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterConnection cluster = ClusterChoice.resolve(new ClusterRegistry(), targeting.cluster.name());
        if (!yes) {
            String what = "pgha drill disaster on " + cluster.name() + " removes every PostgreSQL node of it and its"
                    + " data volume while writers write, then restores the cluster in place to the end of its archive"
                    + " (what the archive lacks is lost: that is what the drill measures).";
            TypedConfirmation.require(err, what, cluster.name());
        }
        DrillTarget target = target(err);
        DisasterDrill.Result r =
                DisasterDrill.run(cluster, target, writers, new ProgressPrinter(err, false), () -> false);
        if (json) {
            printJson(out, Map.of("drill", DISASTER, "result", r, "passed", r.passed()));
        } else {
            out.println(DrillReport.disaster(r));
        }
        return r.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** host-down, host-partition: a cluster placed on a Swarm (docs/decisions/0045). */
    private int host(HostDrillScenario scenario) {
        if (runs < 1 || runs > 20) {
            throw PghaException.invalidInput("--runs must be between 1 and 20");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), targeting.cluster.name());
        DrillSettings settings =
                DrillSettings.defaults().withWriters(writers).withFaultDuration(Duration.ofSeconds(faultSeconds));
        List<HostDrillResult> results = new HostDrill()
                .run(
                        c,
                        scenario,
                        runs,
                        settings,
                        DrillTargeting.superuser(c, targeting.envFile),
                        (n, step) -> err.println("[" + scenario.cliName() + " " + n + "/" + runs + "] " + step),
                        () -> false);
        boolean passed = results.stream().allMatch(HostDrillResult::passed);
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("runs", results.size());
            summary.put(
                    "lostWritesTotal",
                    results.stream().mapToLong(HostDrillResult::lostWrites).sum());
            summary.put(
                    "splitBrainRuns",
                    results.stream().filter(r -> r.splitBrainSamples() > 0).count());
            summary.put("passed", passed);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("drill", scenario.cliName());
            doc.put("runs", results);
            doc.put("summary", summary);
            printJson(out, doc);
        } else {
            for (int i = 0; i < results.size(); i++) {
                out.println(DrillReport.host(i + 1, results.get(i)));
            }
        }
        return passed ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void printJson(PrintWriter out, Object doc) {
        try {
            out.println(Json.pretty().writeValueAsString(doc));
        } catch (IOException e) {
            throw PghaException.unavailable("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private DrillTarget target(PrintWriter err) {
        return targeting.target(line -> err.println("[drill] " + line));
    }

    /** The drills' names, for the help and shell completion. */
    static final class DrillNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.stream.Stream.concat(
                            java.util.stream.Stream.concat(
                                    java.util.Arrays.stream(DrillScenario.values())
                                            .map(DrillScenario::cliName),
                                    java.util.Arrays.stream(HostDrillScenario.values())
                                            .map(HostDrillScenario::cliName)),
                            java.util.stream.Stream.of(PITR, DISASTER))
                    .iterator();
        }
    }
}
