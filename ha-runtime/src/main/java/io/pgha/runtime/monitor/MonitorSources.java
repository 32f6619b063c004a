package io.pgha.runtime.monitor;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.router.RouterStats;
import io.pgha.runtime.swarm.DockerJavaSwarm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seven sources of one cluster's monitor, as its connection and settings call for them: the etcd watch pushes,
 * the others are polled on threads of their own. A source the connection does not have reports "not configured"
 * with the reason. Which sources are polled faster after a leader change, or again when the containers are first
 * known, is decided here too.
 */
final class MonitorSources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorSources.class);
    /** Docker, the exporters and (while healthy) the etcd members are polled this many times slower: they cost more and change less. */
    static final int SLOW_FACTOR = 5;

    private static final Duration BURST = Duration.ofSeconds(10);

    /** While nobody looks (the console's window minimised or hidden), every source is polled this many times slower. */
    static final int BACKGROUND_FACTOR = 6;

    /** What the sources tell their monitor, and ask it. */
    interface Signals {
        /** A push (etcd's watch): merge now. */
        void merge();

        /** A polled source reported: merge once its peers asked at the same moment have answered too. */
        void settledMerge();

        /** The monitor's latest snapshot. */
        ClusterSnapshot current();
    }

    private final ClusterConnection connection;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Signals signals;
    private final Duration staleAfter;
    private final List<AutoCloseable> resources = new ArrayList<>(); // guarded by itself
    private boolean closed; // guarded by resources

    private final DcsWatchSource dcs;
    private final Supplier<Reading<EtcdClusterStatus>> etcd;
    private final Supplier<Reading<PatroniReading>> patroni;
    private PolledSource<?> patroniSource;
    private final Supplier<Reading<List<RouterBackend>>> router;
    private final Supplier<Reading<PostgresReading>> postgres;
    private final Supplier<Reading<List<StackContainer>>> docker;
    private final Supplier<Reading<List<HealthCheck>>> exporters;
    private final Supplier<Reading<List<HostInfo>>> swarm;
    private final CertificateChecks certificates;
    private final List<PolledSource<?>> polled = new ArrayList<>();
    /** The pollers a light start holds back until the cluster is drawn; set once by {@link #start}. */
    private volatile List<PolledSource<?>> heldBack = List.of();

    private final LaterStart later;
    private final List<PolledSource<?>> burstOnLeaderChange = new ArrayList<>();
    /** Slow sources asked once more at a leader change. */
    private final List<PolledSource<?>> onLeaderChange = new ArrayList<>();
    /** Sources that look at the containers: polled again as soon as the Docker source first answers. */
    private final List<PolledSource<?>> containersKnown = new ArrayList<>();

    private boolean containersFirstSeen;
    private volatile boolean background;
    /** When the monitor last came back from the background: a source's allowance before it is stuck counts from then. */
    private volatile Instant foregroundSince = Instant.MIN;

    private MonitorSources(ClusterConnection connection, MonitorSettings settings, Clock clock, Signals signals) {
        this.connection = connection;
        this.settings = settings;
        this.clock = clock;
        this.signals = signals;
        this.later = new LaterStart(() -> heldBack.forEach(PolledSource::start), clock);
        this.staleAfter = settings.pollInterval()
                .multipliedBy(3)
                .plus(settings.sourceTimeout().multipliedBy(3));
        Instant startedAt = clock.instant();
        this.dcs = new DcsWatchSource(connection.scope(), clock, this::dcsChanged, signals::merge);
        this.etcd = etcd(startedAt);
        this.patroni = patroni();
        this.router = router(startedAt);
        Optional<Lazy<ContainerObserver>> engine = settings.useDocker()
                        && connection.dockerStack().isPresent()
                ? Optional.of(new Lazy<>(() -> closeWithSources(ContainerObserver.connect(settings.sourceTimeout()))))
                : Optional.empty();
        this.docker = docker(engine, startedAt);
        this.postgres = postgres(engine);
        this.exporters = exporters(engine, startedAt);
        this.swarm = swarm(settings.useDocker() ? swarmDeployment(connection) : Optional.empty(), startedAt);
        this.certificates = new CertificateChecks(pkiDir(connection));
    }

    /** The cluster's own PKI, when pgha made it (in the cluster's config directory). */
    private static Optional<java.nio.file.Path> pkiDir(ClusterConnection connection) {
        try {
            return Optional.of(io.pgha.runtime.cluster.ConfigDirs.cluster(connection.name())
                    .resolve("pki"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where {@code pgha up --swarm} placed the cluster, when it did (swarm.json beside its connection). */
    private static Optional<SwarmDeployment> swarmDeployment(ClusterConnection connection) {
        try {
            return SwarmDeployment.read(ConfigDirs.cluster(connection.name()));
        } catch (RuntimeException e) {
            LOG.debug("no Swarm placement readable for {}", connection.name(), e);
            return Optional.empty();
        }
    }

    /**
     * The hosts of a cluster placed on a Swarm, from its manager (docs/decisions/0044); at the slow pace like Docker's
     * containers: a host's state changes in tens of seconds (Swarm's heartbeats), not in the fraction of one.
     */
    private Supplier<Reading<List<HostInfo>>> swarm(Optional<SwarmDeployment> placed, Instant startedAt) {
        if (placed.isEmpty()) {
            Reading<List<HostInfo>> none = Reading.notConfigured(Source.SWARM, "not placed on a Swarm", startedAt);
            return () -> none;
        }
        String endpoint = placed.get().endpoint();
        Lazy<io.pgha.runtime.swarm.SwarmManager> manager =
                new Lazy<>(() -> closeWithSources(DockerJavaSwarm.connect(endpoint)));
        SwarmPoll swarmPoll = new SwarmPoll(manager, placed.get().stack(), clock);
        return poll(Source.SWARM, "swarm", swarmPoll::poll, false, slowInterval());
    }

    private Supplier<Reading<EtcdClusterStatus>> etcd(Instant startedAt) {
        if (connection.etcdEndpoints().isEmpty()) {
            dcs.notConfigured("no etcd endpoints; members come from Patroni's REST API");
            Reading<EtcdClusterStatus> none = Reading.notConfigured(Source.DCS, "no etcd endpoints", startedAt);
            return () -> none;
        }
        // The etcd thread connects, starts the watch, then checks the members; nothing waits for it.
        Lazy<Dcs> etcdClient = new Lazy<>(() -> {
            Dcs d = Dcs.connect(connection);
            closeWithSources(d);
            closeWithSources(d.watch(connection.scope(), dcs));
            return d;
        });
        // The first round also pays for loading the etcd client: give it twice the deadline. A status call
        // asks each member (over etcd's HTTP gateway on a kept-alive connection, or a gRPC channel per call where
        // there is none), once the dearest poll of an idle monitor: while every member is healthy it runs at the
        // slow pace, and at once when a container of the stack changes; while one is not, at the normal pace.
        Duration timeout = settings.sourceTimeout();
        return poll(
                Source.DCS,
                "etcd",
                previous -> Reading.ok(
                        Source.DCS,
                        etcdClient.get().status(previous.answered() ? timeout : timeout.multipliedBy(2)),
                        clock.instant()),
                false,
                slowWhile(s -> s.healthy() == s.members().size()));
    }

    private Supplier<Reading<PatroniReading>> patroni() {
        PatroniPoll patroniPoll = new PatroniPoll(
                connection.patroniUrls(),
                connection.caFile(),
                settings.sourceTimeout(),
                () -> !dcs.reading().available(),
                clock,
                settings.lightFirstRound());
        resources.add(patroniPoll);
        patroniPoll.askEarly();
        // Every member's state, role, timeline and WAL position are in its key in etcd too, which the watch pushes:
        // while the watch runs and every member answered well, Patroni is asked at the slow pace, and at once when
        // a member's key changes (dcsChanged). Over TLS each request is a new connection and handshake (Patroni
        // closes them), the largest share of what an idle console costs.
        Supplier<Reading<PatroniReading>> source = poll(
                Source.PATRONI,
                "patroni",
                patroniPoll::poll,
                true,
                r -> r.current().filter(PatroniPoll::clusterOnly).isPresent()
                        ? Duration.ZERO // the cluster is known from one member: check the members now
                        : patroniQuiet(dcs.reading().available(), r) ? slowInterval() : settings.pollInterval());
        patroniSource = polled.get(polled.size() - 1);
        return source;
    }

    /** The watch shows the members, and every member's Patroni answered and runs its PostgreSQL. */
    static boolean patroniQuiet(boolean watching, Reading<PatroniReading> r) {
        return watching
                && r.reason().isEmpty()
                && r.current()
                        .filter(p -> !p.nodes().isEmpty()
                                && p.nodes().values().stream().allMatch(MonitorSources::runs))
                        .isPresent();
    }

    private static boolean runs(PatroniReading.Node n) {
        return n.error().isEmpty()
                && n.node()
                        .filter(s -> "running".equals(s.state()) || "streaming".equals(s.state()))
                        .isPresent();
    }

    private Supplier<Reading<List<RouterBackend>>> router(Instant startedAt) {
        if (connection.router().isEmpty()) {
            Reading<List<RouterBackend>> none = Reading.notConfigured(Source.ROUTER, "no router endpoints", startedAt);
            return () -> none;
        }
        Lazy<RouterStats> stats = new Lazy<>(() -> RouterStats.create(
                connection.router().get().statsUrl(),
                RouterStats.loginFor(connection.name()),
                settings.sourceTimeout(),
                connection.caFile()));
        return poll(
                Source.ROUTER,
                "router",
                previous -> Reading.ok(Source.ROUTER, stats.get().backends(), clock.instant()),
                true);
    }

    private Supplier<Reading<List<StackContainer>>> docker(
            Optional<Lazy<ContainerObserver>> engine, Instant startedAt) {
        if (engine.isEmpty()) {
            Reading<List<StackContainer>> none = Reading.notConfigured(
                    Source.DOCKER,
                    connection.dockerStack().isEmpty()
                            ? "the cluster does not run on the local Docker engine"
                            : "Docker observation is turned off",
                    startedAt);
            return () -> none;
        }
        DockerPoll dockerPoll =
                new DockerPoll(engine.get(), connection.dockerStack().get(), clock, this::dockerEvent);
        resources.add(dockerPoll);
        // Docker's events trigger a poll at once; the timer only catches what the stream might have missed.
        return poll(Source.DOCKER, "docker", dockerPoll::poll, false, slowInterval());
    }

    private Supplier<Reading<PostgresReading>> postgres(Optional<Lazy<ContainerObserver>> engine) {
        PostgresPoll postgresPoll = new PostgresPoll(
                connection.router(),
                settings.probeLogin(),
                settings.writeProbe(),
                engine.map(e -> (Supplier<ContainerObserver>) e),
                this::memberNames,
                docker,
                settings.sourceTimeout(),
                clock);
        resources.add(postgresPoll);
        // Each round opens two connections through the router (a login each): at the slow pace while all is well;
        // HAProxy's and Patroni's views, polled at the normal pace, show a broken path first.
        Supplier<Reading<PostgresReading>> source =
                poll(Source.POSTGRES, "postgres", postgresPoll::poll, false, slowWhile(PostgresPoll::allWell));
        containersKnown.add(polled.get(polled.size() - 1));
        onLeaderChange.add(polled.get(polled.size() - 1));
        return source;
    }

    private Supplier<Reading<List<HealthCheck>>> exporters(
            Optional<Lazy<ContainerObserver>> engine, Instant startedAt) {
        if (engine.isEmpty()) {
            Reading<List<HealthCheck>> none =
                    Reading.notConfigured(Source.EXPORTER, "exporters are found among the local containers", startedAt);
            return () -> none;
        }
        ExporterPoll exporterPoll = new ExporterPoll(docker, connection.caFile(), settings.sourceTimeout(), clock);
        Supplier<Reading<List<HealthCheck>>> source =
                poll(Source.EXPORTER, "exporter", exporterPoll::poll, false, slowInterval());
        containersKnown.add(polled.get(polled.size() - 1));
        return source;
    }

    /**
     * The sources {@code connection} has, wired to report to {@code signals}; none is started yet (a light start's
     * first Patroni call excepted: it is on its way while the rest is built, see {@link PatroniPoll#askEarly}).
     */
    static MonitorSources forConnection(
            ClusterConnection connection, MonitorSettings settings, Clock clock, Signals signals) {
        return new MonitorSources(connection, settings, clock, signals);
    }

    private Duration slowInterval() {
        return settings.pollInterval().multipliedBy(SLOW_FACTOR);
    }

    /** A client made by a source thread is closed with the sources, at once if they closed meanwhile. */
    private <T extends AutoCloseable> T closeWithSources(T resource) {
        synchronized (resources) {
            if (!closed) {
                resources.add(resource);
                return resource;
            }
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // closing anyway
        }
        throw new IllegalStateException("the monitor is closed");
    }

    private <T> Supplier<Reading<T>> poll(
            Source source, String what, Function<Reading<T>, Reading<T>> fn, boolean burst) {
        return poll(source, what, fn, burst, settings.pollInterval());
    }

    private <T> Supplier<Reading<T>> poll(
            Source source, String what, Function<Reading<T>, Reading<T>> fn, boolean burst, Duration interval) {
        return poll(source, what, fn, burst, r -> interval);
    }

    /** The slow interval after a reading that answered and passes the test, the normal one otherwise. */
    private <T> Function<Reading<T>, Duration> slowWhile(Predicate<T> allWell) {
        return r -> r.current().filter(allWell).isPresent() && r.reason().isEmpty()
                ? slowInterval()
                : settings.pollInterval();
    }

    private <T> Supplier<Reading<T>> poll(
            Source source,
            String what,
            Function<Reading<T>, Reading<T>> fn,
            boolean burst,
            Function<Reading<T>, Duration> interval) {
        PolledSource<T> p = new PolledSource<>(
                source, "pgha-monitor-" + connection.name() + "-" + what, interval, clock, fn, signals::settledMerge);
        polled.add(p);
        if (burst) {
            burstOnLeaderChange.add(p);
        }
        return p::reading;
    }

    /**
     * Starts every poller. With a light first round (the console), Patroni and the router go first and the others (the
     * etcd client, Docker, PostgreSQL's logins, the exporters: most of the classes and TLS handshakes of the start)
     * once the viewer has drawn the cluster ({@link #clusterShown}), Patroni's first round has failed, or
     * {@link #laterAtTheLatest} has passed ({@link LaterStart}): on two cores they otherwise share the CPU with the
     * Patroni round, the mapping and the first layout that the first drawing of the cluster waits for.
     */
    void start() {
        if (!settings.lightFirstRound() || patroniSource == null) {
            polled.forEach(PolledSource::start);
            later.now();
            return;
        }
        List<PolledSource<?>> others = new ArrayList<>();
        for (PolledSource<?> p : polled) {
            if (startsFirst(p.reading().source())) {
                p.start();
            } else {
                others.add(p);
            }
        }
        heldBack = List.copyOf(others);
        later.atTheLatest(laterAtTheLatest(settings));
        patroniSource
                .firstReport()
                .thenRun(() -> later.patroniReported(patroniSource.reading().available()));
    }

    /**
     * How long a light start holds the other sources back at most when no drawing comes: twice a source's deadline
     * (3 s by default), a little more than Patroni's first round may take on a cold JVM.
     */
    static Duration laterAtTheLatest(MonitorSettings settings) {
        return settings.sourceTimeout().multipliedBy(2);
    }

    /** The viewer has drawn the cluster: the sources a light start holds back start now (call after {@link #start}). */
    void clusterShown() {
        later.clusterShown();
    }

    /** When every source had started; empty while a light start still holds some back. */
    Optional<Instant> allStartedAt() {
        return later.startedAt();
    }

    /** Runs {@code action} once every source has started (at once if they have). */
    void whenAllStarted(Runnable action) {
        later.whenStarted(action);
    }

    /** The sources a light start asks first: what the first drawing of the cluster needs, cheaply. */
    static boolean startsFirst(Source source) {
        return source == Source.PATRONI || source == Source.ROUTER;
    }

    /**
     * In the background every polled source waits {@link #BACKGROUND_FACTOR} times its interval (etcd's watch still
     * pushes, and a leader change still starts the fast polling); back in the foreground every source is asked at once.
     */
    void background(boolean hidden) {
        synchronized (polled) {
            if (hidden == background) {
                return;
            }
            if (!hidden) {
                foregroundSince = clock.instant();
            }
            background = hidden;
        }
        polled.forEach(p -> p.slowDown(hidden ? BACKGROUND_FACTOR : 1));
    }

    private void dcsChanged(Optional<DcsView> previous, DcsView view) {
        if (previous.isPresent() && !previous.get().leader().equals(view.leader())) {
            // The next seconds decide the failover: ask Patroni and HAProxy often, so the new leader's
            // timeline and the router's switch are seen within a fraction of a second.
            Instant until = clock.instant().plus(BURST);
            burstOnLeaderChange.forEach(p -> p.burst(until));
            onLeaderChange.forEach(PolledSource::trigger);
        } else if (previous.isPresent() && !previous.get().members().equals(view.members())) {
            patroniSource.trigger(); // a member's key changed: Patroni has news (it may be at the slow pace)
        }
        signals.merge();
    }

    /** A container of the stack changed (died, stopped, started…): look at it, and at the etcd members. */
    private void dockerEvent(String action) {
        polled.stream()
                .filter(p ->
                        p.reading().source() == Source.DOCKER || p.reading().source() == Source.DCS)
                .forEach(PolledSource::trigger);
    }

    private List<String> memberNames() {
        List<String> names = new ArrayList<>(
                signals.current().members().stream().map(Member::name).toList());
        connection.patroniUrls().keySet().stream()
                .filter(n -> !names.contains(n))
                .forEach(names::add);
        return names;
    }

    /** Every source's latest reading at {@code now}; a poller that has not reported for too long is marked stale. */
    SnapshotParts parts(Instant now) {
        return new SnapshotParts(
                connection.scope(),
                now,
                dcs.reading(),
                watched(etcd.get(), now),
                watched(patroni.get(), now),
                watched(router.get(), now),
                watched(postgres.get(), now),
                watched(docker.get(), now),
                watched(exporters.get(), now),
                certificates.at(now),
                watched(swarm.get(), now));
    }

    /** Called on every merge: once the Docker source first answers, the sources that look at the containers are asked again. */
    void merged(SnapshotParts parts) {
        if (!containersFirstSeen && parts.docker().answered()) {
            containersFirstSeen = true;
            containersKnown.forEach(PolledSource::trigger);
        }
    }

    /** A poller that has not reported for too long is stuck: what it last said no longer counts. */
    private <T> Reading<T> watched(Reading<T> r, Instant now) {
        boolean slow = r.source() != Source.ROUTER
                && (r.source() != Source.PATRONI || dcs.reading().available()); // the others may run at the slow pace
        Duration after =
                slow ? staleAfter.plus(settings.pollInterval().multipliedBy(3L * (SLOW_FACTOR - 1))) : staleAfter;
        if (r.configured() && r.answered() && stuck(r.updatedAt(), after, background, foregroundSince, now)) {
            return r.stale("no report for "
                    + Duration.between(r.updatedAt(), now).toSeconds() + " s: the " + r.source() + " source is stuck");
        }
        return r;
    }

    /**
     * Whether a source last heard from at {@code updatedAt} is stuck, given its allowance at the normal pace: in the
     * background the allowance grows with the slower pace; back in the foreground it counts from the return at the
     * earliest, as the sources asked at that moment have not answered yet.
     */
    static boolean stuck(
            Instant updatedAt, Duration allowance, boolean background, Instant foregroundSince, Instant now) {
        if (background) {
            return updatedAt.plus(allowance.multipliedBy(BACKGROUND_FACTOR)).isBefore(now);
        }
        Instant from = updatedAt.isAfter(foregroundSince) ? updatedAt : foregroundSince;
        return from.plus(allowance).isBefore(now);
    }

    /** Stops every poller, then closes the clients the sources made, the latest first. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (resources) {
            closed = true;
            toClose = List.copyOf(resources.reversed());
        }
        polled.forEach(PolledSource::close);
        for (AutoCloseable r : toClose) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", r, e);
            }
        }
    }
}
