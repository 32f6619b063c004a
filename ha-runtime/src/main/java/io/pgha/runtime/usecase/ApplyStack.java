package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.apply.ApplyPlanner;
import io.pgha.runtime.apply.ParameterChanges;
import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.ops.AuditEntry;
import io.pgha.runtime.ops.AuditJournal;
import io.pgha.runtime.ops.OperationResult.Outcome;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code pgha apply}, {@code pgha scale}, {@code pgha upgrade} and {@code pgha replace} (docs/decisions/0029, 0033,
 * 0037): the plan from the running stack and the
 * desired spec ({@link ApplyPlanner}), then its steps one after the other, each waiting until the stack is healthy
 * again before the next. A step that fails stops the plan; the steps not run are listed, and a second apply plans from
 * what then runs. Node counts, parameters (a reload, or a rolling restart driven by Patroni's pending-restart flags)
 * switchovers, synchronous settings, container replacements of a named image (upgrade), members cloned again
 * (replace) and etcd members added, removed or replaced one at a time through etcd's member API (docs/decisions/0057:
 * each waits until every etcd member is healthy and the new one has caught up, and Patroni is healthy, before the next)
 * run; image profiles are shown but not run yet. Every step is written to the cluster's audit journal: node and etcd
 * steps here, parameter changes, restarts and switchovers by the operations they go through.
 */
public final class ApplyStack implements AutoCloseable {

    /** The steps this version can run. */
    public static final Set<PlanStep.Kind> EXECUTABLE = EnumSet.of(
            PlanStep.Kind.SYNCHRONOUS_SETTINGS,
            PlanStep.Kind.ADD_NODE,
            PlanStep.Kind.REMOVE_NODE,
            PlanStep.Kind.RELOAD_PARAMETERS,
            PlanStep.Kind.SET_PARAMETERS,
            PlanStep.Kind.RESTART,
            PlanStep.Kind.SWITCHOVER,
            PlanStep.Kind.REPLACE_CONTAINER,
            PlanStep.Kind.REPLACE_MEMBER,
            PlanStep.Kind.ADD_ETCD_MEMBER,
            PlanStep.Kind.REMOVE_ETCD_MEMBER,
            PlanStep.Kind.REPLACE_ETCD_MEMBER);

    private final StackProvisioner provisioner;
    private final Function<String, StackOperations> opener;
    private StackOperations operations;

    public ApplyStack(StackProvisioner provisioner) {
        this(provisioner, StackOperations::open);
    }

    ApplyStack(StackProvisioner provisioner, Function<String, StackOperations> opener) {
        this.provisioner = provisioner;
        this.opener = opener;
    }

    public ApplyPlan planApply(StackSpec desired) {
        return ApplyPlanner.plan(provisioner.running(desired.name()), desired);
    }

    /**
     * {@code pgha apply} of a spec given as YAML text (the console's editor): a text that is not a spec is refused as
     * INVALID_INPUT with the parse error (and its line when the YAML itself is broken), before the stack is read.
     */
    public ApplyPlan planApply(String specYaml) {
        return planApply(StackSpecFile.parse(specYaml).build());
    }

    /** The spec stack {@code stack} runs now, as {@code pgha apply} compares a desired spec with it. */
    public StackSpec runningSpec(String stack) {
        return provisioner.running(stack).spec();
    }

    public ApplyPlan planScale(String stack, int nodes) {
        return ApplyPlanner.scale(provisioner.running(stack), nodes);
    }

    /** {@code pgha upgrade --image REF}: the PostgreSQL containers replaced by ones of {@code image}, volumes kept. */
    public ApplyPlan planUpgrade(String stack, String image) {
        boolean present = image != null && !image.isBlank() && provisioner.imagePresent(image);
        return ApplyPlanner.upgrade(provisioner.running(stack), image, present);
    }

    /** {@code pgha replace NODE}: a new container and volume for {@code node}, cloned again from a replica. */
    public ApplyPlan planReplace(String stack, String node, boolean keepVolume) {
        ApplyPlanner.requireVolumeChoice(node, keepVolume);
        return ApplyPlanner.replace(provisioner.running(stack), node, keepVolume);
    }

    /**
     * The steps of {@code plan} this version cannot run yet (empty: it can run the whole plan). A container replacement
     * runs when the plan names its image (pgha upgrade); an image profile changed in a spec is not run yet.
     */
    public static List<PlanStep> notExecutable(ApplyPlan plan) {
        return plan.steps().stream()
                .filter(s -> !EXECUTABLE.contains(s.kind())
                        || (s.kind() == PlanStep.Kind.REPLACE_CONTAINER
                                && plan.image().isEmpty()))
                .toList();
    }

    /**
     * Runs {@code plan}, printing a line when each step starts and ends; returns the spec the stack then runs. Refuses a
     * refused plan, and a plan with steps this version cannot run, before changing anything.
     */
    public StackSpec run(ApplyPlan plan, boolean deleteVolumes, Consumer<String> progress) {
        return run(plan, deleteVolumes, PlanProgress.lines(progress));
    }

    /**
     * Runs {@code plan} as {@link #run(ApplyPlan, boolean, Consumer)} does, reporting each step's start, lines, end or
     * failure to {@code progress} (the console's steps view).
     */
    public StackSpec run(ApplyPlan plan, boolean deleteVolumes, PlanProgress progress) {
        if (plan.refused()) {
            throw PghaException.refused(String.join("; ", plan.refusals()));
        }
        List<PlanStep> unsupported = notExecutable(plan);
        if (!unsupported.isEmpty()) {
            throw PghaException.refused(
                    "this version of pgha runs node-count, parameter, upgrade, replace and etcd member steps; not yet: "
                            + String.join(
                                    ", ",
                                    unsupported.stream().map(PlanStep::title).toList())
                            + ". Nothing was changed");
        }
        RunningStack running = provisioner.running(plan.stack());
        StackSpec current = running.spec();
        Map<String, Optional<String>> parameters =
                ParameterChanges.changed(running, plan.desired().postgresParameters());
        RollingSteps rolling = new RollingSteps(provisioner, plan.stack(), () -> operations(plan.stack()));
        List<PlanStep> steps = plan.steps();
        int total = steps.size();
        for (int i = 0; i < total; i++) {
            PlanStep step = steps.get(i);
            int index = i;
            progress.started(index, total, step);
            long start = System.nanoTime();
            Consumer<String> lines = line -> progress.line(index, total, line);
            try {
                current = switch (step.kind()) {
                    case ADD_NODE, REMOVE_NODE ->
                        nodeStep(current, step, running.postgresImage(), deleteVolumes, lines);
                    case RELOAD_PARAMETERS, SET_PARAMETERS -> {
                        lines.accept(rolling.setParameters(
                                parameters,
                                running.parameterContexts(),
                                step.kind() == PlanStep.Kind.SET_PARAMETERS,
                                lines));
                        yield current.toBuilder()
                                .postgresParameters(plan.desired().postgresParameters())
                                .build();
                    }
                    case SYNCHRONOUS_SETTINGS -> {
                        lines.accept(rolling.synchronousSettings(plan.desired().patroni(), lines));
                        yield current.toBuilder()
                                .patroni(plan.desired().patroni())
                                .build();
                    }
                    case RESTART -> {
                        lines.accept(rolling.restart(step.target(), lines));
                        yield current;
                    }
                    case SWITCHOVER -> {
                        lines.accept(rolling.switchover(step.from(), step.target(), lines));
                        yield current;
                    }
                    case REPLACE_CONTAINER, REPLACE_MEMBER -> {
                        // the member replaced may be the broken one: only the others must be healthy
                        lines.accept(rolling.awaitHealthyBut(
                                "healthy before replacing " + step.target() + " (but " + step.target() + ")",
                                Optional.of(step.target())));
                        lines.accept(replaceStep(current, plan, step, lines));
                        lines.accept(rolling.awaitBack(step.target(), current.patroni()));
                        yield current;
                    }
                    case ADD_ETCD_MEMBER, REMOVE_ETCD_MEMBER, REPLACE_ETCD_MEMBER -> {
                        lines.accept(rolling.awaitHealthy("healthy before changing " + step.target()));
                        lines.accept(etcdStep(current, plan, step, lines));
                        lines.accept(rolling.awaitHealthy("healthy after changing " + step.target()));
                        yield EtcdSteps.after(current, step);
                    }
                    default -> throw new IllegalStateException("not executable: " + step.kind());
                };
            } catch (RuntimeException e) {
                List<PlanStep> notDone = steps.subList(i, total);
                progress.failed(i, total, String.valueOf(e.getMessage()), notDone);
                List<String> rest = notDone.stream().map(PlanStep::title).toList();
                throw new PghaException(
                        e instanceof PghaException p ? p.kind() : PghaException.Kind.UNAVAILABLE,
                        "step " + (i + 1) + " (" + step.title() + ") failed: " + e.getMessage() + ". Not done: "
                                + String.join(", ", rest) + ". Run the same apply again to go on from what runs",
                        e);
            }
            progress.done(i, total, Duration.ofNanos(System.nanoTime() - start));
        }
        if (steps.stream().anyMatch(s -> s.kind() == PlanStep.Kind.RESTART)) {
            progress.line(-1, total, "every member: " + rolling.awaitRunning(parameters, running.parameterContexts()));
        }
        return current;
    }

    private StackSpec nodeStep(
            StackSpec current,
            PlanStep step,
            Optional<String> image,
            boolean deleteVolumes,
            Consumer<String> progress) {
        int index = Integer.parseInt(step.target().substring("pg-".length()));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        boolean add = step.kind() == PlanStep.Kind.ADD_NODE;
        try {
            // an add that finishes an interrupted one leaves the count as it is
            StackSpec next = current.toBuilder()
                    .nodes(add ? Math.max(current.nodes(), index + 1) : index)
                    .build();
            String outcome = add
                    ? provisioner.addMember(next, step.target(), image, progress)
                    : provisioner.removeMember(next, step.target(), deleteVolumes, progress);
            progress.accept(outcome);
            audit(current.name(), step, started, t0, Outcome.SUCCEEDED, outcome);
            return next;
        } catch (RuntimeException e) {
            audit(current.name(), step, started, t0, Outcome.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private String replaceStep(StackSpec current, ApplyPlan plan, PlanStep step, Consumer<String> progress) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try {
            String outcome = step.kind() == PlanStep.Kind.REPLACE_CONTAINER
                    ? provisioner.replaceContainer(
                            current, step.target(), plan.image().orElseThrow(), progress)
                    : provisioner.replaceMember(current, step.target(), plan.keepVolume(), progress);
            audit(current.name(), step, started, t0, Outcome.SUCCEEDED, outcome, plan.image());
            return outcome;
        } catch (RuntimeException e) {
            audit(current.name(), step, started, t0, Outcome.FAILED, String.valueOf(e.getMessage()), plan.image());
            throw e;
        }
    }

    /** One etcd membership change, audited like the node steps. */
    private String etcdStep(StackSpec current, ApplyPlan plan, PlanStep step, Consumer<String> progress) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try {
            String outcome = switch (step.kind()) {
                case ADD_ETCD_MEMBER ->
                    provisioner.addEtcdMember(
                            current.toBuilder()
                                    .etcdMembers(plan.desired().etcdMembers())
                                    .build(),
                            step.target(),
                            progress);
                case REMOVE_ETCD_MEMBER -> provisioner.removeEtcdMember(current, step.target(), progress);
                default -> provisioner.replaceEtcdMember(current, step.target(), progress);
            };
            audit(current.name(), step, started, t0, Outcome.SUCCEEDED, outcome);
            return outcome;
        } catch (RuntimeException e) {
            audit(current.name(), step, started, t0, Outcome.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private static void audit(String stack, PlanStep step, Instant started, long t0, Outcome outcome, String message) {
        audit(stack, step, started, t0, outcome, message, Optional.empty());
    }

    /**
     * Node and replacement steps go to the audit journal here; parameter steps are audited by the operations they go
     * through.
     */
    private static void audit(
            String stack,
            PlanStep step,
            Instant started,
            long t0,
            Outcome outcome,
            String message,
            Optional<String> image) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (!step.from().isEmpty()) {
            parameters.put(step.kind() == PlanStep.Kind.REPLACE_CONTAINER ? "role" : "from", step.from());
        }
        image.ifPresent(i -> parameters.put("image", i));
        try {
            new AuditJournal(ConfigDirs.cluster(stack))
                    .append(new AuditEntry(
                            started,
                            System.getProperty("user.name", "unknown"),
                            stack,
                            operation(step.kind()),
                            step.target(),
                            parameters,
                            outcome,
                            message,
                            List.of(step.cost()),
                            Duration.ofNanos(System.nanoTime() - t0).toMillis()));
        } catch (PghaException e) {
            // the journal is a record, not a precondition: the step has happened
        }
    }

    private static String operation(PlanStep.Kind kind) {
        return switch (kind) {
            case ADD_NODE -> "add-node";
            case REMOVE_NODE -> "remove-node";
            case REPLACE_CONTAINER -> "upgrade-node";
            case REPLACE_MEMBER -> "replace-node";
            case ADD_ETCD_MEMBER -> "add-etcd-member";
            case REMOVE_ETCD_MEMBER -> "remove-etcd-member";
            case REPLACE_ETCD_MEMBER -> "replace-etcd-member";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private StackOperations operations(String stack) {
        if (operations == null) {
            operations = opener.apply(stack);
        }
        return operations;
    }

    @Override
    public void close() {
        if (operations != null) {
            operations.close();
            operations = null;
        }
    }
}
