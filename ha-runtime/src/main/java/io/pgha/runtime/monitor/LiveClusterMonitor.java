package io.pgha.runtime.monitor;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
    private static final int MEMORY_EVENTS = 1000;
    /**
     * Polled sources asked at the same moment answer within a fraction of a second of each other: their reports
     * are merged once after this pause, so listeners get one snapshot per round instead of one per source.
     * etcd's pushes are merged at once.
     */
    private static final Duration SETTLE = Duration.ofMillis(150);

    /** Builds the monitor's sources, wired to the signals the monitor gives them. */
    interface SourcesFactory {
        MonitorSources create(MonitorSources.Signals signals);
    }

    private final ClusterConnection connection;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Instant startedAt;
    private final Duration settleAfter;
    private final ScheduledExecutorService mergeThread;
    private final AtomicBoolean mergeQueued = new AtomicBoolean();
    private final AtomicBoolean settleQueued = new AtomicBoolean();
    private final List<Consumer<ClusterSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClusterEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ClusterSnapshot> complete = new CompletableFuture<>();
    private final Deque<ClusterEvent> inMemoryEvents = new ArrayDeque<>();
    private final Optional<EventJournal> journal;
    private final MonitorSources sources;

    private final ScheduledExecutorService backupThread;
    private Optional<BackupWatch.LiveReader> backupReader = Optional.empty();

    private volatile ClusterSnapshot current;
    private EventDerivation.Memory memory;
    private volatile boolean closed;

    LiveClusterMonitor(ClusterConnection connection, MonitorSettings settings, Clock clock, SourcesFactory sources) {
        this.connection = connection;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.settleAfter = settings.sourceTimeout().multipliedBy(2).plusMillis(500);
        this.mergeThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .daemon()
                .name("pgha-monitor-" + connection.name())
                .factory());
        this.backupThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .daemon()
                .name("pgha-backups-" + connection.name())
                .factory());
        this.journal = settings.journalDir().map(EventJournal::new);
        this.sources = sources.create(new MonitorSources.Signals() {
            @Override
            public void merge() {
                requestMerge();
            }

            @Override
            public void settledMerge() {
                requestSettledMerge();
            }

            @Override
            public ClusterSnapshot current() {
                return current;
            }
        });
        this.current = SnapshotAssembler.assemble(this.sources.parts(startedAt));
    }

    /** A monitor of {@code connection} with the sources it has. */
    static LiveClusterMonitor of(ClusterConnection connection, MonitorSettings settings, Clock clock) {
        LiveClusterMonitor m = new LiveClusterMonitor(
                connection,
                settings,
                clock,
                signals -> MonitorSources.forConnection(connection, settings, clock, signals));
        if (settings.useDocker()) {
            connection.dockerStack().ifPresent(m::watchBackups);
        }
        return m;
    }

    /** Backups as events (docs/decisions/0034): the stack's repository read every {@link BackupWatch#INTERVAL}. */
    private void watchBackups(String stack) {
        backupReader = Optional.of(new BackupWatch.LiveReader(connection, stack, () -> current));
    }

    void start() {
        LOG.debug("{}: monitor starting", connection.name()); // the attach's timeline (docs/BENCHMARKS.md)
        sources.start();
        // the backups' watch is one of the sources a light start holds back (it reads the repository through Docker)
        backupReader.ifPresent(reader -> sources.whenAllStarted(() -> {
            BackupWatch watch = new BackupWatch(reader, reader::process, this::publishLater, clock);
            try {
                backupThread.scheduleWithFixedDelay(
                        watch::tick, settleAfter.toMillis(), BackupWatch.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
                // closed before the held-back sources started
            }
        }));
        mergeThread.scheduleWithFixedDelay(
                this::requestMerge,
                settleAfter.toMillis(),
                settings.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
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
        Duration settle = settleFor(current);
        if (settle.isZero()) {
            requestMerge();
            return;
        }
        if (closed || !settleQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            mergeThread.schedule(this::merge, settle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            settleQueued.set(false);
        }
    }

    /**
     * How long a polled source's report waits for the rest of its round: none while no member is known yet (the first
     * drawing of the cluster waits for the first report that names them, and a round of reports at the start is
     * only a few snapshots more), {@link #SETTLE} after.
     */
    static Duration settleFor(ClusterSnapshot current) {
        return current.members().isEmpty() ? Duration.ZERO : SETTLE;
    }

    /**
     * Whether the first snapshot to derive events from has come: every source has answered once, or every source
     * has had {@code settleAfter} since it started (a light start's held-back sources count from their own start, so
     * no event is derived from a source that has not had its chance to answer).
     */
    static boolean settled(boolean complete, Instant now, Optional<Instant> allStartedAt, Duration settleAfter) {
        return complete
                || allStartedAt
                        .filter(at -> !now.isBefore(at.plus(settleAfter)))
                        .isPresent();
    }

    private void merge() {
        mergeQueued.set(false);
        settleQueued.set(false);
        if (closed) {
            return;
        }
        try {
            Instant now = clock.instant();
            SnapshotParts parts = sources.parts(now);
            sources.merged(parts);
            ClusterSnapshot before = current;
            ClusterSnapshot s = SnapshotAssembler.assemble(parts);
            boolean settled = settled(parts.complete(), now, sources.allStartedAt(), settleAfter);
            if (!sameExceptTime(before, s)) {
                if (before.members().isEmpty() && !s.members().isEmpty()) {
                    LOG.debug("{}: first snapshot with members", connection.name());
                }
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
            publish(r.events());
        } catch (RuntimeException e) {
            LOG.warn("merging the snapshot of {} failed", connection.name(), e);
        }
    }

    /** Events into the journal, the in-memory list and the listeners; on the merge thread, so they stay in order. */
    private void publish(List<ClusterEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        journal.ifPresent(j -> j.append(events));
        synchronized (inMemoryEvents) {
            events.forEach(inMemoryEvents::addFirst);
            while (inMemoryEvents.size() > MEMORY_EVENTS) {
                inMemoryEvents.removeLast();
            }
        }
        for (ClusterEvent e : events) {
            for (Consumer<ClusterEvent> l : eventListeners) {
                deliver(l, e);
            }
        }
    }

    /** Events from beside the snapshots (the backups' watch), published on the merge thread. */
    private void publishLater(List<ClusterEvent> events) {
        try {
            mergeThread.execute(() -> {
                if (!closed && memory != null) {
                    publish(events);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // a closed monitor has nothing more to say
        }
    }

    private static boolean sameExceptTime(ClusterSnapshot a, ClusterSnapshot b) {
        return a.equals(b.withTakenAt(a.takenAt()));
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
    public void background(boolean background) {
        sources.background(background);
    }

    @Override
    public void clusterShown() {
        sources.clusterShown();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backupThread.shutdownNow();
        backupReader.ifPresent(BackupWatch.LiveReader::close);
        sources.close();
        journal.ifPresent(j -> {
            try {
                j.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed", j, e);
            }
        });
        mergeThread.shutdownNow();
        snapshotListeners.clear();
        eventListeners.clear();
        complete.complete(current);
    }
}
