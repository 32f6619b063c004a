package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.apply.ApplyPlanner;
import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code pgha apply} and {@code pgha scale} (docs/decisions/0029): the plan from the running stack and the desired spec
 * ({@link ApplyPlanner}), then its steps one after the other, each waiting until the stack is healthy again before the
 * next. A step that fails stops the plan; the steps not run are listed, and a second apply plans from what then runs.
 * This slice executes node-count changes; a plan with other steps is shown but not run.
 */
public final class ApplyStack {

    /** The steps this slice can run. */
    public static final Set<PlanStep.Kind> EXECUTABLE = EnumSet.of(PlanStep.Kind.ADD_NODE, PlanStep.Kind.REMOVE_NODE);

    private final StackProvisioner provisioner;

    public ApplyStack(StackProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    public ApplyPlan planApply(StackSpec desired) {
        return ApplyPlanner.plan(provisioner.running(desired.name()), desired);
    }

    public ApplyPlan planScale(String stack, int nodes) {
        return ApplyPlanner.scale(provisioner.running(stack), nodes);
    }

    /** The steps of {@code plan} this slice cannot run yet (empty: it can run the whole plan). */
    public static List<PlanStep> notExecutable(ApplyPlan plan) {
        return plan.steps().stream().filter(s -> !EXECUTABLE.contains(s.kind())).toList();
    }

    /**
     * Runs {@code plan}, printing a line when each step starts and ends; returns the spec the stack then runs. Refuses a
     * refused plan, and a plan with steps this slice cannot run, before changing anything.
     */
    public StackSpec run(ApplyPlan plan, boolean deleteVolumes, Consumer<String> progress) {
        if (plan.refused()) {
            throw PghaException.refused(String.join("; ", plan.refusals()));
        }
        List<PlanStep> unsupported = notExecutable(plan);
        if (!unsupported.isEmpty()) {
            throw PghaException.refused("this version of pgha runs node-count changes only; not yet: "
                    + String.join(
                            ", ", unsupported.stream().map(PlanStep::title).toList())
                    + ". Nothing was changed");
        }
        StackSpec current = provisioner.running(plan.stack()).spec();
        List<PlanStep> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep step = steps.get(i);
            String prefix = "[" + (i + 1) + "/" + steps.size() + "] ";
            progress.accept(prefix + step.describe());
            long start = System.nanoTime();
            try {
                current = runStep(
                        current, plan.desired(), step, deleteVolumes, line -> progress.accept(prefix + "  " + line));
            } catch (RuntimeException e) {
                List<String> rest = steps.subList(i, steps.size()).stream()
                        .map(PlanStep::title)
                        .toList();
                throw new PghaException(
                        e instanceof PghaException p ? p.kind() : PghaException.Kind.UNAVAILABLE,
                        "step " + (i + 1) + " (" + step.title() + ") failed: " + e.getMessage() + ". Not done: "
                                + String.join(", ", rest) + ". Run the same apply again to go on from what runs",
                        e);
            }
            progress.accept(prefix + "done in " + seconds(System.nanoTime() - start));
        }
        return current;
    }

    private StackSpec runStep(
            StackSpec current, StackSpec desired, PlanStep step, boolean deleteVolumes, Consumer<String> progress) {
        int index = Integer.parseInt(step.target().substring("pg-".length()));
        return switch (step.kind()) {
            case ADD_NODE -> {
                StackSpec grown = current.toBuilder().nodes(index + 1).build();
                progress.accept(provisioner.addMember(grown, step.target(), progress));
                yield grown;
            }
            case REMOVE_NODE -> {
                StackSpec shrunk = current.toBuilder().nodes(index).build();
                progress.accept(provisioner.removeMember(shrunk, step.target(), deleteVolumes, progress));
                yield shrunk;
            }
            default ->
                throw new IllegalStateException(
                        "not executable: " + step.kind() + " (desired " + desired.nodes() + " nodes)");
        };
    }

    private static String seconds(long nanos) {
        return String.format(
                java.util.Locale.ROOT, "%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }
}
