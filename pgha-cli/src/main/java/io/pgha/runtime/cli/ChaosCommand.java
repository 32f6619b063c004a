package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.chaos.ChaosReport;
import io.pgha.runtime.chaos.ChaosRunner;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `pgha chaos`: a seeded run of random faults under workloads (docs/decisions/0032); a thin adapter of ChaosRunner. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Inject a reproducible (seeded) random sequence of the drills' faults, one at a time, into a cluster on the",
            "local Docker engine while an append workload, a bank workload and a role watcher run; heal, wait for a",
            "healthy cluster and report per fault the write outage and time to healthy, the availability, and the",
            "counters acknowledgedWritesLost, duplicatedWrites, bankTotalViolations and splitBrainMoments.",
            "Exit code 1 when any of them is above 0 or the cluster is not healthy at the end."
        })
public final class ChaosCommand implements Callable<Integer> {

    @Option(
            names = "--for",
            required = true,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "how long to inject faults, 30s to 2h (e.g. 2m)")
    Duration length;

    @Option(names = "--seed", paramLabel = "N", description = "the schedule's seed (default: the clock; printed)")
    Long seed;

    @Option(
            names = "--faults",
            paramLabel = "a,b,...",
            completionCandidates = FaultNames.class,
            description = "which faults to draw from (default: all of them: ${COMPLETION-CANDIDATES})")
    String faults;

    /** Every drill scenario's name, for the help text: it lists what the runtime has, not a copy. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(DrillScenario.values())
                    .map(DrillScenario::cliName)
                    .iterator();
        }
    }

    @Option(names = "--json", description = "Print one JSON object at the end (progress goes to stderr)")
    boolean json;

    @Mixin
    DrillTargeting targeting;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<DrillScenario> kinds = ChaosPlan.faults(faults);
        long s = seed != null ? seed : System.currentTimeMillis();
        ChaosPlan plan = ChaosPlan.of(s, length, kinds);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DrillTarget target = targeting.target(line -> err.println("[chaos] " + line));
        ChaosRunner.check(plan, target);
        if (!plan.drawsEveryKind()) {
            err.println("[chaos] note: " + length.toSeconds() + " s is too short to draw every fault once ("
                    + plan.steps().size() + " steps for " + kinds.size() + " kinds)");
        }
        err.println("[chaos] seed " + s + ": " + ChaosText.plan(plan));
        err.flush();
        ChaosReport report;
        // let the run heal and drop its tables when the process exits under it
        try (HealOnExit exit = new HealOnExit("pgha-chaos-cleanup", Duration.ofSeconds(90));
                DockerFaults docker = DockerFaults.connect()) {
            report = new ChaosRunner(
                            target,
                            docker,
                            line -> {
                                err.println("[chaos] " + line);
                                err.flush();
                            },
                            exit.cancelled())
                    .run(plan);
        }
        if (json) {
            try {
                out.println(Json.pretty().writeValueAsString(report));
            } catch (IOException e) {
                throw PghaException.unavailable("cannot write JSON: " + e.getMessage(), e);
            }
        } else {
            out.print(ChaosText.report(report));
        }
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
