package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.docker.SidecarContainer;
import io.pgha.runtime.postgres.ReadLoad;
import io.pgha.runtime.postgres.WriteLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one drill: waits for a healthy cluster, starts writers, a reader and a watcher inside the stack,
 * injects the fault, waits for the cluster to recover, heals the fault, waits for the failed node to
 * stream again, then measures. Every wait is bounded; the fault is always healed, even on failure or cancel.
 */
public final class DrillRunner {

    /** The resolution of {@link DrillResult#writeGaps()}: one point per bucket that had an acknowledged write. */
    public static final Duration GAP_BUCKET = Duration.ofMillis(100);

    private final DrillTarget target;
    private final DrillSettings settings;
    private final DockerFaults faults;
    private final DrillPatroni patroni;
    private final Consumer<String> progress;
    private final BoundedWait waits;

    public DrillRunner(DrillTarget target, DrillSettings settings, DockerFaults faults, Consumer<String> progress) {
        this(target, settings, faults, progress, () -> false);
    }

    /**
     * @param cancelled asked at every wait; once it says true the drill stops waiting, heals the fault and throws
     *                  a {@link PghaException} of kind REFUSED
     */
    public DrillRunner(
            DrillTarget target,
            DrillSettings settings,
            DockerFaults faults,
            Consumer<String> progress,
            BooleanSupplier cancelled) {
        this.target = target;
        this.settings = settings;
        this.faults = faults;
        this.patroni = new DrillPatroni(target.patroniUrls(), target.caFile(), target.restCredentials());
        this.progress = progress;
        this.waits = new BoundedWait("the drill", "drill", cancelled);
    }

    public DrillResult run(DrillScenario scenario) {
        DrillFault fault = DrillFaults.of(scenario);
        progress.accept("waiting for a healthy cluster");
        awaitHealthy(Duration.ofSeconds(120));
        String oldLeader =
                patroni.leader().orElseThrow(() -> PghaException.unavailable("no leader; the cluster is not healthy"));
        String run = scenario.cliName() + "-" + System.currentTimeMillis();
        List<String> notes = new ArrayList<>();
        RoleSamples samples = new RoleSamples();
        Map<String, String> addressOf = addresses();
        WriteLoad writes = new WriteLoad(
                target.routerHost(),
                fault.writesThroughEveryRouter() ? target.writePorts() : List.of(target.writePort()),
                target.superuser(),
                target.password(),
                run,
                settings.writers(),
                target.caFile());
        ReadLoad reads = new ReadLoad(
                target.routerHost(), target.readPort(), target.superuser(), target.password(), target.caFile());
        InjectedFault injected = InjectedFault.nothing();
        try (SidecarContainer watcher =
                RoleWatcher.start(faults, target, "pgha-drill-watcher", Duration.ofMinutes(15), samples)) {
            writes.prepare(Duration.ofSeconds(30));
            waits.until("the watcher sees every node", Duration.ofSeconds(60), () -> samples.seenAll(target.members()));
            writes.start();
            reads.start();
            waits.until(
                    "writes flow before the fault",
                    Duration.ofSeconds(30),
                    () -> writes.acks().size() >= 20);

            progress.accept("injecting " + scenario.cliName() + " on " + oldLeader);
            InjectedFault.Moment called = InjectedFault.Moment.now();
            injected = fault.inject(new FaultTools(faults, target, patroni, samples), oldLeader);
            notes.addAll(injected.notes());
            InjectedFault.Moment began = injected.began().orElse(called);
            long faultEpochMillis = began.epochMillis();
            long faultNanos = began.nanos();

            progress.accept("waiting for the cluster to take writes again");
            RecoveredWhen.Recovery recovery = new RecoveredWhen.Recovery(
                    oldLeader,
                    addressOf.get(oldLeader),
                    faultNanos,
                    faultEpochMillis,
                    patroni::leader,
                    writes::acks,
                    samples);
            if (!waits.quietly(
                    settings.recoveryLimit(), () -> fault.recoveredWhen().test(recovery))) {
                notes.add((scenario.expectsNewLeader() ? "no new leader took writes" : "no primary took writes again")
                        + " within " + settings.recoveryLimit().toSeconds() + " s");
            }
            if (fault.lasting()) {
                long holdUntil = faultNanos + settings.faultDuration().toNanos();
                waits.quietly(
                        Duration.ofNanos(Math.max(0, holdUntil - System.nanoTime())),
                        () -> System.nanoTime() >= holdUntil);
            }
            progress.accept("healing the fault");
            long healNanos = System.nanoTime();
            injected.heal();
            long healedWait = System.nanoTime();
            FaultTools tools = new FaultTools(faults, target, patroni, samples);
            boolean healed = waits.quietly(settings.healLimit(), () -> allStreaming() && fault.healed(tools));
            Optional<Duration> healedAfter =
                    healed ? Optional.of(Duration.ofNanos(System.nanoTime() - faultNanos)) : Optional.empty();
            if (!healed) {
                notes.add("the cluster was not fully streaming "
                        + Duration.ofNanos(System.nanoTime() - healedWait).toSeconds() + " s after the heal");
            }
            long settledAt = System.nanoTime();
            waits.until(
                    "writes flow after the heal",
                    Duration.ofSeconds(30),
                    () -> writes.acks().stream().anyMatch(a -> a.atNanos() > settledAt));
            writes.close();
            reads.close();
            injected.stopWatching();
            return measure(
                    scenario,
                    oldLeader,
                    addressOf.get(oldLeader),
                    faultEpochMillis,
                    faultNanos,
                    healNanos,
                    writes,
                    reads,
                    samples,
                    healedAfter,
                    notes);
        } finally {
            writes.close();
            reads.close();
            injected.stopWatching();
            try {
                injected.heal();
            } catch (RuntimeException e) {
                progress.accept("could not heal the fault: " + e.getMessage());
            }
        }
    }

    private DrillResult measure(
            DrillScenario scenario,
            String oldLeader,
            String oldLeaderAddress,
            long faultEpochMillis,
            long faultNanos,
            long healNanos,
            WriteLoad writes,
            ReadLoad reads,
            RoleSamples samples,
            Optional<Duration> healedAfter,
            List<String> notes) {
        List<WriteLoad.Ack> acks = writes.acks();
        Set<Long> stored = writes.storedIds(Duration.ofSeconds(30));
        long lost = acks.stream().filter(a -> !stored.contains(a.id())).count();
        Optional<String> newLeader = patroni.leader();
        Optional<Duration> newLeaderAfter = samples.firstWritableOtherThan(oldLeader, faultEpochMillis)
                .map(s -> Duration.ofMillis(Math.max(0, s.epochMillis() - faultEpochMillis)));
        Optional<Duration> flipAfter = acks.stream()
                .filter(a -> a.atNanos() > faultNanos && !a.serverAddress().equals(oldLeaderAddress))
                .findFirst()
                .map(a -> Duration.ofNanos(a.atNanos() - faultNanos));
        Duration outage = longestGap(acks, faultNanos);
        long lastAckBeforeHeal = acks.stream()
                .mapToLong(WriteLoad.Ack::atNanos)
                .filter(t -> t < healNanos)
                .max()
                .orElse(faultNanos);
        boolean refused = healNanos - lastAckBeforeHeal >= Duration.ofSeconds(2).toNanos();
        return new DrillResult(
                scenario,
                Instant.ofEpochMilli(faultEpochMillis),
                oldLeader,
                newLeader,
                outage,
                newLeaderAfter,
                flipAfter,
                acks.size(),
                lost,
                samples.splitBrainOverlaps(),
                healedAfter,
                refused,
                reads.successesBetween(faultNanos, healNanos),
                notes,
                writeGaps(acks, faultNanos, GAP_BUCKET));
    }

    private Map<String, String> addresses() {
        Map<String, String> result = new java.util.HashMap<>();
        for (String m : target.members()) {
            faults.addressOn(target.network(), target.containerOf(m)).ifPresent(ip -> result.put(m, ip));
        }
        return result;
    }

    private boolean allStreaming() {
        return DrillPatroni.readyForFailover(patroni.cluster(), target.members().size(), "off");
    }

    private boolean readyForFailover() {
        return DrillPatroni.readyForFailover(patroni.cluster(), target.members().size(), patroni.synchronousMode());
    }

    private void awaitHealthy(Duration limit) {
        waits.until(
                "a healthy cluster (one leader, every replica streaming and, in synchronous mode, in the synchronous set)",
                limit,
                this::readyForFailover);
    }

    /**
     * A drill's write outage: the longest gap between two acknowledged writes, among those that end after
     * {@code faultNanos} (also what the benchmark scripts report).
     */
    public static Duration longestGap(List<WriteLoad.Ack> acks, long faultNanos) {
        long longest = 0;
        long previous = -1;
        for (WriteLoad.Ack a : acks) {
            if (previous >= 0 && a.atNanos() >= faultNanos) {
                longest = Math.max(longest, a.atNanos() - previous);
            }
            previous = a.atNanos();
        }
        return Duration.ofNanos(longest);
    }

    /**
     * The write timeline, small enough to keep and draw: of each bucket's acknowledged writes, the one that ended
     * the longest wait, so a gap is never shortened however coarse the buckets are.
     */
    static List<WriteGap> writeGaps(List<WriteLoad.Ack> acks, long faultNanos, Duration bucket) {
        List<WriteGap> gaps = new ArrayList<>();
        long bucketNanos = bucket.toNanos();
        long previous = -1;
        long currentBucket = Long.MIN_VALUE;
        WriteGap best = null;
        for (WriteLoad.Ack a : acks) {
            if (previous >= 0) {
                long b = Math.floorDiv(a.atNanos() - faultNanos, bucketNanos);
                WriteGap g = new WriteGap(
                        Duration.ofNanos(a.atNanos() - faultNanos), Duration.ofNanos(a.atNanos() - previous));
                if (b != currentBucket) {
                    if (best != null) {
                        gaps.add(best);
                    }
                    currentBucket = b;
                    best = g;
                } else if (g.gap().compareTo(best.gap()) > 0) {
                    best = g;
                }
            }
            previous = a.atNanos();
        }
        if (best != null) {
            gaps.add(best);
        }
        return gaps;
    }
}
