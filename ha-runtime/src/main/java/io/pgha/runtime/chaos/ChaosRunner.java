package io.pgha.runtime.chaos;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.BoundedWait;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.drill.FaultSession;
import io.pgha.runtime.postgres.BankLoad;
import io.pgha.runtime.postgres.WriteLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a {@link ChaosPlan} against a stack: waits for a healthy cluster, starts the append and bank workloads through
 * the routers and the role watcher inside the stack, injects each step's fault on the leader of the moment (never
 * before the cluster is healthy again), holds it, heals it and waits for it to count as healed; at the end heals
 * everything, waits for a healthy cluster, counts, and drops its tables. Every wait is bounded: the run lasts at most
 * its duration plus {@link #HEAL_LIMIT} per step and once more at the end. Cancelled (Ctrl+C), it stops waiting, heals
 * and cleans up the same way, and throws a REFUSED {@link PghaException}.
 */
public final class ChaosRunner {

    public static final String APPEND_TABLE = "pgha_chaos_append";
    /** How long a healed fault may take to count as healed, and the cluster to be healthy at the start and end. */
    public static final Duration HEAL_LIMIT = Duration.ofSeconds(120);

    private static final int WRITERS = 2;
    private static final int ACCOUNTS = 10;
    private static final int TRANSFERERS = 2;

    private final DrillTarget target;
    private final DockerFaults docker;
    private final Consumer<String> progress;
    private final BoundedWait waits;
    private long startNanos;

    public ChaosRunner(DrillTarget target, DockerFaults docker, Consumer<String> progress, BooleanSupplier cancelled) {
        this.target = target;
        this.docker = docker;
        this.progress = progress;
        this.waits = new BoundedWait("the chaos run", "chaos", cancelled);
    }

    /** Refuses a plan the target cannot run (kill-router on a stack of one router). */
    public static void check(ChaosPlan plan, DrillTarget target) {
        if (plan.kinds().contains(DrillScenario.KILL_ROUTER)
                && target.writePorts().size() < 2) {
            throw PghaException.invalidInput("kill-router needs a stack with two routers (docs/decisions/0030); "
                    + target.scope() + " has one: leave kill-router out of --faults");
        }
    }

    public ChaosReport run(ChaosPlan plan) {
        check(plan, target);
        String run = "chaos-" + System.currentTimeMillis();
        List<String> notes = new ArrayList<>();
        List<ChaosReport.FaultRun> runs = new ArrayList<>();
        WriteLoad append = new WriteLoad(
                        target.routerHost(),
                        target.writePorts(),
                        target.superuser(),
                        target.password(),
                        run,
                        WRITERS,
                        target.caFile())
                .inUnkeyedTable(APPEND_TABLE);
        BankLoad bank = new BankLoad(
                target.routerHost(),
                target.writePorts(),
                target.readPort(),
                target.superuser(),
                target.password(),
                target.caFile(),
                run,
                ACCOUNTS,
                TRANSFERERS);
        FaultSession.Active active = null;
        try (FaultSession session = new FaultSession(target, docker)) {
            progress.accept("waiting for a healthy cluster");
            if (!waits.quietly(HEAL_LIMIT, session::healthy)) {
                throw PghaException.timeout("chaos gave up waiting for a healthy cluster before the run after "
                        + HEAL_LIMIT.toSeconds() + " s: " + session.describe());
            }
            session.watch(
                    "pgha-chaos-watcher-" + target.network(),
                    plan.duration().plus(HEAL_LIMIT.multipliedBy(plan.steps().size() + 2L)));
            append.prepare(Duration.ofSeconds(30));
            bank.prepare(Duration.ofSeconds(30));
            waits.until("the watcher to see every node", Duration.ofSeconds(60), session::watcherSeesEveryMember);
            startNanos = System.nanoTime();
            append.start();
            bank.start();
            waits.until(
                    "appends to flow",
                    Duration.ofSeconds(30),
                    () -> append.acks().size() >= 20);
            progress.accept("workloads running; " + plan.steps().size() + " faults planned over "
                    + plan.duration().toSeconds() + " s (seed " + plan.seed() + ")");
            for (ChaosPlan.Step step : plan.steps()) {
                sleepUntil(step.injectAt().toMillis());
                if (!waits.quietly(HEAL_LIMIT, session::healthy)) {
                    notes.add("step " + step.number() + " (" + step.fault().cliName()
                            + ") injected on a cluster not healthy for " + HEAL_LIMIT.toSeconds() + " s: "
                            + session.describe());
                }
                long injected = nowMs();
                active = session.inject(step.fault());
                progress.accept("[" + seconds(injected) + "] " + step.number() + "/"
                        + plan.steps().size()
                        + " injected " + step.fault().cliName() + " on " + active.leader() + ", held "
                        + step.hold().toSeconds() + " s");
                sleepUntil(injected + step.hold().toMillis());
                active.heal();
                long healed = nowMs();
                FaultSession.Active healing = active;
                active = null;
                boolean ok = waits.quietly(HEAL_LIMIT, healing::healed);
                Optional<Long> healthy = ok ? Optional.of(nowMs()) : Optional.empty();
                progress.accept(
                        "[" + seconds(healed) + "] healed " + step.fault().cliName()
                                + healthy.map(h -> "; healthy after " + (h - injected) + " ms")
                                        .orElse("; NOT healthy within " + HEAL_LIMIT.toSeconds() + " s"));
                runs.add(new ChaosReport.FaultRun(step.fault(), healing.leader(), injected, healed, healthy));
            }
            sleepUntil(plan.duration().toMillis());
            long elapsed = nowMs();
            progress.accept("[" + seconds(elapsed) + "] run over; waiting for a healthy cluster");
            boolean healthyAtEnd = waits.quietly(HEAL_LIMIT, session::healthy);
            if (!healthyAtEnd) {
                notes.add("not healthy " + HEAL_LIMIT.toSeconds() + " s after the run: " + session.describe());
            }
            Optional<Long> healthyAtEndMs = healthyAtEnd ? Optional.of(nowMs() - elapsed) : Optional.empty();
            append.close();
            bank.close();
            long[] ackMs = append.acks().stream()
                    .mapToLong(a -> (a.atNanos() - startNanos) / 1_000_000)
                    .toArray();
            ChaosReport.Counters counters = count(append, bank, session);
            notes.addAll(bank.violationNotes());
            return ChaosReport.of(plan, elapsed, ackMs, runs, counters, healthyAtEndMs, notes);
        } finally {
            append.close();
            bank.close();
            if (active != null) {
                try {
                    active.heal();
                } catch (RuntimeException e) {
                    progress.accept("could not heal " + active.scenario().cliName() + ": " + e.getMessage());
                }
            }
            if (!append.dropTable(Duration.ofSeconds(30)) | !bank.dropTable(Duration.ofSeconds(30))) {
                progress.accept("could not drop the workload tables " + APPEND_TABLE + " and " + BankLoad.TABLE
                        + "; drop them by hand");
            }
        }
    }

    private static ChaosReport.Counters count(WriteLoad append, BankLoad bank, FaultSession session) {
        List<WriteLoad.Ack> acks = append.acks();
        Map<Long, Long> stored = append.storedCounts(Duration.ofSeconds(30));
        long lost = acks.stream().filter(a -> !stored.containsKey(a.id())).count();
        long duplicated =
                stored.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        return new ChaosReport.Counters(
                acks.size(),
                lost,
                duplicated,
                bank.transfers(),
                bank.reads(),
                bank.serializationRetries(),
                bank.violations(),
                session.splitBrainOverlaps());
    }

    private long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%6.1fs", ms / 1000.0);
    }

    /** Waits until {@code ms} after the start (at once when it has passed). */
    private void sleepUntil(long ms) {
        waits.quietly(Duration.ofMillis(Math.max(0, ms - nowMs()) + 1000), () -> nowMs() >= ms);
    }
}
