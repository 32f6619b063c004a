package io.pgha.console.ui.actions;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ClusterAction;
import io.pgha.console.service.ClusterActions;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.ops.Candidates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Runs the cluster's operations: says what each will do, performs it off the FX thread, and reports the
 * outcome or the refusal as a notice. One operation at a time; the topology shows the effect as it happens.
 * While a planned operation runs (and until the cluster is healthy again, {@link #SETTLE} at most), it is
 * published as {@link PlannedWork}, so the screens show the work rather than the outage it causes on purpose;
 * a change of primary reports the write pause the snapshots showed.
 */
public final class ActionsViewModel {

    /** How long after a planned operation ended the cluster may take to look healthy before it is shown as it is. */
    static final Duration SETTLE = Duration.ofSeconds(15);

    private final ClusterActions actions;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasLeader = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Optional<PlannedWork>> plannedWork;
    private final String clusterName;
    private final Clock clock;
    private ClusterSnapshot snapshot;
    private Optional<WritePause> writePause = Optional.empty();
    private boolean settling;
    private long generation;

    public ActionsViewModel(ClusterActions actions, UiExecutors executors, Notifier notifier, ClusterSnapshot initial) {
        this(
                actions,
                executors,
                notifier,
                initial,
                new SimpleObjectProperty<>(Optional.empty()),
                initial.scope(),
                Clock.systemDefaultZone());
    }

    /**
     * @param plannedWork where the planned work under way is published (shared with the clusters sidebar)
     * @param clusterName what the user types to fail over a cluster whose primary is healthy
     */
    public ActionsViewModel(
            ClusterActions actions,
            UiExecutors executors,
            Notifier notifier,
            ClusterSnapshot initial,
            ObjectProperty<Optional<PlannedWork>> plannedWork,
            String clusterName,
            Clock clock) {
        this.actions = actions;
        this.executors = executors;
        this.notifier = notifier;
        this.plannedWork = plannedWork;
        this.clusterName = clusterName;
        this.clock = clock;
        apply(initial);
    }

    public void apply(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
        paused.set(snapshot.paused());
        hasLeader.set(snapshot.leader().isPresent());
        writePause.ifPresent(p -> {
            boolean known = p.measured().isPresent();
            p.observe(snapshot);
            if (!known && !busy.get() && p.measured().isPresent()) {
                result.set(result.get() + pauseText(p));
            }
        });
        if (settling && snapshot.health() == ClusterHealth.HEALTHY) {
            endPlannedWork();
        }
    }

    public Confirmation confirmation(ClusterAction action) {
        return Confirmations.of(action, snapshot);
    }

    /** Members that could become primary, eligible first, the best one first of all. */
    public List<Candidate> candidates() {
        return rankCandidates(snapshot);
    }

    public Optional<Candidate> bestCandidate() {
        return bestCandidate(snapshot);
    }

    /**
     * Every member but the leader as the candidate picker lists it: the runtime's own ranking and rules
     * ({@link Candidates}, what {@code pgha switchover} applies), the best eligible one first, ineligible ones last.
     */
    static List<Candidate> rankCandidates(ClusterSnapshot snapshot) {
        return Candidates.rank(snapshot).stream()
                .map(r -> Candidate.of(r.member(), r.whyNot()))
                .toList();
    }

    static Optional<Candidate> bestCandidate(ClusterSnapshot snapshot) {
        return rankCandidates(snapshot).stream().filter(Candidate::eligible).findFirst();
    }

    /** A switchover from the current leader to the candidate; empty when there is no leader to hand over. */
    public Optional<ClusterAction> switchoverTo(String candidate) {
        return snapshot.leader().map(leader -> new ClusterAction.Switchover(leader, candidate));
    }

    /** A switchover Patroni performs at the given local time; empty when there is no leader to hand over. */
    public Optional<ClusterAction> switchoverTo(String candidate, LocalDateTime at) {
        Instant when = at.atZone(clock.getZone()).toInstant();
        return snapshot.leader().map(leader -> new ClusterAction.Switchover(leader, candidate, Optional.of(when)));
    }

    /** Why a switchover cannot be scheduled at that local time; empty when it can. */
    public Optional<String> scheduleProblem(LocalDateTime at) {
        return at.atZone(clock.getZone()).toInstant().isAfter(clock.instant())
                ? Optional.empty()
                : Optional.of("Choose a time in the future.");
    }

    /** The local time a scheduled switchover is proposed for: the next full hour. */
    public LocalDateTime proposedSchedule() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.HOURS).plusHours(1);
    }

    public ClusterAction failoverTo(String candidate) {
        return new ClusterAction.Failover(candidate);
    }

    /** The primary, when it is running: then a failover is the wrong tool, and the dialog says so. */
    public Optional<String> healthyLeader() {
        return snapshot.leaderMember().filter(Member::isRunning).map(Member::name);
    }

    public String clusterName() {
        return clusterName;
    }

    /** Failing over a cluster whose primary is healthy needs its name typed; otherwise nothing more. */
    public boolean failoverConfirmedBy(String typed) {
        return healthyLeader().isEmpty() || clusterName.equals(typed == null ? "" : typed.strip());
    }

    public ClusterAction pauseOrResume() {
        return snapshot.paused() ? new ClusterAction.Resume() : new ClusterAction.Pause();
    }

    /** Starts the action confirmed by the user; refused at once while another runs. */
    public void perform(Confirmation confirmed) {
        if (busy.get()) {
            notifier.show(Notice.warning("Busy", running.get() + " is still running; wait for it to finish."));
            return;
        }
        busy.set(true);
        running.set(confirmed.title());
        result.set("");
        generation++;
        settling = false;
        plannedWork.set(PlannedWorks.of(confirmed.action()));
        writePause = plannedWork.get().flatMap(PlannedWork::handover).map(h -> new WritePause());
        writePause.ifPresent(p -> p.observe(snapshot));
        executors.supply(
                () -> actions.perform(confirmed.action()),
                outcome -> finished(confirmed, outcome),
                failure -> failed(confirmed, failure));
    }

    /**
     * Starts work that another view model runs (a day-two plan) as this cluster's one operation, so that no other
     * action starts meanwhile and the header shows it; refused (false, with a notice) while another runs.
     */
    public boolean begin(String title) {
        if (busy.get()) {
            notifier.show(Notice.warning("Busy", running.get() + " is still running; wait for it to finish."));
            return false;
        }
        busy.set(true);
        running.set(title);
        result.set("");
        generation++;
        settling = false;
        writePause = Optional.empty();
        return true;
    }

    /** Ends the work {@link #begin} started, with what it achieved; the planned work shown until the cluster is healthy. */
    public void end(String outcome) {
        done();
        result.set(outcome);
        if (plannedWork.get().isPresent()) {
            settle();
        }
    }

    private void finished(Confirmation confirmed, ActionOutcome outcome) {
        done();
        String pause = writePause.map(ActionsViewModel::pauseText).orElse("");
        result.set(confirmed.title() + ": done in " + Formats.duration(outcome.took()) + pause);
        notifier.show(Notice.success(
                confirmed.title(), outcome.summary() + " (" + Formats.duration(outcome.took()) + ")" + pause));
        if (plannedWork.get().isPresent()) {
            settle();
        }
    }

    /** Keeps the planned work shown until the cluster looks healthy again, or {@link #SETTLE} has passed. */
    private void settle() {
        if (snapshot.health() == ClusterHealth.HEALTHY) {
            endPlannedWork();
            return;
        }
        settling = true;
        long mine = generation;
        try {
            executors
                    .background()
                    .schedule(
                            () -> executors.fx().execute(() -> {
                                if (mine == generation && settling) {
                                    endPlannedWork();
                                }
                            }),
                            SETTLE.toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            endPlannedWork();
        }
    }

    private void endPlannedWork() {
        settling = false;
        plannedWork.set(Optional.empty());
    }

    private static String pauseText(WritePause pause) {
        return pause.measured()
                .map(d -> String.format(Locale.ROOT, " · writes paused %.1f s", d.toMillis() / 1000.0))
                .orElse("");
    }

    private void failed(Confirmation confirmed, RuntimeException failure) {
        done();
        endPlannedWork();
        if (failure instanceof PghaException p && p.kind() == PghaException.Kind.REFUSED) {
            notifier.show(Notice.warning("Refused: " + confirmed.title(), p.getMessage()));
        } else {
            notifier.show(Notice.error(confirmed.title() + " failed", String.valueOf(failure.getMessage())));
        }
    }

    private void done() {
        busy.set(false);
        running.set("");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasLeaderProperty() {
        return hasLeader.getReadOnlyProperty();
    }

    /** What the last action achieved, with the write pause a change of primary caused; empty while one runs. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The planned work under way, shared with the sidebar's entry of this cluster. */
    public ObjectProperty<Optional<PlannedWork>> plannedWorkProperty() {
        return plannedWork;
    }

    /** The title of the action running now, empty when none. */
    public ReadOnlyStringProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
