package io.pgha.console.ui.drills;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ChaosRequest;
import io.pgha.console.service.ClusterBackups;
import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.service.RestoreDrillRequest;
import io.pgha.console.ui.common.BatchRelay;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.DrillSummary;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.usecase.DrillPlanning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The drills screen: runs one of the runtime's drills against the open cluster, a number of times one after the other,
 * off the FX thread; shows the drill's progress lines, each run's row and figures, the figures over all runs and, for
 * the node drills, each run's write gaps. Which drills run depends on the cluster: the node drills and the drills of
 * the backups ({@code pitr}, {@code disaster}, only with backups on) on a stack on the local Docker engine, the host
 * drills ({@code host-down}, {@code host-partition}) on a cluster placed on a Swarm; every other drill is listed with
 * the reason it cannot run.
 */
public final class DrillsViewModel {

    public static final int MAX_RUNS = 20;
    public static final int LOG_CAPACITY = 2000;
    /** How {@code pgha drill} runs by default: 2 writers, lasting faults held 25 s, 60 s to recover, 150 s to heal. */
    static final DrillSettings SETTINGS = DrillSettings.defaults();

    static final String PITR = "pitr";
    static final String DISASTER = "disaster";

    /** Every drill of {@code pgha drill}, in the picker's order: node faults, the backups' drills, whole hosts. */
    static final List<DrillChoice> CHOICES = Stream.of(
                    Arrays.stream(DrillScenario.values())
                            .map(s -> new DrillChoice(s.cliName(), s.description(), DrillChoice.Kind.NODE)),
                    Stream.of(
                            new DrillChoice(
                                    PITR,
                                    "rows written, a moment T taken, the table dropped; the backups restored to T"
                                            + " into a new stack and compared",
                                    DrillChoice.Kind.RESTORE),
                            new DrillChoice(
                                    DISASTER,
                                    "every node removed with its data while writing; the cluster restored in place"
                                            + " from its backups",
                                    DrillChoice.Kind.RESTORE)),
                    Arrays.stream(HostDrillScenario.values())
                            .map(s -> new DrillChoice(s.cliName(), s.description(), DrillChoice.Kind.HOST)))
            .flatMap(Function.identity())
            .toList();

    /** Where the drill is. */
    public enum State {
        IDLE,
        RUNNING,
        CANCELLING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** What a finished drill says at the end, and whether it is bad news. */
    private record Verdict(String message, boolean bad) {}

    private final FaultDrills drills;
    private final ClusterBackups backups;
    private final ClusterConnection connection;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ObservableList<DrillChoice> scenarios = FXCollections.observableArrayList(CHOICES);
    private final ObjectProperty<DrillChoice> scenario = new SimpleObjectProperty<>(scenarios.getFirst());
    private final IntegerProperty runs = new SimpleIntegerProperty(1);
    private final StringProperty typed = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canChaos = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper runsOnce = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper confirmed = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper chartShown = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper chaosRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Map<String, String>> unavailable = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> columns = FXCollections.observableArrayList(NodeDrillReportViewModel.COLUMNS);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<DrillFigure> figures = FXCollections.observableArrayList();
    private final ObservableList<DrillRunRow> results = FXCollections.observableArrayList();
    private final ObservableList<GapSeries> gaps = FXCollections.observableArrayList();
    private final List<DrillResult> finished = new ArrayList<>();
    private final List<HostDrillResult> hostRuns = new ArrayList<>();
    private volatile boolean cancelRequested;
    private List<String> members = List.of();
    private List<String> etcdContainers = List.of();
    private java.util.Map<String, String> containers = java.util.Map.of();
    private Optional<String> leader = Optional.empty();
    private Optional<String> nodeWhy = Optional.of("Waiting for the cluster's members.");
    private Optional<String> hostWhy = Optional.of("Waiting for the cluster's members.");
    private Optional<String> backupsWhy;
    private Optional<String> lastBackup = Optional.empty();
    private String nodeWhere = "";
    private String hostWhere = "";
    private boolean readingBackups;
    private boolean picked;
    private boolean proposing;
    private DrillChoice running = CHOICES.getFirst();
    private Verdict verdict = new Verdict("", false);
    private boolean closed;

    /** Drills on a cluster whose backups are not known to the console: pitr and disaster are not offered. */
    public DrillsViewModel(
            FaultDrills drills,
            ClusterConnection connection,
            UiExecutors executors,
            Notifier notifier,
            ClusterSnapshot initial) {
        this(drills, ClusterBackups.ATTACHED, connection, executors, notifier, initial);
    }

    /** @param backups the cluster's backups: pitr and disaster restore from them, so they run only when it has some */
    public DrillsViewModel(
            FaultDrills drills,
            ClusterBackups backups,
            ClusterConnection connection,
            UiExecutors executors,
            Notifier notifier,
            ClusterSnapshot initial) {
        this.drills = drills;
        this.backups = backups;
        this.connection = connection;
        this.executors = executors;
        this.notifier = notifier;
        this.backupsWhy = Optional.of("Reading the backups of " + connection.name() + " …");
        state.addListener((o, a, s) -> update());
        chaosRunning.addListener((o, a, b) -> update());
        scenario.addListener((o, a, b) -> {
            picked |= !proposing;
            update();
        });
        typed.addListener((o, a, b) -> update());
        apply(initial);
    }

    /** Called on the FX thread with every new snapshot: who leads, and which drills can run on the cluster now. */
    public void apply(ClusterSnapshot snapshot) {
        leader = snapshot.leader();
        boolean swarm = snapshot.source(Source.SWARM).isPresent();
        Optional<String> why = swarm
                ? Optional.of(DrillOffersViewModel.onSwarm(connection.name()))
                : unavailableReason(connection, snapshot);
        if (why.isEmpty()) {
            members = DrillPlanning.members(snapshot);
            etcdContainers = DrillPlanning.etcdContainers(snapshot);
            containers = DrillPlanning.containers(snapshot);
            nodeWhere = "Runs against " + connection.name() + " on the local Docker engine: "
                    + String.join(", ", members) + ", etcd " + String.join(", ", etcdContainers) + ".";
        }
        nodeWhy = why;
        hostWhy = DrillOffersViewModel.hostUnavailableReason(connection, swarm, snapshot);
        hostWhere = "Runs against " + connection.name() + " across the Swarm's hosts: "
                + String.join(
                        ", ",
                        snapshot.hosts().stream().map(DrillsViewModel::host).toList())
                + ". Only the test hosts of scripts/test-hosts.sh can be stopped from here; on other hosts the drill"
                + " refuses before anything happens.";
        update();
    }

    /** Why drills cannot run on this cluster now, or empty when they can (the runtime's rule, shared with pgha drill). */
    static Optional<String> unavailableReason(ClusterConnection connection, ClusterSnapshot snapshot) {
        return DrillPlanning.unavailableReason(connection, snapshot);
    }

    private static String host(HostInfo h) {
        return h.name() + " (" + h.state() + ")";
    }

    /** Called on the FX thread when the tab is shown or hidden: the backups are read again each time it is shown. */
    public void shown(boolean showing) {
        if (!showing || readingBackups || closed) {
            return;
        }
        readingBackups = true;
        executors.supply(backups::read, this::backupsRead, this::backupsFailed);
    }

    private void backupsRead(BackupsState read) {
        readingBackups = false;
        lastBackup = Optional.empty();
        String name = connection.name();
        if (read instanceof BackupsState.On on) {
            lastBackup = on.summary().lastBackup().map(b -> b.label());
            backupsWhy = lastBackup.isPresent()
                    ? Optional.empty()
                    : Optional.of(name + " has no backup yet, and these drills restore from one: take one in the"
                            + " Backups tab (Back up now) or wait for the first scheduled one.");
        } else {
            backupsWhy = Optional.of(DrillOffersViewModel.backupsOff(
                    ((BackupsState.Off) read).why().name(), name));
        }
        update();
    }

    private void backupsFailed(RuntimeException e) {
        readingBackups = false;
        backupsWhy = Optional.of("Could not read the backups of " + connection.name() + ": " + e.getMessage()
                + ". These drills restore from them; open the tab again to retry.");
        update();
    }

    /** Why the drill cannot run on this cluster now, or empty when it can. */
    Optional<String> whyNot(DrillChoice choice) {
        if (choice.kind() == DrillChoice.Kind.HOST) {
            return hostWhy;
        }
        if (choice.kind() == DrillChoice.Kind.RESTORE) {
            return nodeWhy.or(() -> backupsWhy);
        }
        return nodeWhy;
    }

    /** What the dialog says before the chosen drill runs against the cluster as it is now. */
    public DrillConfirmation confirmation() {
        return DrillConfirmationsViewModel.of(scenario.get(), connection.name(), leader, etcdContainers, runs());
    }

    /** The name typed in the confirmation of a drill that deletes the cluster's data. */
    public StringProperty typedProperty() {
        return typed;
    }

    /** Whether the chosen drill may start as far as its confirmation goes: the cluster's name typed where it asks. */
    public ReadOnlyBooleanProperty confirmedProperty() {
        return confirmed.getReadOnlyProperty();
    }

    /** Starts the chosen drill after the confirmation; nothing happens when it cannot run now or is not confirmed. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        if (!confirmed.get()) {
            message.set("not confirmed: type " + connection.name() + " to run "
                    + scenario.get().id() + "; nothing was changed");
            return;
        }
        running = scenario.get();
        int total = runs();
        finished.clear();
        hostRuns.clear();
        results.clear();
        gaps.clear();
        figures.clear();
        log.clear();
        typed.set("");
        cancelRequested = false;
        chartShown.set(running.kind() == DrillChoice.Kind.NODE);
        state.set(State.RUNNING);
        message.set(progressText(1, total));
        BatchRelay<String> lines = new BatchRelay<>(executors.fx(), this::appendLog);
        if (running.kind() == DrillChoice.Kind.NODE) {
            columns.setAll(NodeDrillReportViewModel.COLUMNS);
            DrillScenario s = DrillScenario.parse(running.id());
            DrillRequest request = new DrillRequest(s, members, etcdContainers, containers, SETTINGS);
            start(
                    total,
                    lines,
                    (p, c) -> drills.run(request, p, c),
                    this::record,
                    r -> "done: write outage " + Formats.duration(r.writeOutage()) + ", " + r.lostWrites()
                            + " acknowledged rows missing");
        } else if (running.kind() == DrillChoice.Kind.HOST) {
            columns.setAll(HostDrillReportViewModel.COLUMNS);
            HostDrillScenario s = HostDrillScenario.find(running.id()).orElseThrow();
            start(
                    total,
                    lines,
                    (p, c) -> drills.host(s, SETTINGS, p, c),
                    this::recordHost,
                    r -> "done: " + (r.passed() ? "passed" : "FAILED") + ", " + r.lostWrites()
                            + " acknowledged rows missing");
        } else {
            RestoreDrillRequest request =
                    new RestoreDrillRequest(members, etcdContainers, containers, SETTINGS.writers());
            boolean pitr = running.id().equals(PITR);
            columns.setAll(
                    pitr ? RestoreDrillReportViewModel.PITR_COLUMNS : RestoreDrillReportViewModel.DISASTER_COLUMNS);
            if (pitr) {
                start(
                        1,
                        lines,
                        (p, c) -> drills.pitr(request, p, c),
                        (run, r) -> recordRestore(
                                RestoreDrillReportViewModel.row(r),
                                RestoreDrillReportViewModel.figures(r),
                                RestoreDrillReportViewModel.summary(r),
                                r.passed()),
                        r -> "done: " + (r.passed() ? "passed" : "FAILED"));
            } else {
                start(
                        1,
                        lines,
                        (p, c) -> drills.disaster(request, p, c),
                        (run, r) -> recordRestore(
                                RestoreDrillReportViewModel.row(r),
                                RestoreDrillReportViewModel.figures(r),
                                RestoreDrillReportViewModel.summary(r),
                                r.passed()),
                        r -> "done: " + (r.passed() ? "passed" : "FAILED"));
            }
        }
    }

    /** The runs on the background executor: nothing blocks the FX thread. */
    private <R> void start(
            int total,
            Consumer<String> lines,
            Attempt<R> attempt,
            BiConsumer<Integer, R> record,
            Function<R, String> done) {
        executors.background().execute(() -> runAll(total, lines, attempt, record, done));
    }

    /** One run of a drill: blocks, reports progress lines, asks for cancel at its waits. */
    private interface Attempt<R> {
        R run(Consumer<String> progress, BooleanSupplier cancelled);
    }

    /** On the background executor: the runs one after the other, each result handed to the FX thread as it comes. */
    private <R> void runAll(
            int total,
            Consumer<String> lines,
            Attempt<R> attempt,
            BiConsumer<Integer, R> record,
            Function<R, String> done) {
        for (int i = 1; i <= total; i++) {
            if (cancelRequested) {
                executors.fx().execute(() -> stopped(Optional.empty()));
                return;
            }
            int run = i;
            String prefix = "[" + running.id() + " " + run + "/" + total + "] ";
            R result;
            try {
                result = attempt.run(line -> lines.accept(prefix + line), () -> cancelRequested);
            } catch (RuntimeException e) {
                lines.accept(prefix + "stopped: " + e.getMessage());
                executors.fx().execute(() -> stopped(Optional.of(e)));
                return;
            }
            lines.accept(prefix + done.apply(result));
            executors.fx().execute(() -> {
                if (!closed) {
                    record.accept(run, result);
                    if (run < total && state.get() == State.RUNNING) {
                        message.set(progressText(run + 1, total));
                    }
                }
            });
        }
        executors.fx().execute(this::succeeded);
    }

    /** Asks the running drill to stop at its next wait; it heals the fault first. */
    public void cancel() {
        if (state.get() != State.RUNNING) {
            return;
        }
        cancelRequested = true;
        state.set(State.CANCELLING);
        message.set(
                running.kind() == DrillChoice.Kind.RESTORE
                        ? "cancelling: the drill stops at its next wait; a restore under way runs to its end …"
                        : "cancelling: the drill heals the fault and stops …");
    }

    /** The workspace is closing: a running drill is cancelled (and heals the fault); nothing is shown any more. */
    public void close() {
        cancel();
        closed = true;
    }

    private void record(int run, DrillResult result) {
        finished.add(result);
        results.add(NodeDrillReportViewModel.row(run, result));
        gaps.add(new GapSeries(
                "run " + run,
                NodeDrillReportViewModel.points(result.writeGaps(), NodeDrillReportViewModel.MAX_POINTS)));
        DrillSummary summary = DrillSummary.of(result.scenario(), finished);
        figures.setAll(NodeDrillReportViewModel.figures(summary, finished));
        verdict = new Verdict(
                NodeDrillReportViewModel.summary(summary, finished.size()),
                summary.lostWritesTotal() > 0 || summary.splitBrainRuns() > 0);
    }

    private void recordRestore(DrillRunRow row, List<DrillFigure> measured, String summary, boolean passed) {
        results.add(row);
        figures.setAll(measured);
        verdict = new Verdict(summary, !passed);
    }

    private void recordHost(int run, HostDrillResult result) {
        hostRuns.add(result);
        results.add(HostDrillReportViewModel.row(run, result));
        figures.setAll(HostDrillReportViewModel.figures(hostRuns));
        verdict = new Verdict(
                HostDrillReportViewModel.summary(running.id(), hostRuns),
                hostRuns.stream().anyMatch(r -> !r.passed()));
    }

    private void succeeded() {
        if (closed) {
            return;
        }
        state.set(State.SUCCEEDED);
        message.set(verdict.message());
        notifier.show(
                verdict.bad()
                        ? Notice.error(
                                "Drill " + running.id()
                                        + (running.kind() == DrillChoice.Kind.NODE ? " lost data" : " failed"),
                                message.get())
                        : Notice.success("Drill " + running.id() + " finished", message.get()));
    }

    private void stopped(Optional<RuntimeException> failure) {
        if (closed) {
            return;
        }
        if (cancelRequested) {
            state.set(State.CANCELLED);
            message.set("cancelled after " + results.size() + " of " + runs() + " runs; the fault was healed");
            return;
        }
        state.set(State.FAILED);
        String why = failure.map(e -> String.valueOf(e.getMessage())).orElse("stopped");
        message.set("run " + (results.size() + 1) + " failed: " + why);
        notifier.show(Notice.error("Drill " + running.id() + " failed", why));
    }

    private void appendLog(List<String> lines) {
        if (closed) {
            return;
        }
        int overflow = log.size() + lines.size() - LOG_CAPACITY;
        if (overflow > 0) {
            log.remove(0, Math.min(overflow, log.size()));
        }
        log.addAll(lines.size() > LOG_CAPACITY ? lines.subList(lines.size() - LOG_CAPACITY, lines.size()) : lines);
    }

    private void update() {
        boolean isActive = state.get() == State.RUNNING || state.get() == State.CANCELLING;
        Map<String, String> reasons = new LinkedHashMap<>();
        for (DrillChoice c : CHOICES) {
            whyNot(c).ifPresent(why -> reasons.put(c.id(), why));
        }
        if (!reasons.equals(unavailable.get())) {
            unavailable.set(Map.copyOf(reasons));
        }
        if (!picked && !isActive && reasons.containsKey(scenario.get().id())) {
            // until the person picks one, the first drill that can run here is proposed (host-down on a Swarm)
            CHOICES.stream()
                    .filter(c -> !reasons.containsKey(c.id()))
                    .findFirst()
                    .ifPresent(c -> {
                        proposing = true;
                        try {
                            scenario.set(c);
                        } finally {
                            proposing = false;
                        }
                    });
        }
        DrillChoice chosen = scenario.get();
        Optional<String> why = whyNot(chosen);
        available.set(why.isEmpty());
        availability.set(why.orElseGet(() -> where(chosen)));
        runsOnce.set(chosen.kind() == DrillChoice.Kind.RESTORE);
        confirmed.set(!chosen.id().equals(DISASTER)
                || connection.name().equals(typed.get().strip()));
        active.set(isActive || chaosRunning.get());
        canRun.set(why.isEmpty() && !isActive && !chaosRunning.get());
        canChaos.set(nodeWhy.isEmpty() && !isActive && !chaosRunning.get());
    }

    private String where(DrillChoice chosen) {
        if (chosen.kind() == DrillChoice.Kind.HOST) {
            return hostWhere;
        }
        if (chosen.kind() == DrillChoice.Kind.RESTORE) {
            return nodeWhere + " It restores from the backups (the last one " + lastBackup.orElse("?") + ").";
        }
        return nodeWhere;
    }

    private String progressText(int run, int total) {
        return "running " + running.id() + (total > 1 ? ", run " + run + " of " + total : "") + " …";
    }

    private int runs() {
        return scenario.get().kind() == DrillChoice.Kind.RESTORE ? 1 : Math.clamp(runs.get(), 1, MAX_RUNS);
    }

    public ObservableList<DrillChoice> scenarios() {
        return scenarios;
    }

    public ObjectProperty<DrillChoice> scenarioProperty() {
        return scenario;
    }

    public IntegerProperty runsProperty() {
        return runs;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Whether the chosen drill can run on this cluster as it is now. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Whether a drill is running or cancelling. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /**
     * A chaos run's model aimed at the cluster as it is now, with the clock's milliseconds as its proposed seed; empty
     * while a drill or another chaos run is under way or drills cannot run on the cluster.
     */
    public Optional<ChaosViewModel> chaos() {
        if (!canChaos.get()) {
            return Optional.empty();
        }
        return Optional.of(new ChaosViewModel(
                drills,
                executors,
                notifier,
                connection.name(),
                System.currentTimeMillis(),
                (seed, length, faults) -> new ChaosRequest(
                        members, etcdContainers, containers, seed, length, ChaosPlan.faults(String.join(",", faults))),
                chaosRunning::set));
    }

    /** Whether a chaos run the console started runs now (drills wait for it). */
    public ReadOnlyBooleanProperty chaosRunningProperty() {
        return chaosRunning.getReadOnlyProperty();
    }

    /** Whether a chaos run can start: the node drills can run here and nothing runs now. */
    public ReadOnlyBooleanProperty canChaosProperty() {
        return canChaos.getReadOnlyProperty();
    }

    /** Whether the chosen drill runs once only (pitr, disaster): the number of runs does not apply. */
    public ReadOnlyBooleanProperty runsOnceProperty() {
        return runsOnce.getReadOnlyProperty();
    }

    /** Whether the write gaps' chart applies to the drill shown (the node drills measure them). */
    public ReadOnlyBooleanProperty chartShownProperty() {
        return chartShown.getReadOnlyProperty();
    }

    /** Each drill that cannot run here now, by id, with the reason. */
    public ReadOnlyObjectProperty<Map<String, String>> unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** The results table's column titles for the drill whose runs it shows. */
    public ObservableList<String> columns() {
        return columns;
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    /** Where the drills would run, or why they cannot. */
    public ReadOnlyStringProperty availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<DrillFigure> figures() {
        return figures;
    }

    public ObservableList<DrillRunRow> results() {
        return results;
    }

    public ObservableList<GapSeries> gaps() {
        return gaps;
    }

    /** The container names the last snapshot offered for drills, for tests. */
    List<String> etcdContainers() {
        return etcdContainers;
    }
}
