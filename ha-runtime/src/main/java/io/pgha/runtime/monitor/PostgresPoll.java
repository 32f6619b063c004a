package io.pgha.runtime.monitor;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.postgres.PgLogin;
import io.pgha.runtime.postgres.PostgresProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Probes PostgreSQL: a write probe through the router's write port and a read probe through its read
 * port (pgjdbc), and per node the equivalent of pg_isready. Port 5432 is not published, so pg_isready
 * runs inside the node's container (docker exec) when the cluster runs on the local Docker engine;
 * otherwise readiness is derived from Patroni's view of PostgreSQL (see SnapshotAssembler).
 */
final class PostgresPoll implements AutoCloseable {

    private final Optional<RouterEndpoints> router;
    private final Optional<PgLogin> login;
    private final boolean write;
    private final Optional<Supplier<ContainerObserver>> docker;
    private final Supplier<List<String>> memberNames;
    private final Supplier<Reading<List<StackContainer>>> containers;
    private final PostgresProbe probe;
    private final Duration timeout;
    private final Clock clock;
    static final Duration READINESS_INTERVAL = Duration.ofSeconds(10);
    private final Map<String, HealthCheck> lastReady = new LinkedHashMap<>();
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pgha-postgres-", 0).factory());

    PostgresPoll(
            Optional<RouterEndpoints> router,
            Optional<PgLogin> login,
            boolean write,
            Optional<Supplier<ContainerObserver>> docker,
            Supplier<List<String>> memberNames,
            Supplier<Reading<List<StackContainer>>> containers,
            Duration timeout,
            Clock clock) {
        this.router = router;
        this.login = login;
        this.write = write;
        this.docker = docker;
        this.memberNames = memberNames;
        this.containers = containers;
        this.probe = PostgresProbe.create(timeout);
        this.timeout = timeout;
        this.clock = clock;
    }

    Reading<PostgresReading> poll(Reading<PostgresReading> previous) {
        Optional<Future<PostgresReading.Probe>> writeProbe =
                router.map(r -> calls.submit(() -> probe(r.host(), r.writePort(), write)));
        Optional<Future<PostgresReading.Probe>> readProbe =
                router.map(r -> calls.submit(() -> probe(r.host(), r.readPort(), false)));
        Map<String, Future<HealthCheck>> readiness = new LinkedHashMap<>();
        Map<String, HealthCheck> ready = new LinkedHashMap<>();
        if (docker.isPresent()) {
            List<StackContainer> known = containers.get().current().orElse(List.of());
            for (String member : memberNames.get()) {
                known.stream()
                        .filter(c -> c.name().equals(member)
                                || c.composeService().filter(member::equals).isPresent())
                        .findFirst()
                        .ifPresent(c -> {
                            HealthCheck last = lastReady.get(member);
                            if (fresh(last, c)) {
                                ready.put(member, last);
                            } else {
                                readiness.put(member, calls.submit(() -> pgIsReady(member, c)));
                            }
                        });
            }
        }
        long until = System.nanoTime() + timeout.multipliedBy(2).plusMillis(500).toNanos();
        Optional<PostgresReading.Probe> w = writeProbe.flatMap(f -> await(f, until));
        Optional<PostgresReading.Probe> r = readProbe.flatMap(f -> await(f, until));
        readiness.forEach((member, f) -> ready.put(
                member,
                await(f, until)
                        .orElse(new HealthCheck(
                                HealthCheck.Kind.POSTGRES_READY,
                                member,
                                HealthCheck.Status.UNKNOWN,
                                timeout,
                                clock.instant(),
                                "pg_isready did not finish in time"))));
        lastReady.clear();
        lastReady.putAll(ready);
        if (router.isEmpty() && docker.isEmpty()) {
            return Reading.notConfigured(
                    Source.POSTGRES, "no router endpoints and no local containers to probe", clock.instant());
        }
        PostgresReading reading = new PostgresReading(w, r, ready);
        boolean routerDown = w.isPresent()
                && !w.get().result().accepting()
                && r.isPresent()
                && !r.get().result().accepting();
        return routerDown
                ? Reading.degraded(
                        Source.POSTGRES,
                        Optional.of(reading),
                        true,
                        "no PostgreSQL server answers through the router",
                        clock.instant())
                : Reading.ok(Source.POSTGRES, reading, clock.instant());
    }

    /** Both router probes connect and every pg_isready passes. */
    static boolean allWell(PostgresReading r) {
        return r.write().map(p -> p.result().accepting()).orElse(true)
                && r.read().map(p -> p.result().accepting()).orElse(true)
                && r.nodeReadiness().values().stream().allMatch(c -> c.status() == HealthCheck.Status.PASS);
    }

    /**
     * A passing pg_isready is run again only after {@link #READINESS_INTERVAL}, or at once when its container
     * changed: each one is a docker exec, which costs the engine far more than an HTTP call costs Patroni.
     */
    private boolean fresh(HealthCheck last, StackContainer c) {
        return last != null
                && last.status() == HealthCheck.Status.PASS
                && c.info().running()
                && c.info()
                        .startedAt()
                        .map(started -> started.isBefore(last.checkedAt()))
                        .orElse(false)
                && last.checkedAt().plus(READINESS_INTERVAL).isAfter(clock.instant());
    }

    private PostgresReading.Probe probe(String host, int port, boolean doWrite) {
        return new PostgresReading.Probe(host + ":" + port, probe.probe(host, port, login, doWrite), clock.instant());
    }

    /** pg_isready's exit codes: 0 accepting, 1 rejecting (starting or stopping), 2 no response, 3 no attempt. */
    private HealthCheck pgIsReady(String member, StackContainer c) {
        Instant at = clock.instant();
        if (!c.info().running()) {
            return new HealthCheck(
                    HealthCheck.Kind.POSTGRES_READY,
                    member,
                    HealthCheck.Status.FAIL,
                    Duration.ZERO,
                    at,
                    "container " + c.name() + " is " + c.info().state());
        }
        long start = System.nanoTime();
        int seconds = (int) Math.max(1, timeout.toSeconds());
        try {
            ExecResult r =
                    docker.orElseThrow().get().exec(c.name(), readinessCommand(login, seconds), timeout.plusSeconds(1));
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            HealthCheck.Status status = switch (r.exitCode()) {
                case 0 -> HealthCheck.Status.PASS;
                case 1 -> HealthCheck.Status.WARN;
                default -> HealthCheck.Status.FAIL;
            };
            String output = (r.stdout() + r.stderr()).strip();
            String detail = output.isEmpty()
                    ? "pg_isready exit " + r.exitCode()
                    : output.lines().findFirst().orElse("");
            return new HealthCheck(
                    HealthCheck.Kind.POSTGRES_READY,
                    member,
                    status,
                    latency,
                    at,
                    "pg_isready in " + c.name() + ": " + detail);
        } catch (PghaException e) {
            return new HealthCheck(
                    HealthCheck.Kind.POSTGRES_READY,
                    member,
                    HealthCheck.Status.FAIL,
                    Duration.ofNanos(System.nanoTime() - start),
                    at,
                    e.getMessage());
        }
    }

    /**
     * pg_isready names a role and a database: without them it uses the exec's OS user (root), and every
     * probe leaves {@code FATAL: role "root" does not exist} in the node's log. Without a stored login the
     * container's own superuser (Spilo's {@code PGUSER_SUPERUSER}) is the role.
     */
    static List<String> readinessCommand(Optional<PgLogin> login, int timeoutSeconds) {
        String t = String.valueOf(timeoutSeconds);
        return login.map(l -> List.of("pg_isready", "-U", l.user(), "-d", l.database(), "-t", t, "-p", "5432"))
                .orElseGet(() -> List.of(
                        "sh",
                        "-c",
                        "exec pg_isready -U \"${PGUSER_SUPERUSER:-postgres}\" -d postgres -t " + t + " -p 5432"));
    }

    private static <T> Optional<T> await(Future<T> f, long until) {
        try {
            return Optional.of(f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            f.cancel(true);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
