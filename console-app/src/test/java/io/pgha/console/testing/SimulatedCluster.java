package io.pgha.console.testing;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ClusterAction;
import io.pgha.console.service.ClusterActions;
import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.ConfigPreview;
import io.pgha.console.service.ContainerLogs;
import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.service.DynamicConfigEditing;
import io.pgha.console.service.LogLine;
import io.pgha.console.service.MetricsHistory;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.ops.AuditEntry;
import io.pgha.runtime.ops.ConfigPlan;
import io.pgha.runtime.ops.ConfigWeakening;
import io.pgha.runtime.ops.OperationResult;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A cluster that behaves like the runtime would show it, without containers: a switchover publishes the
 * new leader, logs and counters flow. For UI tests, screenshots and the console benchmark.
 */
public final class SimulatedCluster {

    /** How long a simulated switchover leaves writes without a primary. */
    public static final Duration WRITE_PAUSE = Duration.ofMillis(800);

    private final FakeClusterMonitor monitor;
    private final ClusterConnection connection;
    private final List<ClusterAction> performed = new CopyOnWriteArrayList<>();
    private final List<String> configApplied = new CopyOnWriteArrayList<>();
    private final ScriptedDrills drills = new ScriptedDrills();
    private final ScriptedBackups backups = new ScriptedBackups();
    private final ScriptedChanges changes;
    private final AtomicLong transactions = new AtomicLong(1_000_000);
    private volatile Optional<String> refusal = Optional.empty();
    private volatile int timeline = 3;
    private volatile int logLines = 20;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final Map<String, Consumer<LogLine>> tails = new ConcurrentHashMap<>();
    private volatile Optional<MetricsHistory> history = Optional.empty();

    public SimulatedCluster(String name) {
        this.connection = SampleCluster.connection(name);
        this.changes = ScriptedChanges.healthy(name, 3);
        this.monitor = new FakeClusterMonitor(
                connection, SampleCluster.withLeader("pg-0", timeline, Instant.now()), SampleCluster.journal());
    }

    public ClusterSession session() {
        ClusterSession session = new ClusterSession(
                        connection, monitor, actions(), logs(), this::counters, config(), drills)
                .withBackups(backups)
                .withChanges(changes);
        return history.map(session::withHistory).orElse(session);
    }

    /** Gives the cluster a Prometheus that answers like this one (sessions opened afterwards use it). */
    public SimulatedCluster withHistory(MetricsHistory prometheus) {
        history = Optional.of(prometheus);
        return this;
    }

    public ScriptedBackups backups() {
        return backups;
    }

    /** Its day-two changes: plans from the runtime's planner over the same three members, a scripted run. */
    public ScriptedChanges changes() {
        return changes;
    }

    public ScriptedDrills drills() {
        return drills;
    }

    public FakeClusterMonitor monitor() {
        return monitor;
    }

    public ClusterConnection connection() {
        return connection;
    }

    public List<ClusterAction> performed() {
        return List.copyOf(performed);
    }

    /** Makes every following action fail with REFUSED and this reason. */
    public void refuseWith(String reason) {
        refusal = Optional.of(reason);
    }

    /** Publishes a fresh snapshot of the same state, as a live monitor does at every poll. */
    public void tick() {
        ClusterSnapshot now = monitor.current();
        monitor.publish(SnapshotBuilder.from(now).takenAt(Instant.now()).build());
    }

    private ClusterActions actions() {
        return action -> {
            performed.add(action);
            if (refusal.isPresent()) {
                throw PghaException.refused(refusal.get());
            }
            if (action instanceof ClusterAction.Switchover s) {
                return switchover(s);
            }
            return new ActionOutcome("done", Duration.ofMillis(300));
        };
    }

    /**
     * Like the runtime: the leader key released (no leader, writes have nowhere to go), the candidate takes over
     * {@link #WRITE_PAUSE} later, then the operation's own event, dated when it ended (the audit journal's).
     */
    private ActionOutcome switchover(ClusterAction.Switchover s) {
        if (s.at().isPresent()) {
            return new ActionOutcome(
                    "switchover from " + s.leader() + " to " + s.candidate() + " scheduled at " + s.at().get(),
                    Duration.ofMillis(300));
        }
        Instant started = Instant.now();
        String old = monitor.current().leader().orElse("?");
        monitor.publish(SampleCluster.handingOver(old, s.candidate(), timeline, started));
        awaitRelease();
        timeline++;
        Instant taken = started.plus(WRITE_PAUSE);
        monitor.publish(SampleCluster.withLeader(s.candidate(), timeline, taken));
        monitor.emit(SampleCluster.event(
                taken,
                ClusterEvent.Kind.LEADER_CHANGED,
                ClusterEvent.Severity.WARNING,
                s.candidate(),
                s.candidate() + " is the new leader (timeline " + timeline + "), was " + old));
        Duration took = Duration.ofMillis(1800);
        String summary = s.candidate() + " is the primary now (timeline " + timeline + ")";
        monitor.emit(new AuditEntry(
                        started,
                        "dba",
                        connection.name(),
                        "switchover",
                        s.candidate(),
                        Map.of("candidate", s.candidate()),
                        OperationResult.Outcome.SUCCEEDED,
                        summary,
                        List.of(),
                        took.toMillis())
                .toEvent());
        return new ActionOutcome(summary, took);
    }

    /** Holds every following switchover with the leader key released, until {@link #releaseSwitchover()}. */
    public void holdSwitchovers() {
        hold = new CountDownLatch(1);
    }

    public void releaseSwitchover() {
        hold.countDown();
    }

    private void awaitRelease() {
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw PghaException.timeout("the test did not release the switchover");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DatabaseCounters counters() {
        return new DatabaseCounters(Instant.now(), OptionalLong.of(transactions.addAndGet(450)), OptionalLong.of(23));
    }

    /** How many lines each container's log holds when it is opened (20 unless a test needs a long one). */
    public void logLines(int count) {
        logLines = count;
    }

    /**
     * Lines as the stack writes them: Patroni's INFO on stderr, PostgreSQL's LOG on stdout, now and then a
     * WARNING and a FATAL.
     */
    private ContainerLogs logs() {
        return (container, lines, sink, failed) -> {
            for (int i = 0; i < logLines; i++) {
                sink.accept(logLine(container, i));
            }
            tails.put(container, sink);
            return () -> tails.remove(container, sink);
        };
    }

    /** Writes more lines to a container's log, as a running container does. */
    public void log(String container, int from, int count) {
        Consumer<LogLine> sink = tails.get(container);
        for (int i = from; i < from + count && sink != null; i++) {
            sink.accept(logLine(container, i));
        }
    }

    private static LogLine logLine(String container, int i) {
        String text = i % 10 == 9
                ? "2025-05-01 10:00:00.000 UTC [88] FATAL:  the database system is starting up"
                : i % 10 == 8
                        ? "2025-05-01 10:00:00,123 WARNING: Request to " + container + " timed out"
                        : i % 5 == 0
                                ? "2025-05-01 10:00:00.000 UTC [57] LOG:  checkpoint complete, log line " + i
                                : "2025-05-01 10:00:00,123 INFO: no action. I am (" + container
                                        + "), a secondary, log line " + i;
        return new LogLine(Optional.empty(), !text.contains(" LOG: "), container + " " + text);
    }

    /** The configuration changes applied, each with "confirmed" when the user confirmed a weakening. */
    public List<String> configApplied() {
        return configApplied;
    }

    private DynamicConfigEditing config() {
        return new DynamicConfigEditing() {
            @Override
            public ConfigPreview preview(Map<String, String> changes) {
                Map<String, Object> current = SampleCluster.healthy().dynamicConfig();
                List<ConfigPlan.Change> planned = new java.util.TreeMap<>(changes)
                        .entrySet().stream()
                                .map(e -> new ConfigPlan.Change(
                                        e.getKey(),
                                        Optional.ofNullable(current.get(e.getKey()))
                                                .map(String::valueOf),
                                        Optional.of(e.getValue())))
                                .toList();
                return new ConfigPreview(
                        planned.stream()
                                .map(c -> new ConfigPreview.Change(c.key(), c.before(), c.after()))
                                .toList(),
                        List.of(),
                        ConfigWeakening.of(planned).stream()
                                .map(ConfigWeakening.Weakening::describe)
                                .toList());
            }

            @Override
            public ActionOutcome apply(Map<String, String> changes) {
                return apply(changes, false);
            }

            @Override
            public ActionOutcome apply(Map<String, String> changes, boolean confirmed) {
                if (!preview(changes).weakenings().isEmpty() && !confirmed) {
                    throw PghaException.refused("config refused: needs an explicit confirmation");
                }
                configApplied.add(new java.util.TreeMap<>(changes) + (confirmed ? " confirmed" : ""));
                return new ActionOutcome(changes.size() + " settings changed", Duration.ofMillis(200));
            }
        };
    }
}
