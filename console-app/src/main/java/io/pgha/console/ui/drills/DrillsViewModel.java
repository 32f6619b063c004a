package io.pgha.console.ui.drills;

import io.pgha.console.service.ChaosRequest;
import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.ui.common.BatchRelay;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.DrillSummary;
import io.pgha.runtime.drill.WriteGap;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.usecase.DrillPlanning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The drills screen: runs one of the runtime's fault drills against the open cluster, a number of times one after the
 * other, off the FX thread; shows the drill's progress lines, each run's write gaps and figures, and the figures over all
 * runs. Drills are offered only for a stack whose members' containers run on the local Docker engine.
 */
public final class DrillsViewModel {

    public static final int MAX_RUNS = 20;
    public static final int LOG_CAPACITY = 2000;
    /** Points per run in the chart; the longest gaps are always kept. */
    static final int MAX_POINTS = 400;
    /** How {@code pgha drill} runs by default: 2 writers, lasting faults held 25 s, 60 s to recover, 150 s to heal. */
    static final DrillSettings SETTINGS = DrillSettings.defaults();
    /** docs/DESIGN targets: a killed primary within 5 s, a planned switchover within 1 s. */
    private static final Duration OUTAGE_TARGET = Duration.ofSeconds(5);

    private static final Duration SWITCHOVER_TARGET = Duration.ofSeconds(1);

    /** Where the drill is. */
    public enum State {
        IDLE,
        RUNNING,
        CANCELLING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    private final FaultDrills drills;
    private final ClusterConnection connection;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ObservableList<DrillChoice> scenarios =
            FXCollections.observableArrayList(Arrays.stream(DrillScenario.values())
                    .map(s -> new DrillChoice(s.cliName(), s.description()))
                    .toList());
    private final ObjectProperty<DrillChoice> scenario = new SimpleObjectProperty<>(scenarios.getFirst());
    private final IntegerProperty runs = new SimpleIntegerProperty(1);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper chaosRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<DrillFigure> figures = FXCollections.observableArrayList();
    private final ObservableList<DrillRunRow> results = FXCollections.observableArrayList();
    private final ObservableList<GapSeries> gaps = FXCollections.observableArrayList();
    private final List<DrillResult> finished = new ArrayList<>();
    private volatile boolean cancelRequested;
    private List<String> members = List.of();
    private List<String> etcdContainers = List.of();
    private java.util.Map<String, String> containers = java.util.Map.of();
    private Optional<String> leader = Optional.empty();
    private DrillScenario running = DrillScenario.KILL_PRIMARY;
    private boolean closed;

    public DrillsViewModel(
            FaultDrills drills,
            ClusterConnection connection,
            UiExecutors executors,
            Notifier notifier,
            ClusterSnapshot initial) {
        this.drills = drills;
        this.connection = connection;
        this.executors = executors;
        this.notifier = notifier;
        state.addListener((o, a, s) -> update());
        available.addListener((o, a, b) -> update());
        chaosRunning.addListener((o, a, b) -> update());
        apply(initial);
    }

    /** Called on the FX thread with every new snapshot: who leads, and whether drills can run on the cluster now. */
    public void apply(ClusterSnapshot snapshot) {
        leader = snapshot.leader();
        Optional<String> why = unavailableReason(connection, snapshot);
        if (why.isEmpty()) {
            members = DrillPlanning.members(snapshot);
            etcdContainers = DrillPlanning.etcdContainers(snapshot);
            containers = DrillPlanning.containers(snapshot);
            availability.set("Runs against " + connection.name() + " on the local Docker engine: "
                    + String.join(", ", members) + ", etcd " + String.join(", ", etcdContainers) + ".");
        } else {
            availability.set(why.get());
        }
        available.set(why.isEmpty());
    }

    /** Why drills cannot run on this cluster now, or empty when they can (the runtime's rule, shared with pgha drill). */
    static Optional<String> unavailableReason(ClusterConnection connection, ClusterSnapshot snapshot) {
        return DrillPlanning.unavailableReason(connection, snapshot);
    }

    /** What the dialog says before the chosen drill runs against the cluster as it is now. */
    public DrillConfirmation confirmation() {
        DrillScenario s = DrillScenario.parse(scenario.get().id());
        int n = runs();
        String primary = "the primary" + leader.map(l -> " (" + l + " now)").orElse("");
        long hold = SETTINGS.faultDuration().toSeconds();
        // on the name: a switch over the runtime's enum would compile to a helper class outside the view model
        String fault = switch (s.cliName()) {
            case "kill-primary" -> "Docker kills the container of " + primary + ".";
            case "stop-primary" -> "Docker stops the container of " + primary + ".";
            case "crash-postgres" ->
                "PostgreSQL's postmaster on " + primary + " is killed with kill -9; Patroni stays up.";
            case "partition-primary" ->
                primary.substring(0, 1).toUpperCase() + primary.substring(1) + " is cut off the stack network for "
                        + hold + " s.";
            case "freeze-primary" -> "Docker pauses the container of " + primary + " for " + hold + " s.";
            case "etcd-minority" ->
                "Docker stops the etcd member "
                        + etcdContainers.stream().findFirst().orElse("etcd-1") + " for " + hold + " s.";
            case "etcd-quorum-loss" ->
                "Docker stops the etcd members "
                        + String.join(
                                " and ",
                                etcdContainers.subList(
                                        0, Math.min(etcdContainers.size(), etcdContainers.size() / 2 + 1)))
                        + " for " + hold
                        + " s: etcd loses its quorum and the cluster takes no writes meanwhile.";
            case "switchover" -> "Patroni hands the primary role of " + primary + " to a replica.";
            default -> s.description() + ".";
        };
        String times = n == 1 ? "once" : n + " times, one run after the other";
        return new DrillConfirmation(
                "Run the " + s.cliName() + " drill on " + connection.name(),
                "This drill disturbs " + connection.name() + " " + times + ". " + fault + " Meanwhile "
                        + SETTINGS.writers()
                        + " writers insert rows through the router's write port (table pgha_drill) and a watcher container joins "
                        + "the stack's network. Each run waits for a healthy cluster first, heals the fault afterwards and waits until "
                        + "every replica streams again. Applications using this cluster see the outage: run it only where that is fine.",
                "Run drill");
    }

    /** Starts the chosen drill after the confirmation; nothing happens when it cannot run now. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        running = DrillScenario.parse(scenario.get().id());
        int total = runs();
        DrillRequest request = new DrillRequest(running, members, etcdContainers, containers, SETTINGS);
        finished.clear();
        results.clear();
        gaps.clear();
        figures.clear();
        log.clear();
        cancelRequested = false;
        state.set(State.RUNNING);
        message.set(progressText(1, total));
        BatchRelay<String> lines = new BatchRelay<>(executors.fx(), this::appendLog);
        executors.background().execute(() -> runAll(request, total, lines));
    }

    /** On the background executor: the runs one after the other, each result handed to the FX thread as it comes. */
    private void runAll(DrillRequest request, int total, Consumer<String> lines) {
        for (int i = 1; i <= total; i++) {
            if (cancelRequested) {
                executors.fx().execute(() -> stopped(Optional.empty()));
                return;
            }
            int run = i;
            String prefix = "[" + request.scenario().cliName() + " " + run + "/" + total + "] ";
            DrillResult result;
            try {
                result = drills.run(request, line -> lines.accept(prefix + line), () -> cancelRequested);
            } catch (RuntimeException e) {
                lines.accept(prefix + "stopped: " + e.getMessage());
                executors.fx().execute(() -> stopped(Optional.of(e)));
                return;
            }
            lines.accept(prefix + "done: write outage " + Formats.duration(result.writeOutage()) + ", "
                    + result.lostWrites() + " acknowledged rows missing");
            executors.fx().execute(() -> record(run, total, result));
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
        message.set("cancelling: the drill heals the fault and stops …");
    }

    /** The workspace is closing: a running drill is cancelled (and heals the fault); nothing is shown any more. */
    public void close() {
        cancel();
        closed = true;
    }

    private void record(int run, int total, DrillResult result) {
        if (closed) {
            return;
        }
        finished.add(result);
        results.add(row(run, result));
        gaps.add(new GapSeries("run " + run, points(result.writeGaps(), MAX_POINTS)));
        figures.setAll(figures(DrillSummary.of(running, finished), finished));
        if (run < total && state.get() == State.RUNNING) {
            message.set(progressText(run + 1, total));
        }
    }

    private void succeeded() {
        if (closed) {
            return;
        }
        state.set(State.SUCCEEDED);
        DrillSummary summary = DrillSummary.of(running, finished);
        boolean bad = summary.lostWritesTotal() > 0 || summary.splitBrainRuns() > 0;
        message.set(running.cliName() + ": " + finished.size() + (finished.size() == 1 ? " run" : " runs")
                + ", write outage "
                + figure(summary.writeOutage(), finished.size()) + ", " + summary.lostWritesTotal()
                + " acknowledged rows missing"
                + (summary.splitBrainRuns() > 0 ? ", SPLIT BRAIN in " + summary.splitBrainRuns() : ""));
        notifier.show(
                bad
                        ? Notice.error("Drill " + running.cliName() + " lost data", message.get())
                        : Notice.success("Drill " + running.cliName() + " finished", message.get()));
    }

    private void stopped(Optional<RuntimeException> failure) {
        if (closed) {
            return;
        }
        if (cancelRequested) {
            state.set(State.CANCELLED);
            message.set("cancelled after " + finished.size() + " of " + runs() + " runs; the fault was healed");
            return;
        }
        state.set(State.FAILED);
        String why = failure.map(e -> String.valueOf(e.getMessage())).orElse("stopped");
        message.set("run " + (finished.size() + 1) + " failed: " + why);
        notifier.show(Notice.error("Drill " + running.cliName() + " failed", why));
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
        active.set(isActive || chaosRunning.get());
        canRun.set(available.get() && !isActive && !chaosRunning.get());
    }

    private String progressText(int run, int total) {
        return "running " + running.cliName() + (total > 1 ? ", run " + run + " of " + total : "") + " …";
    }

    private int runs() {
        return Math.clamp(runs.get(), 1, MAX_RUNS);
    }

    static DrillRunRow row(int run, DrillResult r) {
        boolean missingLeader = r.scenario().expectsNewLeader()
                && r.newLeader().filter(l -> !l.equals(r.oldLeader())).isEmpty();
        Tone tone = outageTone(r.scenario(), r.writeOutage());
        if (missingLeader || r.healedAfter().isEmpty()) {
            tone = tone.worse(Tone.WARN);
        }
        if (r.lostWrites() > 0 || r.splitBrain()) {
            tone = Tone.FAIL;
        }
        return new DrillRunRow(
                run,
                r.oldLeader() + " → " + r.newLeader().orElse("-"),
                Formats.duration(r.writeOutage()),
                r.newLeaderAfter().map(Formats::duration).orElse("none"),
                r.routerFlipAfter().map(Formats::duration).orElse("none"),
                r.lostWrites() + " of " + r.acknowledgedWrites(),
                r.splitBrain() ? "YES (" + r.splitBrainSamples() + ")" : "no",
                r.healedAfter().map(Formats::duration).orElse("not in time"),
                String.join("; ", r.notes()),
                tone);
    }

    /** The figures over all runs so far: one value for one run, median and maximum for more. */
    static List<DrillFigure> figures(DrillSummary s, List<DrillResult> results) {
        int n = s.runs();
        DrillScenario scenario = s.scenario();
        List<DrillFigure> f = new ArrayList<>();
        Duration target = scenario == DrillScenario.SWITCHOVER ? SWITCHOVER_TARGET : OUTAGE_TARGET;
        f.add(new DrillFigure(
                "write outage",
                figure(s.writeOutage(), n) + " (target ≤ " + Formats.duration(target) + ")",
                s.writeOutage().median().map(m -> outageTone(scenario, m)).orElse(Tone.UNKNOWN)));
        f.add(new DrillFigure(
                "time to new leader",
                figure(s.newLeaderAfter(), n),
                s.newLeaderAfter().median().isPresent()
                        ? Tone.OK
                        : scenario.expectsNewLeader() ? Tone.WARN : Tone.UNKNOWN));
        f.add(new DrillFigure(
                "router flip",
                figure(s.routerFlipAfter(), n),
                s.routerFlipAfter().median().isPresent()
                        ? Tone.OK
                        : scenario.expectsNewLeader() ? Tone.WARN : Tone.UNKNOWN));
        long acknowledged =
                results.stream().mapToLong(DrillResult::acknowledgedWrites).sum();
        f.add(new DrillFigure(
                "rows missing (RPO)",
                s.lostWritesTotal() + " of " + acknowledged + " acknowledged",
                s.lostWritesTotal() == 0 ? Tone.OK : Tone.FAIL));
        f.add(new DrillFigure(
                "split brain",
                s.splitBrainRuns() == 0 ? "never" : "in " + s.splitBrainRuns() + " of " + n + " runs",
                s.splitBrainRuns() == 0 ? Tone.OK : Tone.FAIL));
        long healed = results.stream().filter(r -> r.healedAfter().isPresent()).count();
        f.add(new DrillFigure(
                "time to healed",
                figure(s.healedAfter(), n) + (healed < n ? " (" + (n - healed) + " not in time)" : ""),
                healed == n ? Tone.OK : Tone.WARN));
        if (scenario == DrillScenario.ETCD_MINORITY || scenario == DrillScenario.ETCD_QUORUM_LOSS) {
            long refused = results.stream()
                    .filter(DrillResult::writesRefusedDuringFault)
                    .count();
            f.add(new DrillFigure(
                    "writes during the fault",
                    refused == 0 ? "accepted" : "refused in " + refused + " of " + n + " runs",
                    Tone.UNKNOWN));
            f.add(new DrillFigure(
                    "reads during the fault",
                    String.valueOf(results.stream()
                            .mapToLong(DrillResult::readsDuringFault)
                            .sum()),
                    Tone.UNKNOWN));
        }
        return f;
    }

    private static String figure(DrillSummary.Figure figure, int runs) {
        if (figure.median().isEmpty()) {
            return "none";
        }
        return runs == 1
                ? Formats.duration(figure.median().get())
                : "median " + Formats.duration(figure.median().get()) + " · max "
                        + Formats.duration(figure.max().orElseThrow());
    }

    private static Tone outageTone(DrillScenario scenario, Duration outage) {
        Duration target = scenario == DrillScenario.SWITCHOVER ? SWITCHOVER_TARGET : OUTAGE_TARGET;
        return outage.compareTo(target) <= 0 ? Tone.OK : Tone.WARN;
    }

    /** Every point, or the longest gap of each run of points when there are more than {@code max}: outages stay visible. */
    static List<GapSeries.Point> points(List<WriteGap> gaps, int max) {
        int stride = Math.max(1, (gaps.size() + max - 1) / max);
        List<GapSeries.Point> points = new ArrayList<>(gaps.size() / stride + 1);
        for (int i = 0; i < gaps.size(); i += stride) {
            WriteGap peak = gaps.get(i);
            for (int j = i + 1; j < Math.min(i + stride, gaps.size()); j++) {
                if (gaps.get(j).gap().compareTo(peak.gap()) > 0) {
                    peak = gaps.get(j);
                }
            }
            points.add(new GapSeries.Point(
                    peak.at().toMillis() / 1000.0, peak.gap().toMillis() / 1000.0));
        }
        return points;
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

    /** Whether drills can run on this cluster at all (a local Docker stack). */
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
        if (!canRun.get()) {
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
