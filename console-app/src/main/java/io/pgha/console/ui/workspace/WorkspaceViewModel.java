package io.pgha.console.ui.workspace;

import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.ui.actions.ActionsViewModel;
import io.pgha.console.ui.backups.BackupsViewModel;
import io.pgha.console.ui.changes.ChangesViewModel;
import io.pgha.console.ui.common.BatchRelay;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.LatestValueRelay;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.console.ui.drills.DrillsViewModel;
import io.pgha.console.ui.events.EventsViewModel;
import io.pgha.console.ui.health.HealthViewModel;
import io.pgha.console.ui.logs.LogsViewModel;
import io.pgha.console.ui.member.MemberDetailViewModel;
import io.pgha.console.ui.metrics.MetricsViewModel;
import io.pgha.console.ui.router.RouterViewModel;
import io.pgha.console.ui.settings.DynamicConfigViewModel;
import io.pgha.console.ui.topology.TopologyViewModel;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open cluster: subscribes to its monitor and hands every snapshot (coalesced) and every event
 * (batched) to the screens' view models on the FX thread; samples metrics at the refresh interval.
 * The screens' view models stay pure: they only ever see snapshots and events.
 */
public final class WorkspaceViewModel implements AutoCloseable {

    private final ClusterSession session;
    private final UiExecutors executors;
    private final Clock clock;
    private final TopologyViewModel topology = new TopologyViewModel();
    private final MemberDetailViewModel memberDetail;
    private final HealthViewModel health = new HealthViewModel();
    private final EventsViewModel events = new EventsViewModel();
    private final MetricsViewModel metrics;
    private final ActionsViewModel actions;
    private final ChangesViewModel changes;
    private final RouterViewModel router;
    private final LogsViewModel logs;
    private final DynamicConfigViewModel dynamicConfig;
    private final DrillsViewModel drills;
    private final BackupsViewModel backups;
    private final ReadOnlyObjectWrapper<ClusterSnapshot> snapshot;
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper("");
    private final ObservableList<SourceState> sources = FXCollections.observableArrayList();
    private final List<ClusterMonitor.Subscription> subscriptions = new ArrayList<>();
    private final java.util.Set<Screen> shown = java.util.EnumSet.noneOf(Screen.class);
    private ScheduledFuture<?> sampling;
    /**
     * The first metrics sample waits for the first snapshot with members, at most this long: the primary's counters
     * need pgjdbc's classes and a login, which on two cores competed with the Patroni round the first drawing waits for.
     */
    static final Duration FIRST_SAMPLE_AT_LATEST = Duration.ofSeconds(10);

    /**
     * How long after the first snapshot with members the first sample is taken: the topology's first layout and paint
     * on the FX thread come right after that snapshot, and pgjdbc's classes and a TLS login would share the two cores
     * with them (the charts start a second later; nothing shows a sample before then).
     */
    static final Duration FIRST_SAMPLE_AFTER_MEMBERS = Duration.ofSeconds(1);

    private Duration refresh = Duration.ofSeconds(5);
    private boolean closed;

    /** @param browser opens a URL in the user's browser */
    public WorkspaceViewModel(
            ClusterSession session, UiExecutors executors, Notifier notifier, Consumer<String> browser, Clock clock) {
        this(session, executors, notifier, browser, clock, new SimpleObjectProperty<>(Optional.empty()));
    }

    /** @param plannedWork the cluster's planned work under way, shared with its entry in the sidebar */
    public WorkspaceViewModel(
            ClusterSession session,
            UiExecutors executors,
            Notifier notifier,
            Consumer<String> browser,
            Clock clock,
            ObjectProperty<Optional<PlannedWork>> plannedWork) {
        this.session = session;
        this.executors = executors;
        this.clock = clock;
        this.memberDetail = new MemberDetailViewModel(session.connection().patroniUrls());
        this.metrics = new MetricsViewModel(session.history(), executors, clock);
        ClusterSnapshot initial = session.monitor().current();
        this.snapshot = new ReadOnlyObjectWrapper<>(initial);
        this.updated.set(updatedText(initial));
        this.actions = new ActionsViewModel(
                session.actions(), executors, notifier, initial, plannedWork, session.name(), clock);
        this.changes =
                new ChangesViewModel(session.changes(), executors, notifier, actions, snapshot::get, session.name());
        topology.plannedWorkProperty().bind(plannedWork);
        this.router = new RouterViewModel(session.connection(), browser);
        this.logs = new LogsViewModel(session.logs(), executors);
        this.dynamicConfig = new DynamicConfigViewModel(session.dynamicConfig(), executors, notifier);
        this.drills = new DrillsViewModel(
                session.drills(), session.backups(), session.connection(), executors, notifier, initial);
        this.backups = new BackupsViewModel(session.backups(), executors, notifier, clock, session.name());
        topology.selectedMemberProperty().addListener((o, a, member) -> memberDetail.show(member, snapshot.get()));
        topology.onFirstDrawing(this::clusterDrawn);
    }

    /**
     * The topology has first drawn the cluster: the monitor may start the sources the drawing did not need (etcd's
     * client, Docker, the logins, the exporters, the backups). Off the FX thread: starting them loads no class here, but
     * nothing on the FX thread calls into the runtime.
     */
    private void clusterDrawn() {
        if (!closed) {
            ClusterMonitor monitor = session.monitor();
            executors.background().execute(monitor::clusterShown);
        }
    }

    /** Subscribes to the monitor, loads the journal and starts sampling metrics. */
    public void start(Duration refresh) {
        ClusterMonitor monitor = session.monitor();
        subscriptions.add(monitor.onSnapshot(new LatestValueRelay<>(executors.fx(), this::apply)));
        subscriptions.add(monitor.onEvent(new BatchRelay<>(executors.fx(), this::addEvents)));
        executors.supply(
                () -> monitor.recentEvents(EventsViewModel.CAPACITY),
                this::addEvents,
                failure -> events.add(List.of()));
        this.refresh = refresh;
        if (!monitor.current().members().isEmpty()) {
            sampleEvery(refresh);
        } else {
            executors
                    .background()
                    .schedule(
                            () -> executors.fx().execute(this::startSampling),
                            FIRST_SAMPLE_AT_LATEST.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }

    /** Once, when the cluster is first shown (or {@link #FIRST_SAMPLE_AT_LATEST} after the start): on the FX thread. */
    private void startSampling() {
        if (sampling == null && !closed) {
            sampleEvery(refresh, FIRST_SAMPLE_AFTER_MEMBERS);
        }
    }

    public void sampleEvery(Duration refresh) {
        sampleEvery(refresh, Duration.ZERO);
    }

    private void sampleEvery(Duration refresh, Duration first) {
        this.refresh = refresh;
        if (sampling != null) {
            sampling.cancel(false);
        }
        if (!closed) {
            sampling = executors
                    .background()
                    .scheduleAtFixedRate(this::sample, first.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** On a background thread: the counters may need the network. */
    private void sample() {
        ClusterSnapshot now = session.monitor().current();
        DatabaseCounters counters = session.metrics().sample();
        executors.fx().execute(() -> {
            if (!closed) {
                metrics.record(clock.instant(), now, counters);
            }
        });
    }

    /**
     * Screens whose view models follow the snapshots only while shown: each rebuilds its rows on every
     * snapshot, which an idle console would otherwise pay for screens nobody looks at. A screen catches up
     * with the latest snapshot the moment it is shown.
     */
    public enum Screen {
        HEALTH,
        ROUTER,
        LOGS,
        /** Reads the backups when shown and every 30 s while shown; follows no snapshot. */
        BACKUPS,
        DRILLS,
        SETTINGS
    }

    /** Called on the FX thread when a screen is shown or hidden. */
    public void screenShown(Screen screen, boolean showing) {
        if (screen == Screen.LOGS) {
            logs.showing(showing);
        }
        if (screen == Screen.BACKUPS) {
            backups.shown(showing);
        }
        if (screen == Screen.DRILLS) {
            drills.shown(showing);
        }
        if (!showing) {
            shown.remove(screen);
        } else if (shown.add(screen) && !closed) {
            applyTo(screen, snapshot.get());
        }
    }

    private void applyTo(Screen screen, ClusterSnapshot next) {
        switch (screen) {
            case HEALTH -> health.apply(next);
            case ROUTER -> router.apply(next);
            case LOGS -> logs.apply(next);
            case BACKUPS -> {}
            case DRILLS -> drills.apply(next);
            case SETTINGS -> dynamicConfig.apply(next);
        }
    }

    void apply(ClusterSnapshot next) {
        if (closed) {
            return;
        }
        snapshot.set(next);
        topology.apply(next);
        if (sampling == null && !next.members().isEmpty()) {
            startSampling(); // after the topology has what it draws
        }
        memberDetail.apply(next);
        actions.apply(next);
        shown.forEach(screen -> applyTo(screen, next));
        List<SourceState> states = next.sources().stream().map(SourceState::of).toList();
        if (!states.equals(sources)) {
            sources.setAll(states);
        }
        updated.set(updatedText(next));
    }

    /**
     * The time of the snapshot shown, to the minute, not its age. A live monitor publishes a snapshot whenever any
     * source reports (one or two a second on a `pgha up` stack: every check's time and latency is new), so a time to
     * the second changed the status bar that often, and on Linux every change costs a redraw of the whole window
     * (Prism's software pipeline uploads all of it). A monitor that stops reporting shows as an old time here and as
     * a stuck source beside it.
     */
    static String updatedText(ClusterSnapshot snapshot) {
        return "updated " + Formats.minute(snapshot.takenAt());
    }

    private void addEvents(List<ClusterEvent> batch) {
        if (!closed) {
            events.add(batch);
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(ClusterMonitor.Subscription::close);
        subscriptions.clear();
        if (sampling != null) {
            sampling.cancel(false);
        }
        logs.close();
        drills.close();
        backups.close();
        metrics.history().close();
    }

    public String clusterName() {
        return session.name();
    }

    public ReadOnlyObjectProperty<ClusterSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty updatedProperty() {
        return updated.getReadOnlyProperty();
    }

    public ObservableList<SourceState> sources() {
        return sources;
    }

    public TopologyViewModel topology() {
        return topology;
    }

    public MemberDetailViewModel memberDetail() {
        return memberDetail;
    }

    public HealthViewModel health() {
        return health;
    }

    public EventsViewModel events() {
        return events;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public ActionsViewModel actions() {
        return actions;
    }

    /** Add replica, Remove node, Upgrade and Replace node. */
    public ChangesViewModel changes() {
        return changes;
    }

    public RouterViewModel router() {
        return router;
    }

    public LogsViewModel logs() {
        return logs;
    }

    public DynamicConfigViewModel dynamicConfig() {
        return dynamicConfig;
    }

    public DrillsViewModel drills() {
        return drills;
    }

    public BackupsViewModel backups() {
        return backups;
    }
}
