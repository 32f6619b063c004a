package io.pgha.runtime.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.Commands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Asks each host's node, about every 200 ms, whether it accepts writes: {@code docker -H HOST exec} of psql on
 * the local socket. A node counts as writable from the first to the last sample of an unbroken run of writable
 * samples; a read-only answer or a PostgreSQL that does not answer in a running container ends the run, a host
 * that does not answer at all neither ends nor extends it. Two runs of different nodes that overlap are a split.
 */
final class RoleProbe implements AutoCloseable {

    private static final String STACK = SwarmStackDeploy.STACK;

    enum State {
        WRITABLE,
        READ_ONLY,
        NOT_ANSWERING,
        HOST_UNREACHABLE
    }

    record Sample(long epochMillis, int host, State state) {}

    record Interval(int host, long fromMillis, long toMillis) {}

    private static final String SQL =
            "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'";
    private static final Duration LONGEST = Duration.ofMinutes(6);

    private final List<Sample> samples = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    RoleProbe(IntFunction<String> endpoint) {
        long deadline = System.nanoTime() + LONGEST.toNanos();
        for (int i = 1; i <= 3; i++) {
            int host = i;
            String ep = endpoint.apply(i);
            threads.add(Thread.ofPlatform().daemon().name("role-probe-" + i).start(() -> {
                String id = "";
                while (running && System.nanoTime() < deadline) {
                    if (id.isEmpty()) {
                        id = container(ep, host);
                    }
                    State s = id.isEmpty() ? State.HOST_UNREACHABLE : ask(ep, id);
                    if (s == State.HOST_UNREACHABLE) {
                        id = "";
                    }
                    add(new Sample(System.currentTimeMillis(), host, s));
                    try {
                        Thread.sleep(200); // the sampling period
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
    }

    /** The running PostgreSQL container of host i's node, or "" when its engine does not answer. */
    static String container(String endpoint, int host) {
        try {
            Commands.Result r = Commands.run(
                    Duration.ofSeconds(5),
                    "docker",
                    "-H",
                    endpoint,
                    "ps",
                    "-q",
                    "--filter",
                    "status=running",
                    "--filter",
                    "label=com.docker.swarm.service.name=" + STACK + "_" + HostFaults.member(host));
            String id = r.stdout().strip();
            return r.ok() && !id.contains("\n") ? id : "";
        } catch (AssertionError timedOut) {
            return "";
        }
    }

    private static State ask(String endpoint, String id) {
        Commands.Result r;
        try {
            r = Commands.run(
                    Duration.ofSeconds(4),
                    "docker",
                    "-H",
                    endpoint,
                    "exec",
                    id,
                    "psql",
                    "-U",
                    "postgres",
                    "-h",
                    "/var/run/postgresql",
                    "-XAtc",
                    SQL);
        } catch (AssertionError timedOut) {
            return State.HOST_UNREACHABLE;
        }
        String out = r.stdout().strip();
        if (r.ok() && out.equals("t")) {
            return State.WRITABLE;
        }
        if (r.ok() && out.equals("f")) {
            return State.READ_ONLY;
        }
        // psql's own failure (exit 1 or 2) in a container that ran: PostgreSQL does not answer there
        boolean psqlRan = r.exitCode() == 1 || r.exitCode() == 2;
        return psqlRan && r.stderr().contains("psql: error") ? State.NOT_ANSWERING : State.HOST_UNREACHABLE;
    }

    private synchronized void add(Sample s) {
        samples.add(s);
    }

    synchronized int size() {
        return samples.size();
    }

    private synchronized List<Sample> snapshot() {
        List<Sample> copy = new ArrayList<>(samples);
        copy.sort((a, b) -> Long.compare(a.epochMillis(), b.epochMillis()));
        return copy;
    }

    void awaitEverySeen() {
        org.awaitility.Awaitility.await("a sample of every node")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Set<Integer> seen = new HashSet<>();
                    snapshot().stream()
                            .filter(s -> s.state() == State.WRITABLE || s.state() == State.READ_ONLY)
                            .forEach(s -> seen.add(s.host()));
                    return seen.size() == 3;
                });
        Set<Integer> writable = new HashSet<>();
        snapshot().stream().filter(s -> s.state() == State.WRITABLE).forEach(s -> writable.add(s.host()));
        assertThat(writable).as("one writable node before the fault").hasSize(1);
    }

    Optional<Sample> firstWritableOtherThan(int host, long fromMillis) {
        return snapshot().stream()
                .filter(s -> s.epochMillis() >= fromMillis && s.host() != host && s.state() == State.WRITABLE)
                .findFirst();
    }

    Optional<Sample> firstReadOnly(int host, long fromMillis) {
        return snapshot().stream()
                .filter(s -> s.epochMillis() >= fromMillis && s.host() == host && s.state() == State.READ_ONLY)
                .findFirst();
    }

    Optional<Sample> firstNotWritable(int host, long fromMillis) {
        return snapshot().stream()
                .filter(s -> s.epochMillis() >= fromMillis
                        && s.host() == host
                        && (s.state() == State.READ_ONLY || s.state() == State.NOT_ANSWERING))
                .findFirst();
    }

    List<Interval> writableIntervals() {
        List<Interval> intervals = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            Long start = null;
            long last = 0;
            for (Sample s : snapshot()) {
                if (s.host() != host) {
                    continue;
                }
                if (s.state() == State.WRITABLE) {
                    start = start == null ? s.epochMillis() : start;
                    last = s.epochMillis();
                } else if (s.state() != State.HOST_UNREACHABLE && start != null) {
                    intervals.add(new Interval(host, start, last));
                    start = null;
                }
            }
            if (start != null) {
                intervals.add(new Interval(host, start, last));
            }
        }
        return intervals;
    }

    long splitBrainOverlaps() {
        List<Interval> all = writableIntervals();
        long overlaps = 0;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Interval a = all.get(i);
                Interval b = all.get(j);
                if (a.host() != b.host() && a.fromMillis() <= b.toMillis() && b.fromMillis() <= a.toMillis()) {
                    overlaps++;
                }
            }
        }
        return overlaps;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(10));
        }
    }
}
