package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.postgres.WriteLoad;
import io.pgha.runtime.swarm.HostFaultPort;
import io.pgha.runtime.swarm.HostRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs one host drill (docs/decisions/0045): waits for a healthy cluster, finds the primary's host, writes through a
 * surviving host's router, asks every member through its own host whether it accepts writes, stops or cuts off the
 * primary's host, waits for a node on another host to take writes, starts or reconnects the host, waits until
 * Swarm has settled (its replacements started, the host's tasks running) and every member streams again, then
 * measures. Every wait is bounded; the host is always healed, even on failure or cancel.
 */
public final class HostDrillRunner {

    private static final long SAMPLING_MILLIS = 200;
    private static final Duration REJOIN_AT_LEAST = Duration.ofSeconds(180);
    /** How often the Swarm's managers are asked whether they settled after the heal. */
    private static final Duration SWARM_EVERY = Duration.ofSeconds(1);

    private final HostDrillTarget target;
    private final DrillSettings settings;
    private final HostFaultPort hosts;
    private final Consumer<String> progress;
    private final Predicate<String> swarmSettled;
    private final BoundedWait waits;

    public HostDrillRunner(
            HostDrillTarget target,
            DrillSettings settings,
            HostFaultPort hosts,
            Predicate<String> swarmSettled,
            Consumer<String> progress,
            BooleanSupplier cancelled) {
        this.target = target;
        this.settings = settings;
        this.hosts = hosts;
        this.swarmSettled = swarmSettled;
        this.progress = progress;
        this.waits = new BoundedWait("the drill", "drill", cancelled);
    }

    public HostDrillResult run(HostDrillScenario scenario) {
        DrillPatroni first = new DrillPatroni(target.patroniUrls(), target.caFile(), target.restCredentials());
        progress.accept("waiting for a healthy cluster");
        waits.until(
                "a healthy cluster (one leader, every replica streaming and, in synchronous mode, in the synchronous set)",
                Duration.ofSeconds(120),
                () -> DrillPatroni.readyForFailover(
                        first.cluster(), target.members().size(), first.synchronousMode()));
        String oldLeader =
                first.leader().orElseThrow(() -> PghaException.unavailable("no leader; the cluster is not healthy"));
        HostDrillPlan.Aim aim = HostDrillPlan.aim(
                oldLeader, target.members(), target.placement(), target.addresses(), target.patroniUrls());
        DrillPatroni patroni = new DrillPatroni(aim.patroniUrls(), target.caFile(), target.restCredentials());
        String run = scenario.cliName() + "-" + System.currentTimeMillis();
        List<String> notes = new ArrayList<>();
        RoleSamples samples = new RoleSamples();
        WriteLoad writes = new WriteLoad(
                aim.viaAddress(),
                target.writePort(),
                target.superuser(),
                target.password(),
                run,
                settings.writers(),
                target.caFile());
        Runnable heal = () -> {};
        List<Thread> probes = new ArrayList<>();
        try {
            target.members().forEach(m -> probes.add(probe(m, samples)));
            writes.prepare(Duration.ofSeconds(30));
            waits.until(
                    "every member answering through its own host",
                    Duration.ofSeconds(60),
                    () -> samples.answeredAll(target.members()));
            writes.start();
            waits.until(
                    "writes flow before the fault",
                    Duration.ofSeconds(30),
                    () -> writes.acks().size() >= 20);
            String oldAddress = writes.acks().get(writes.acks().size() - 1).serverAddress();

            progress.accept("injecting " + scenario.cliName() + " on " + aim.host() + " (" + oldLeader + ", primary): "
                    + hosts.describe(aim.host()) + "; writing through " + aim.via());
            long faultMillis = System.currentTimeMillis();
            long faultNanos = System.nanoTime();
            if (scenario == HostDrillScenario.HOST_DOWN) {
                heal = () -> hosts.start(aim.host());
                hosts.stop(aim.host());
            } else {
                heal = () -> hosts.reconnect(aim.host());
                hosts.cut(aim.host());
            }

            progress.accept("waiting for a node on another host to take writes");
            if (!waits.quietly(
                    settings.recoveryLimit(),
                    () -> samples.firstWritableOtherThan(oldLeader, faultMillis).isPresent()
                            && writes.acks().stream()
                                    .anyMatch(a -> a.atNanos() > faultNanos
                                            && !a.serverAddress().equals(oldAddress)))) {
                notes.add("no node on another host took writes within "
                        + settings.recoveryLimit().toSeconds() + " s");
            }
            progress.accept(
                    scenario == HostDrillScenario.HOST_DOWN
                            ? "starting " + aim.host() + " again"
                            : "connecting " + aim.host() + " again");
            long healMillis = System.currentTimeMillis();
            long healNanos = System.nanoTime();
            heal.run();
            heal = () -> {};
            Duration rejoinLimit =
                    settings.healLimit().compareTo(REJOIN_AT_LEAST) > 0 ? settings.healLimit() : REJOIN_AT_LEAST;
            long[] lastAsked = {0};
            boolean[] swarmDone = {false};
            // Swarm first: a member it replaces after the heal streams, stops, and streams again from its new task
            boolean healed = waits.quietly(rejoinLimit, () -> {
                if (!swarmDone[0] && System.nanoTime() - lastAsked[0] >= SWARM_EVERY.toNanos()) {
                    lastAsked[0] = System.nanoTime();
                    swarmDone[0] = swarmSettled.test(aim.host());
                }
                return swarmDone[0]
                        && DrillPatroni.readyForFailover(
                                patroni.cluster(), target.members().size(), "off");
            });
            long healedNanos = System.nanoTime();
            if (!healed) {
                notes.add("Swarm had not settled on " + aim.host() + " or " + oldLeader + " was not streaming "
                        + rejoinLimit.toSeconds() + " s after the heal");
            }
            waits.until(
                    "writes flow after the heal",
                    Duration.ofSeconds(30),
                    () -> writes.acks().stream().anyMatch(a -> a.atNanos() > healedNanos));
            writes.close();
            stop(probes);

            List<WriteLoad.Ack> acks = writes.acks();
            Set<Long> stored = writes.storedIds(Duration.ofSeconds(30));
            long lost = acks.stream().filter(a -> !stored.contains(a.id())).count();
            Optional<String> newLeader = patroni.leader();
            Optional<Duration> refused = scenario == HostDrillScenario.HOST_PARTITION
                    ? samples.firstNotWritable(oldLeader, faultMillis)
                            .filter(s -> s.epochMillis() < healMillis)
                            .map(s -> Duration.ofMillis(s.epochMillis() - faultMillis))
                    : Optional.empty();
            return new HostDrillResult(
                    scenario,
                    Instant.ofEpochMilli(faultMillis),
                    aim.host(),
                    oldLeader,
                    aim.via(),
                    newLeader,
                    newLeader.map(l -> target.placement().get(l)),
                    DrillRunner.longestGap(acks, faultNanos),
                    samples.firstWritableOtherThan(oldLeader, faultMillis)
                            .map(s -> Duration.ofMillis(Math.max(0, s.epochMillis() - faultMillis))),
                    refused,
                    acks.size(),
                    lost,
                    samples.splitBrainOverlaps(),
                    samples.writableRunStartedAfter(oldLeader, faultMillis),
                    healed ? Optional.of(Duration.ofNanos(healedNanos - faultNanos)) : Optional.empty(),
                    healed ? Optional.of(Duration.ofNanos(healedNanos - healNanos)) : Optional.empty(),
                    notes);
        } finally {
            writes.close();
            stop(probes);
            try {
                heal.run();
            } catch (RuntimeException e) {
                progress.accept("could not heal " + aim.host() + ": " + e.getMessage());
            }
        }
    }

    /** Asks {@code member}, through its own host's engine, every {@link #SAMPLING_MILLIS} whether it accepts writes. */
    private Thread probe(String member, RoleSamples samples) {
        String node = target.placement().get(member);
        return Thread.ofPlatform()
                .daemon()
                .name("pgha-host-drill-probe-" + member)
                .start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        HostRole role = hosts.role(node, target.stack(), member, target.superuser());
                        samples.add(new RoleSamples.Sample(System.currentTimeMillis(), member, state(role)));
                        try {
                            Thread.sleep(SAMPLING_MILLIS); // sampling period
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
    }

    static RoleSamples.State state(HostRole role) {
        return switch (role) {
            case WRITABLE -> RoleSamples.State.WRITABLE;
            case READ_ONLY -> RoleSamples.State.READ_ONLY;
            case NOT_ANSWERING -> RoleSamples.State.NOT_ANSWERING;
            case UNREACHABLE -> RoleSamples.State.UNREACHABLE;
        };
    }

    private static void stop(List<Thread> probes) {
        probes.forEach(Thread::interrupt);
        for (Thread t : probes) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
