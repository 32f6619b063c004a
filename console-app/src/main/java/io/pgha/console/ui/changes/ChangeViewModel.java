package io.pgha.console.ui.changes;

import io.pgha.console.service.ClusterChanges;
import io.pgha.console.ui.actions.ActionsViewModel;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.stack.SpecDifferences;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.usecase.ApplyStack;
import io.pgha.runtime.usecase.PlanProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One day-two change in its dialog: the plan from ha-runtime's engine (the lines {@code --dry-run} prints, each step's
 * cost), the confirmation (the member's name typed when a data volume is deleted; volumes are kept by default), then the
 * plan run on the background executor with each step's progress, the member being changed published as the cluster's
 * planned work (the topology draws it), and on a failure the step that failed and those not done. Apply spec edits the
 * spec the stack runs (or a spec file's) as text, and shows what it changes beside the plan.
 */
public final class ChangeViewModel {

    private final ChangeKind kind;
    private final ClusterChanges changes;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ActionsViewModel actions;
    private final ChangeTargets targets;
    private final String cluster;
    private final StringProperty image = new SimpleStringProperty("");
    private final ObjectProperty<String> node = new SimpleObjectProperty<>();
    private final BooleanProperty keepVolume = new SimpleBooleanProperty(true);
    private final BooleanProperty deleteVolume = new SimpleBooleanProperty(false);
    private final StringProperty typed = new SimpleStringProperty("");
    private final StringProperty spec = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper specChanges = new ReadOnlyStringWrapper("");
    private final ObservableList<ChangeStep> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canConfirm = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper planning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final Optional<String> refusedHere;
    private Optional<ApplyPlan> plan = Optional.empty();
    private long planRequest;
    private Optional<StackSpec> specNow = Optional.empty();
    private String fileName = "";
    private String fileText;
    private boolean cancelled;

    ChangeViewModel(
            ChangeKind kind,
            Optional<String> selected,
            ClusterChanges changes,
            UiExecutors executors,
            Notifier notifier,
            ActionsViewModel actions,
            ChangeTargets targets,
            String cluster) {
        this.kind = kind;
        this.changes = changes;
        this.executors = executors;
        this.notifier = notifier;
        this.actions = actions;
        this.targets = targets;
        this.cluster = cluster;
        node.set(selected.filter(targets.members()::contains).orElse(targets.defaultReplaced()));
        node.addListener((o, a, b) -> replan());
        keepVolume.addListener((o, a, b) -> replan());
        deleteVolume.addListener((o, a, b) -> update());
        image.addListener((o, a, b) -> {
            if (!started.get()) {
                clearPlan(
                        image.get().isBlank()
                                ? "Name the image to run, e.g. pgha/spilo-17:next"
                                : "Show the plan for " + image.get().strip() + " (Show plan, or Enter)");
            }
        });
        typed.addListener((o, a, b) -> update());
        spec.addListener((o, a, b) -> {
            if (!started.get() && specNow.isPresent()) {
                // a plan still coming is of the text before
                planRequest++;
                planning.set(false);
                specChanges.set("");
                clearPlan(SPEC_EDITED);
            }
        });
        refusedHere = kind == ChangeKind.REMOVE_NODE
                ? selected.filter(s -> !s.equals(targets.highest())).map(this::notRemovable)
                : Optional.empty();
        refusedHere.ifPresent(problem::set);
    }

    private static final String SPEC_EDITED = "Show the plan for this spec (Show plan): nothing changes before Apply";

    /**
     * Asks the engine for the plan (the upgrade's once an image is named; Apply spec's once the running spec is read);
     * nothing changes.
     */
    public void plan() {
        if (started.get() || cancelled) {
            return;
        }
        if (refusedHere.isPresent()) {
            return;
        }
        if (kind == ChangeKind.APPLY_SPEC && specNow.isEmpty()) {
            readRunningSpec();
            return;
        }
        if (kind == ChangeKind.UPGRADE && image.get().isBlank()) {
            clearPlan("Name the image to run, e.g. pgha/spilo-17:next (it must be on this machine's Docker engine)");
            return;
        }
        long mine = ++planRequest;
        planning.set(true);
        clearPlan("Planning …");
        Supplier<ApplyPlan> ask = asking(image.get().strip(), node.get(), keepVolume.get());
        executors.supply(
                ask,
                p -> {
                    if (mine == planRequest) {
                        planned(p);
                    }
                },
                failure -> {
                    if (mine == planRequest) {
                        planning.set(false);
                        problem.set("No plan: " + fromFile() + failure.getMessage());
                    }
                });
    }

    /** Apply spec: the spec the stack runs, shown to edit; a spec file opened meanwhile is planned instead. */
    private void readRunningSpec() {
        long mine = ++planRequest;
        planning.set(true);
        clearPlan("Reading the spec " + cluster + " runs …");
        executors.supply(
                changes::runningSpec,
                now -> {
                    if (mine != planRequest) {
                        return;
                    }
                    planning.set(false);
                    specNow = Optional.of(now);
                    if (spec.get().isBlank()) {
                        spec.set(StackSpecFile.write(now));
                        clearPlan("This is the spec " + cluster + " runs: edit it or open a spec file, then Show plan");
                    } else {
                        plan();
                    }
                },
                failure -> {
                    if (mine == planRequest) {
                        planning.set(false);
                        problem.set("No spec: " + failure.getMessage());
                    }
                });
    }

    /** Apply spec: the text of {@code file} in the editor, then its plan; a file that cannot be read changes nothing. */
    public void openSpecFile(Path file) {
        if (started.get() || cancelled) {
            return;
        }
        executors.supply(
                () -> {
                    try {
                        return Files.readString(file);
                    } catch (IOException e) {
                        throw io.pgha.runtime.PghaException.invalidInput("cannot read " + file + ": " + e.getMessage());
                    }
                },
                text -> {
                    spec.set(text);
                    fileName = String.valueOf(file.getFileName());
                    fileText = text;
                    plan();
                },
                failure -> problem.set("No spec: " + failure.getMessage()));
    }

    /** Apply spec: the editor back to the spec the stack runs. */
    public void showRunningSpec() {
        specNow.ifPresent(now -> {
            spec.set(StackSpecFile.write(now));
            plan();
        });
    }

    /** "spec.yaml: " while the editor holds that file's text unchanged, so that a parse error names it. */
    private String fromFile() {
        return fileText != null && fileText.equals(spec.get()) ? fileName + ": " : "";
    }

    /** The dialog was closed before its plan ran: nothing runs from it, a plan still coming is dropped. */
    public void cancel() {
        if (!started.get()) {
            cancelled = true;
            planRequest++;
            planning.set(false);
            clearPlan("Cancelled: nothing was changed");
        }
    }

    /** The engine's question, with the dialog's input read here, on the FX thread. */
    private Supplier<ApplyPlan> asking(String ref, String member, boolean keep) {
        int nodes = targets.nodes();
        return switch (kind) {
            case ADD_REPLICA -> () -> changes.planScale(nodes + 1);
            case REMOVE_NODE -> () -> changes.planScale(nodes - 1);
            case UPGRADE -> () -> changes.planUpgrade(ref);
            case REPLACE_NODE -> () -> changes.planReplace(member, keep);
            case APPLY_SPEC -> {
                String text = spec.get();
                yield () -> changes.planApply(text);
            }
        };
    }

    private void planned(ApplyPlan p) {
        planning.set(false);
        plan = Optional.of(p);
        List<String> lines = p.lines();
        specNow.ifPresent(now -> specChanges.set(String.join("\n", SpecDifferences.between(now, p.desired()))));
        if (p.refused() || p.empty()) {
            steps.clear();
            problem.set(
                    p.refused()
                            ? "Refused: " + String.join("; ", p.refusals())
                            : kind == ChangeKind.APPLY_SPEC
                                    ? "Nothing to change: stack " + p.stack() + " already runs this spec"
                                    : lines.get(0));
        } else {
            steps.setAll(lines.stream()
                    .map(l -> new ChangeStep(l, ChangeStep.Status.PLANNED, ""))
                    .toList());
            List<PlanStep> notRun = ApplyStack.notExecutable(p);
            problem.set(
                    notRun.isEmpty()
                            ? ""
                            : "This version does not run: "
                                    + String.join(
                                            ", ",
                                            notRun.stream().map(PlanStep::title).toList()));
        }
        update();
    }

    private void replan() {
        if (!started.get() && kind == ChangeKind.REPLACE_NODE) {
            plan();
        }
    }

    private void clearPlan(String why) {
        plan = Optional.empty();
        steps.clear();
        problem.set(why);
        update();
    }

    /** The member whose volume goes; empty when none does (the default). */
    private Optional<String> volumeDeleted() {
        return switch (kind) {
            case REMOVE_NODE -> deleteVolume.get() ? removed() : Optional.empty();
            case REPLACE_NODE -> keepVolume.get() ? Optional.empty() : Optional.ofNullable(node.get());
            default -> Optional.empty();
        };
    }

    private Optional<String> removed() {
        return plan.flatMap(p -> p.steps().stream()
                .filter(s -> s.kind() == PlanStep.Kind.REMOVE_NODE)
                .map(PlanStep::target)
                .findFirst());
    }

    private void update() {
        Optional<String> deleted = volumeDeleted();
        warning.set(deleted.map(m -> "The data of " + m + " is DELETED for good"
                        + (kind == ChangeKind.REPLACE_NODE
                                ? " once the new member streams (its copy is not kept)"
                                : " with its volume " + m + "-data")
                        + ". Type " + m + " to confirm.")
                .orElse(""));
        boolean runnable = plan.filter(p -> !p.refused() && !p.empty())
                        .filter(p -> ApplyStack.notExecutable(p).isEmpty())
                        .isPresent()
                && problem.get().isEmpty();
        boolean confirmed = deleted.map(m -> m.equals(typed.get().strip())).orElse(true);
        canConfirm.set(runnable && confirmed && !started.get() && !planning.get());
    }

    /** Runs the confirmed plan on the background executor, once; refused while another action runs. */
    public void run() {
        update();
        if (cancelled || !canConfirm.get() || !actions.begin(title() + " (" + cluster + ")")) {
            return;
        }
        ApplyPlan p = plan.orElseThrow();
        boolean deleteVolumes = kind == ChangeKind.REMOVE_NODE && deleteVolume.get();
        started.set(true);
        running.set(true);
        canConfirm.set(false);
        outcome.set(title() + " of " + cluster + ": " + p.steps().size() + " step"
                + (p.steps().size() == 1 ? "" : "s") + " …");
        long t0 = System.nanoTime();
        executors.supply(
                () -> {
                    changes.run(
                            p,
                            deleteVolumes,
                            PlanProgress.events(e -> executors.fx().execute(() -> progress(e))));
                    return Duration.ofNanos(System.nanoTime() - t0);
                },
                this::succeeded,
                this::failed);
    }

    private void succeeded(Duration took) {
        running.set(false);
        String text = title() + ": done in " + Formats.duration(took);
        outcome.set(text + ". " + summary());
        actions.end(text);
        notifier.show(Notice.success(title() + " (" + cluster + ")", summary() + " (" + Formats.duration(took) + ")"));
    }

    private String summary() {
        return switch (kind) {
            case ADD_REPLICA -> "the new member streams and is in the router";
            case REMOVE_NODE ->
                removed().orElse("the member") + " left the cluster"
                        + (deleteVolume.get() ? ", its data deleted" : "; its volume is kept");
            case UPGRADE -> "every PostgreSQL container runs " + image.get().strip();
            case REPLACE_NODE -> node.get() + " was cloned again and streams";
            case APPLY_SPEC -> "the stack runs the spec applied";
        };
    }

    private void failed(RuntimeException failure) {
        running.set(false);
        for (int i = 0; i < steps.size(); i++) {
            ChangeStep s = steps.get(i);
            if (s.status() == ChangeStep.Status.PLANNED || s.status() == ChangeStep.Status.RUNNING) {
                steps.set(i, s.with(ChangeStep.Status.NOT_DONE, s.detail()));
            }
        }
        List<String> notDone = steps.stream()
                .filter(s -> s.status() == ChangeStep.Status.NOT_DONE)
                .map(ChangeStep::line)
                .toList();
        String text = "Stopped: " + failure.getMessage();
        outcome.set(text);
        actions.plannedWorkProperty().set(Optional.empty());
        actions.end(title() + ": failed");
        notifier.show(Notice.error(
                title() + " of " + cluster + " failed",
                failure.getMessage() + (notDone.isEmpty() ? "" : " Not done: " + String.join("; ", notDone))));
    }

    /** A report of the engine's progress, on the FX thread. */
    private void progress(PlanProgress.Event e) {
        if (e instanceof PlanProgress.Started s) {
            set(s.index(), ChangeStep.Status.RUNNING, "");
            actions.plannedWorkProperty().set(Optional.of(work(s.step())));
        } else if (e instanceof PlanProgress.Line l) {
            set(l.index(), null, l.line());
        } else if (e instanceof PlanProgress.Done d) {
            set(d.index(), ChangeStep.Status.DONE, "done in " + Formats.duration(d.took()));
        } else if (e instanceof PlanProgress.Failed f) {
            set(f.index(), ChangeStep.Status.FAILED, f.reason());
            for (int i = f.index() + 1; i < steps.size(); i++) {
                set(i, ChangeStep.Status.NOT_DONE, "");
            }
        }
    }

    private void set(int index, ChangeStep.Status status, String detail) {
        if (index < 0 || index >= steps.size()) {
            return;
        }
        ChangeStep s = steps.get(index);
        steps.set(index, s.with(status == null ? s.status() : status, detail));
    }

    /** What the topology draws while {@code step} runs. */
    static PlannedWork work(PlanStep step) {
        // no switch over the runtime's enum: it would compile into a synthetic class outside the view model
        PlanStep.Kind kind = step.kind();
        if (kind == PlanStep.Kind.SWITCHOVER) {
            return PlannedWork.switchover(step.from(), step.target());
        }
        PlannedWork.Change change = kind == PlanStep.Kind.ADD_NODE
                ? PlannedWork.Change.ADDING
                : kind == PlanStep.Kind.REMOVE_NODE
                        ? PlannedWork.Change.REMOVING
                        : kind == PlanStep.Kind.REPLACE_MEMBER
                                ? PlannedWork.Change.REPLACING
                                : kind == PlanStep.Kind.REPLACE_CONTAINER ? PlannedWork.Change.UPGRADING : null;
        return change == null ? PlannedWork.of(step.title()) : PlannedWork.member(step.target(), change);
    }

    private String notRemovable(String selected) {
        return "Members are removed from the highest number down: Remove node takes " + targets.highest()
                + " away, not " + selected + ". To renew " + selected + " keep it and use Replace node…";
    }

    public ChangeKind kind() {
        return kind;
    }

    /** "Add replica", "Replace node", … */
    public String title() {
        return kind.title();
    }

    /** The dialog's header: what the change does, before the plan says how. */
    public String header() {
        return switch (kind) {
            case ADD_REPLICA ->
                "Add " + targets.next() + " to " + cluster + ": a new replica cloned from a replica, in the router";
            case REMOVE_NODE ->
                "Remove " + targets.highest() + " from " + cluster
                        + ": it leaves the synchronous quorum, the router, then Patroni";
            case UPGRADE ->
                "Replace the PostgreSQL containers of " + cluster
                        + " by ones of another image, data volumes kept: replicas first, one switchover, the old primary";
            case REPLACE_NODE ->
                "Replace a member of " + cluster + " by a new container and a new, empty volume cloned from a replica";
            case APPLY_SPEC ->
                "Change " + cluster + " to a spec as pgha apply --spec FILE does, without recreating it: edit the spec"
                        + " it runs or open a spec file; the plan shows each step and its cost before anything changes";
        };
    }

    public String confirmLabel() {
        return switch (kind) {
            case ADD_REPLICA -> "Add " + targets.next();
            case REMOVE_NODE -> "Remove " + targets.highest();
            case UPGRADE -> "Upgrade";
            case REPLACE_NODE -> "Replace";
            case APPLY_SPEC -> "Apply";
        };
    }

    /** Whether confirming it may cost data: the button is then drawn as dangerous. */
    public boolean risky() {
        return kind == ChangeKind.REMOVE_NODE || kind == ChangeKind.REPLACE_NODE;
    }

    /** The images the PostgreSQL containers run now, for the upgrade's hint. */
    public String imagesNow() {
        return targets.images();
    }

    public StringProperty imageProperty() {
        return image;
    }

    /** The member to replace. */
    public ObjectProperty<String> nodeProperty() {
        return node;
    }

    public List<String> members() {
        return new ArrayList<>(targets.members());
    }

    /** Replace: keep the old data in a volume of its own (the default). */
    public BooleanProperty keepVolumeProperty() {
        return keepVolume;
    }

    /** Remove: delete the removed member's data volume (off by default). */
    public BooleanProperty deleteVolumeProperty() {
        return deleteVolume;
    }

    /** What the user typed to confirm a deletion. */
    public StringProperty typedProperty() {
        return typed;
    }

    /** Apply spec: the spec's text, the running one until edited or a file is opened. */
    public StringProperty specProperty() {
        return spec;
    }

    /** Apply spec: what the planned spec changes, a line per key ("nodes: 3 → 4"); empty before a plan. */
    public ReadOnlyStringProperty specChangesProperty() {
        return specChanges.getReadOnlyProperty();
    }

    /** The plan, then the progress of each step. */
    public ObservableList<ChangeStep> steps() {
        return steps;
    }

    /** Why there is no plan to run (refused, nothing to do, planning), empty when the plan may run. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What is deleted and what to type, empty when nothing is. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canConfirmProperty() {
        return canConfirm.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty planningProperty() {
        return planning.getReadOnlyProperty();
    }

    /** Whether the plan was started from this dialog (the form gives way to the steps). */
    public ReadOnlyBooleanProperty startedProperty() {
        return started.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
