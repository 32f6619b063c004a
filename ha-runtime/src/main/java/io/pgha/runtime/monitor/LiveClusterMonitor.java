package io.pgha.runtime.monitor;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.router.RouterStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterMonitor}: the etcd watch pushes, the other sources are polled, each on its own
 * thread with deadlines. Every report asks for a merge; merges run on the monitor's own thread, one at a
 * time, coalesced, so listeners see one snapshot per change and events in order. A source that stops
 * reporting is marked unavailable by a watchdog, so even a hung call never holds up a snapshot.
 */
final class LiveClusterMonitor implements ClusterMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(LiveClusterMonitor.class);
    private static final Duration BURST = Duration.ofSeconds(10);
    private static final int MEMORY_EVENTS = 1000;
    /** Docker, the exporters and (while healthy) the etcd members are polled this many times slower: they cost more and change less. */
    private static final int SLOW_FACTOR = 5;
    /**
     * Polled sources asked at the same moment answer within a fraction of a second of each other: their reports
     * are merged once after this pause, so listeners get one snapshot per round instead of one per source.
     * etcd's pushes are merged at once.
     */
    private static final Duration SETTLE = Duration.ofMillis(150);

    private final ClusterConnection connection;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Instant startedAt;
    private final Duration settleAfter;
    private final Duration staleAfter;
    private final ScheduledExecutorService mergeThread;
    private final AtomicBoolean mergeQueued = new AtomicBoolean();
    private final AtomicBoolean settleQueued = new AtomicBoolean();
    private final List<Consumer<ClusterSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClusterEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ClusterSnapshot> complete = new CompletableFuture<>();
    private final Deque<ClusterEvent> inMemoryEvents = new ArrayDeque<>();
    private final List<AutoCloseable> resources = new ArrayList<>();  // guarded by itself
    private final Optional<EventJournal> journal;

    private final DcsWatchSource dcs;
    private final Supplier<Reading<EtcdClusterStatus>> etcd;
    private final Supplier<Reading<PatroniReading>> patroni;
    private final Supplier<Reading<List<RouterBackend>>> router;
    private final Supplier<Reading<PostgresReading>> postgres;
    private final Supplier<Reading<List<StackContainer>>> docker;
    private final Supplier<Reading<List<HealthCheck>>> exporters;
    private final List<PolledSource<?>> polled = new ArrayList<>();
    private final List<PolledSource<?>> burstOnLeaderChange = new ArrayList<>();
    /** Slow sources asked once more at a leader change. */
    private final List<PolledSource<?>> onLeaderChange = new ArrayList<>();
    /** Sources that look at the containers: polled again as soon as the Docker source first answers. */
    private final List<PolledSource<?>> containersKnown = new ArrayList<>();
    private boolean containersFirstSeen;

    private volatile ClusterSnapshot current;
    private EventDerivation.Memory memory;
    private volatile boolean closed;

    LiveClusterMonitor(ClusterConnection connection, MonitorSettings settings, Clock clock) {
        this.connection = connection;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
        Duration timeout = settings.sourceTimeout();
        this.settleAfter = timeout.multipliedBy(2).plusMillis(500);
        this.staleAfter = settings.pollInterval().multipliedBy(3).plus(timeout.multipliedBy(3));
        String name = connection.name();
        this.mergeThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pgha-monitor-" + name).factory());
        this.journal = settings.journalDir().map(EventJournal::new);
        journal.ifPresent(resources::add);

        this.dcs = new DcsWatchSource(connection.scope(), clock, this::dcsChanged, this::requestMerge);
        if (connection.etcdEndpoints().isEmpty()) {
            dcs.notConfigured("no etcd endpoints; members come from Patroni's REST API");
            Reading<EtcdClusterStatus> none = Reading.notConfigured(Source.DCS, "no etcd endpoints", startedAt);
            this.etcd = () -> none;
        } else {
            // The etcd thread connects, starts the watch, then checks the members; nothing waits for it.
            Lazy<Dcs> etcdClient = new Lazy<>(() -> {
                Dcs d = Dcs.connect(connection.etcdEndpoints(), connection.etcdAuth());
                closeWithMonitor(d);
                closeWithMonitor(d.watch(connection.scope(), dcs));
                return d;
            });
            // The first round also pays for loading the etcd client: give it twice the deadline. A status call
            // opens a connection to each member (jetcd has no other way to ask one member), the dearest poll of an
            // idle monitor: while every member is healthy it runs at the slow pace, and at once when a container
            // of the stack changes; while one is not, at the normal pace.
            this.etcd = poll(Source.DCS, "etcd", previous -> Reading.ok(Source.DCS,
                    etcdClient.get().status(previous.answered() ? timeout : timeout.multipliedBy(2)), clock.instant()), false,
                    slowWhile(s -> s.healthy() == s.members().size()));
        }

        PatroniPoll patroniPoll = new PatroniPoll(connection.patroniUrls(), timeout, () -> !dcs.reading().available(), clock);
        resources.add(patroniPoll);
        this.patroni = poll(Source.PATRONI, "patroni", patroniPoll::poll, true);

        if (connection.router().isPresent()) {
            Lazy<RouterStats> stats = new Lazy<>(() -> RouterStats.create(connection.router().get().statsUrl(), timeout));
            this.router = poll(Source.ROUTER, "router", previous -> Reading.ok(Source.ROUTER, stats.get().backends(), clock.instant()),
                    true);
        } else {
            Reading<List<RouterBackend>> none = Reading.notConfigured(Source.ROUTER, "no router endpoints", startedAt);
            this.router = () -> none;
        }

        Optional<Lazy<ContainerObserver>> engine = settings.useDocker() && connection.dockerStack().isPresent()
                ? Optional.of(new Lazy<>(() -> closeWithMonitor(ContainerObserver.connect(timeout)))) : Optional.empty();
        if (engine.isPresent()) {
            DockerPoll dockerPoll = new DockerPoll(engine.get(), connection.dockerStack().get(), clock, this::dockerEvent);
            resources.add(dockerPoll);
            // Docker's events trigger a poll at once; the timer only catches what the stream might have missed.
            this.docker = poll(Source.DOCKER, "docker", dockerPoll::poll, false, slowInterval());
        } else {
            Reading<List<StackContainer>> none = Reading.notConfigured(Source.DOCKER, connection.dockerStack().isEmpty()
                    ? "the cluster does not run on the local Docker engine" : "Docker observation is turned off", startedAt);
            this.docker = () -> none;
        }

        PostgresPoll postgresPoll = new PostgresPoll(connection.router(), settings.probeLogin(), settings.writeProbe(),
                engine.map(e -> (Supplier<ContainerObserver>) e), this::memberNames, docker, timeout, clock);
        resources.add(postgresPoll);
        // Each round opens two connections through the router (a login each): at the slow pace while all is well;
        // HAProxy's and Patroni's views, polled at the normal pace, show a broken path first.
        this.postgres = poll(Source.POSTGRES, "postgres", postgresPoll::poll, false, slowWhile(PostgresPoll::allWell));
        containersKnown.add(polled.get(polled.size() - 1));
        onLeaderChange.add(polled.get(polled.size() - 1));

        if (engine.isPresent()) {
            ExporterPoll exporterPoll = new ExporterPoll(docker, timeout, clock);
            this.exporters = poll(Source.EXPORTER, "exporter", exporterPoll::poll, false, slowInterval());
            containersKnown.add(polled.get(polled.size() - 1));
        } else {
            Reading<List<HealthCheck>> none = Reading.notConfigured(Source.EXPORTER, "exporters are found among the local containers",
                    startedAt);
            this.exporters = () -> none;
        }

        this.current = SnapshotAssembler.assemble(parts(startedAt));
    }

    private Duration slowInterval() {
        return settings.pollInterval().multipliedBy(SLOW_FACTOR);
    }

    /** A client made by a source thread is closed with the monitor, at once if the monitor closed meanwhile. */
    private <T extends AutoCloseable> T closeWithMonitor(T resource) {
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

    private <T> Supplier<Reading<T>> poll(Source source, String what, Function<Reading<T>, Reading<T>> fn,
                                          boolean burst) {
        return poll(source, what, fn, burst, settings.pollInterval());
    }

    private <T> Supplier<Reading<T>> poll(Source source, String what, Function<Reading<T>, Reading<T>> fn,
                                          boolean burst, Duration interval) {
        return poll(source, what, fn, burst, r -> interval);
    }

    /** The slow interval after a reading that answered and passes the test, the normal one otherwise. */
    private <T> Function<Reading<T>, Duration> slowWhile(Predicate<T> allWell) {
        return r -> r.current().filter(allWell).isPresent() && r.reason().isEmpty() ? slowInterval() : settings.pollInterval();
    }

    private <T> Supplier<Reading<T>> poll(Source source, String what, Function<Reading<T>, Reading<T>> fn,
                                          boolean burst, Function<Reading<T>, Duration> interval) {
        PolledSource<T> p = new PolledSource<>(source, "pgha-monitor-" + connection.name() + "-" + what, interval, clock,
                fn, this::requestSettledMerge);
        polled.add(p);
        if (burst) {
            burstOnLeaderChange.add(p);
        }
        return p::reading;
    }

    void start() {
        polled.forEach(PolledSource::start);
        mergeThread.scheduleWithFixedDelay(this::requestMerge, settleAfter.toMillis(), settings.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void dcsChanged(Optional<DcsView> previous, DcsView view) {
        if (previous.isPresent() && !previous.get().leader().equals(view.leader())) {
            // The next seconds decide the failover: ask Patroni and HAProxy often, so the new leader's
            // timeline and the router's switch are seen within a fraction of a second.
            Instant until = clock.instant().plus(BURST);
            burstOnLeaderChange.forEach(p -> p.burst(until));
            onLeaderChange.forEach(PolledSource::trigger);
        }
        requestMerge();
    }

    /** A container of the stack changed (died, stopped, started…): look at it, and at the etcd members. */
    private void dockerEvent(String action) {
        polled.stream().filter(p -> p.reading().source() == Source.DOCKER || p.reading().source() == Source.DCS)
                .forEach(PolledSource::trigger);
    }

    private List<String> memberNames() {
        List<String> names = new ArrayList<>(current.members().stream().map(Member::name).toList());
        connection.patroniUrls().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    private SnapshotParts parts(Instant now) {
        return new SnapshotParts(connection.scope(), now, dcs.reading(), watched(etcd.get(), now), watched(patroni.get(), now),
                watched(router.get(), now), watched(postgres.get(), now), watched(docker.get(), now), watched(exporters.get(), now));
    }

    /** A poller that has not reported for too long is stuck: what it last said no longer counts. */
    private <T> Reading<T> watched(Reading<T> r, Instant now) {
        boolean slow = r.source() != Source.PATRONI && r.source() != Source.ROUTER;  // the others may run at the slow pace
        Duration after = slow ? staleAfter.plus(settings.pollInterval().multipliedBy(3L * (SLOW_FACTOR - 1))) : staleAfter;
        if (r.configured() && r.answered() && r.updatedAt().plus(after).isBefore(now)) {
            return r.stale("no report for " + Duration.between(r.updatedAt(), now).toSeconds() + " s: the " + r.source()
                    + " source is stuck");
        }
        return r;
    }

    private void requestMerge() {
        if (closed || !mergeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            mergeThread.execute(this::merge);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            mergeQueued.set(false);
        }
    }

    private void requestSettledMerge() {
        if (closed || !settleQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            mergeThread.schedule(this::merge, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            settleQueued.set(false);
        }
    }

    private void merge() {
        mergeQueued.set(false);
        settleQueued.set(false);
        if (closed) {
            return;
        }
        try {
            Instant now = clock.instant();
            SnapshotParts parts = parts(now);
            if (!containersFirstSeen && parts.docker().answered()) {
                containersFirstSeen = true;
                containersKnown.forEach(PolledSource::trigger);
            }
            ClusterSnapshot before = current;
            ClusterSnapshot s = SnapshotAssembler.assemble(parts);
            boolean settled = parts.complete() || !now.isBefore(startedAt.plus(settleAfter));
            if (!sameExceptTime(before, s)) {
                current = s;
                for (Consumer<ClusterSnapshot> l : snapshotListeners) {
                    deliver(l, s);
                }
            }
            if (!settled) {
                return;
            }
            if (memory == null) {
                memory = EventDerivation.initial(current, settings.lagThreshold());
                complete.complete(current);
                return;
            }
            EventDerivation.Result r = EventDerivation.derive(memory, current, settings.lagThreshold());
            memory = r.memory();
            if (!r.events().isEmpty()) {
                journal.ifPresent(j -> j.append(r.events()));
                synchronized (inMemoryEvents) {
                    r.events().forEach(inMemoryEvents::addFirst);
                    while (inMemoryEvents.size() > MEMORY_EVENTS) {
                        inMemoryEvents.removeLast();
                    }
                }
                for (ClusterEvent e : r.events()) {
                    for (Consumer<ClusterEvent> l : eventListeners) {
                        deliver(l, e);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("merging the snapshot of {} failed", connection.name(), e);
        }
    }

    private static boolean sameExceptTime(ClusterSnapshot a, ClusterSnapshot b) {
        return a.equals(new ClusterSnapshot(b.scope(), a.takenAt(), b.leader(), b.members(), b.sync(), b.paused(),
                b.scheduledSwitchover(), b.etcdMembers(), b.routerBackends(), b.containers(), b.checks(), b.sources(), b.dynamicConfig()));
    }

    private <T> void deliver(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("a listener of {} failed", connection.name(), e);
        }
    }

    @Override
    public ClusterConnection connection() {
        return connection;
    }

    @Override
    public ClusterSnapshot current() {
        return current;
    }

    @Override
    public ClusterSnapshot awaitComplete(Duration timeout) {
        try {
            return complete.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current;
        } catch (Exception e) {
            return current;
        }
    }

    @Override
    public Subscription onSnapshot(Consumer<ClusterSnapshot> listener) {
        try {
            mergeThread.execute(() -> {
                snapshotListeners.add(listener);
                deliver(listener, current);
            });
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // a closed monitor has nothing more to say
        }
        return () -> snapshotListeners.remove(listener);
    }

    @Override
    public Subscription onEvent(Consumer<ClusterEvent> listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    @Override
    public List<ClusterEvent> recentEvents(int max) {
        if (journal.isPresent()) {
            return journal.get().recent(max);
        }
        synchronized (inMemoryEvents) {
            return inMemoryEvents.stream().limit(max).toList();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
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
        mergeThread.shutdownNow();
        snapshotListeners.clear();
        eventListeners.clear();
        complete.complete(current);
    }
}
