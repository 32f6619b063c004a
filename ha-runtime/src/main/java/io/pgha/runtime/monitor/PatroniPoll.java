package io.pgha.runtime.monitor;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Asks every member's Patroni REST API at once (/patroni, or /health for the state and the probe together, /liveness,
 * /readiness, each call on its own virtual thread with the source deadline), plus /cluster and /config when the DCS is
 * not read directly.
 */
final class PatroniPoll implements AutoCloseable {

    private final Lazy<Map<String, PatroniClient>> clients;
    private final BooleanSupplier needClusterView;
    private final Duration deadline;
    private final Clock clock;
    private final boolean lightFirstRound;
    static final int PROBE_EVERY = 5;
    /** Polls since each member's check endpoints were last asked; polls never overlap, so one thread uses it. */
    private final Map<String, Integer> pollsSinceProbes = new java.util.HashMap<>();
    /** Light starts that asked one member's /cluster alone, to ask the next member after one that did not answer. */
    private int clusterAloneTries;
    /** A light start's first /cluster call, asked while the rest of the monitor is being built ({@link #askEarly}). */
    private volatile Future<Object> earlyCluster;

    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pgha-patroni-", 0).factory());

    PatroniPoll(Map<String, String> urls, Duration timeout, BooleanSupplier needClusterView, Clock clock) {
        this(urls, java.util.Optional.empty(), timeout, needClusterView, clock, false);
    }

    /** @param caFile the cluster's CA, trusted for https:// URLs */
    PatroniPoll(
            Map<String, String> urls,
            java.util.Optional<String> caFile,
            Duration timeout,
            BooleanSupplier needClusterView,
            Clock clock,
            boolean lightFirstRound) {
        this.lightFirstRound = lightFirstRound;
        this.clients = new Lazy<>(() -> {
            Map<String, PatroniClient> c = new LinkedHashMap<>();
            urls.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> c.put(e.getKey(), PatroniClient.create(e.getValue(), caFile, timeout)));
            return c;
        });
        this.needClusterView = needClusterView;
        this.deadline = timeout.plusMillis(300);
        this.clock = clock;
    }

    /**
     * A light start asks its first member's /cluster now, before the monitor starts: the HTTP client, the cluster's
     * CA and the TLS handshake (most of what the first drawing waits for on a cold JVM) then overlap with building
     * the other sources on another core, and the first poll takes the answer. Does nothing otherwise.
     */
    void askEarly() {
        if (lightFirstRound && earlyCluster == null && needClusterView.getAsBoolean()) {
            earlyCluster = submit(() -> {
                Map<String, PatroniClient> c = clients.get();
                return c.isEmpty() ? NO_MEMBER : c.values().iterator().next().cluster();
            });
        }
    }

    Reading<PatroniReading> poll(Reading<PatroniReading> previous) {
        Map<String, PatroniClient> clients = this.clients.get();
        if (clients.isEmpty()) {
            return Reading.notConfigured(
                    Source.PATRONI, "no Patroni REST URL is known; attach with --patroni NAME=URL", clock.instant());
        }
        boolean wantCluster = needClusterView.getAsBoolean();
        // Patroni answers HTTP/1.0, so over TLS every request is a handshake; a cold JVM makes the first ones slow.
        // A light start asks one member's /cluster alone first: one handshake, and one member answers for all (who
        // leads, each member's state, timeline and lag), so the cluster can be shown before the members are checked.
        // If it has not answered within the deadline, the members are asked as below, that call counting as the round's
        // /cluster (it is not asked twice).
        Future<Object> clusterAlone = null;
        if (lightFirstRound && wantCluster && previous.current().isEmpty()) {
            List<String> names = new ArrayList<>(clients.keySet());
            Future<Object> early = earlyCluster;
            earlyCluster = null;
            clusterAlone =
                    early != null ? early : submit(clients.get(names.get(clusterAloneTries % names.size()))::cluster);
            clusterAloneTries++;
            Optional<PatroniCluster> seen = answered(clusterAlone, System.nanoTime() + deadline.toNanos());
            if (seen.isPresent()) {
                return clusterOnly(clients, seen.get());
            }
        }
        // A light first round asks each member's /health alone and one member's /cluster; the rest come a round later.
        boolean firstRound = lightFirstRound
                && (previous.current().isEmpty()
                        || previous.current().filter(PatroniPoll::clusterOnly).isPresent());
        Map<String, List<Future<Object>>> pending = new LinkedHashMap<>();
        List<Future<Object>> clusterCalls = new ArrayList<>();
        List<Future<Object>> configCalls = new ArrayList<>();
        Map<String, PatroniReading.Node> before =
                previous.current().map(PatroniReading::nodes).orElse(Map.of());
        for (Map.Entry<String, PatroniClient> e : clients.entrySet()) {
            PatroniClient c = e.getValue();
            PatroniReading.Node last = before.get(e.getKey());
            if (probesStillGood(e.getKey(), last)) {
                pending.put(
                        e.getKey(),
                        List.of(submit(c::node), done(last.health()), done(last.liveness()), done(last.readiness())));
            } else if (firstRound) {
                Future<Object> nodeAndHealth = submit(c::nodeWithHealth);
                pending.put(e.getKey(), List.of(nodeAndHealth, nodeAndHealth, NOT_ASKED, NOT_ASKED));
            } else {
                pollsSinceProbes.put(e.getKey(), 0);
                // /health answers with the member's state as well: one request (one TLS handshake) for both
                Future<Object> nodeAndHealth = submit(c::nodeWithHealth);
                pending.put(
                        e.getKey(), List.of(nodeAndHealth, nodeAndHealth, submit(c::liveness), submit(c::readiness)));
            }
            if (wantCluster && firstRound) {
                if (clusterCalls.isEmpty()) {
                    clusterCalls.add(clusterAlone != null ? clusterAlone : submit(c::cluster));
                }
            } else if (wantCluster) {
                clusterCalls.add(submit(c::cluster));
                configCalls.add(submit(c::config));
            }
        }
        long until = System.nanoTime() + deadline.toNanos();
        Map<String, PatroniReading.Node> nodes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Future<Object>>> e : pending.entrySet()) {
            String name = e.getKey();
            List<Future<Object>> f = e.getValue();
            Outcome node = await(f.get(0), until).part(PatroniClient.NodeHealth::node);
            Outcome health = await(f.get(1), until).part(PatroniClient.NodeHealth::health);
            boolean checksAsked = f.get(2) != NOT_ASKED;
            Outcome liveness = await(f.get(2), until);
            Outcome readiness = await(f.get(3), until);
            Optional<String> error = node.error().or(health::error);
            error.ifPresent(err -> failures.add(name + ": " + err));
            nodes.put(
                    name,
                    new PatroniReading.Node(
                            name,
                            clients.get(name).baseUrl(),
                            node.as(PatroniNode.class),
                            health.as(PatroniProbe.class),
                            liveness.as(PatroniProbe.class),
                            readiness.as(PatroniProbe.class),
                            error,
                            !checksAsked,
                            clock.instant()));
        }
        Optional<PatroniCluster> cluster = first(clusterCalls, until, PatroniCluster.class);
        @SuppressWarnings("unchecked")
        Optional<Map<String, Object>> config =
                first(configCalls, until, Map.class).map(m -> (Map<String, Object>) m);
        PatroniReading reading = new PatroniReading(nodes, cluster, config);
        if (failures.size() == clients.size()) {
            return Reading.degraded(
                    Source.PATRONI,
                    Optional.of(reading),
                    false,
                    "no Patroni member answered (" + String.join("; ", failures) + ")",
                    clock.instant());
        }
        return failures.isEmpty()
                ? Reading.ok(Source.PATRONI, reading, clock.instant())
                : Reading.degraded(
                        Source.PATRONI, Optional.of(reading), true, String.join("; ", failures), clock.instant());
    }

    /** The cluster as one member sees it, each member waiting to be checked (its checks "checking", never failed). */
    private Reading<PatroniReading> clusterOnly(Map<String, PatroniClient> clients, PatroniCluster cluster) {
        Map<String, PatroniReading.Node> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, PatroniClient> e : clients.entrySet()) {
            nodes.put(
                    e.getKey(),
                    new PatroniReading.Node(
                            e.getKey(),
                            e.getValue().baseUrl(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            true,
                            clock.instant()));
        }
        return Reading.ok(
                Source.PATRONI, new PatroniReading(nodes, Optional.of(cluster), Optional.empty()), clock.instant());
    }

    /** A /cluster answer that came by {@code until}; a call still running is left running. */
    private static Optional<PatroniCluster> answered(Future<Object> f, long until) {
        try {
            return Optional.of(f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS))
                    .filter(PatroniCluster.class::isInstance)
                    .map(PatroniCluster.class::cast);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A reading of the cluster as one member sees it, no member asked yet (a light start): the members' own round is
     * due at once.
     */
    static boolean clusterOnly(PatroniReading r) {
        return r.cluster().isPresent()
                && !r.nodes().isEmpty()
                && r.nodes().values().stream()
                        .allMatch(n -> n.node().isEmpty() && n.error().isEmpty() && n.checksPending());
    }

    /**
     * /health, /liveness and /readiness passing a moment ago are asked again only every {@link #PROBE_EVERY}
     * polls: each is an HTTP request to every member, and /patroni, asked every time, shows a member's state
     * change first. A failing or missing answer is asked again on the next poll.
     */
    private boolean probesStillGood(String member, PatroniReading.Node last) {
        int polls = pollsSinceProbes.merge(member, 1, Integer::sum);
        return last != null
                && polls < PROBE_EVERY
                && last.error().isEmpty()
                && last.health().filter(PatroniProbe::ok).isPresent()
                && last.liveness().filter(PatroniProbe::ok).isPresent()
                && last.readiness().filter(PatroniProbe::ok).isPresent();
    }

    /** What an early /cluster call gives when no member is known (the poll then says so itself). */
    private static final Object NO_MEMBER = new Object();

    /** A check left for the next round: its outcome is empty with no error. */
    private static final Future<Object> NOT_ASKED = CompletableFuture.completedFuture(new Object());

    private static Future<Object> done(Optional<PatroniProbe> probe) {
        return CompletableFuture.completedFuture(probe.orElseThrow());
    }

    private Future<Object> submit(Callable<?> call) {
        return calls.submit(call::call);
    }

    private <T> Optional<T> first(List<Future<Object>> futures, long until, Class<T> type) {
        for (Future<Object> f : futures) {
            Optional<T> v = await(f, until).as(type);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Outcome await(Future<Object> f, long until) {
        try {
            return new Outcome(
                    Optional.of(f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)), Optional.empty());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome(
                    Optional.empty(),
                    Optional.of(cause instanceof PghaException p ? p.getMessage() : String.valueOf(cause)));
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.CancellationException e) {
            // cancelled: the same call awaited before (/health for the state and the probe) ran out of time
            f.cancel(true);
            return new Outcome(Optional.empty(), Optional.of("no answer within the deadline"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Optional.empty(), Optional.of("interrupted"));
        }
    }

    private record Outcome(Optional<Object> value, Optional<String> error) {
        <T> Optional<T> as(Class<T> type) {
            return value.filter(type::isInstance).map(type::cast);
        }

        /** The state or the probe of an answer to /health; any other outcome as it is. */
        Outcome part(java.util.function.Function<PatroniClient.NodeHealth, Object> part) {
            return value.filter(PatroniClient.NodeHealth.class::isInstance)
                    .map(v -> new Outcome(Optional.of(part.apply((PatroniClient.NodeHealth) v)), error))
                    .orElse(this);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
