package io.pgha.runtime.apply;

import io.pgha.runtime.stack.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code pgha apply} would do: the steps in order, or why it refuses. A refused plan has no steps to run.
 *
 * @param stack    the stack's name
 * @param desired  the spec the stack runs once every step is done
 * @param steps    the steps, in order
 * @param refusals why the plan is refused (empty when it may run)
 * @param image    for {@code pgha upgrade}: the image the PostgreSQL containers are replaced by (the spec's image
 *                 profile names no single image); empty otherwise
 * @param keepVolume for {@code pgha replace}: keep the replaced member's old data volume (under another name)
 */
public record ApplyPlan(
        String stack,
        StackSpec desired,
        List<PlanStep> steps,
        List<String> refusals,
        Optional<String> image,
        boolean keepVolume) {

    public ApplyPlan {
        steps = List.copyOf(steps);
        refusals = List.copyOf(refusals);
    }

    public ApplyPlan(String stack, StackSpec desired, List<PlanStep> steps, List<String> refusals) {
        this(stack, desired, steps, refusals, Optional.empty(), false);
    }

    /** The same plan run with the removed members' data volumes deleted: its remove steps say so. */
    public ApplyPlan withVolumesDeleted() {
        List<PlanStep> deleting = steps.stream()
                .map(s -> s.kind() == PlanStep.Kind.REMOVE_NODE
                        ? new PlanStep(
                                s.kind(),
                                s.target(),
                                s.cost()
                                        .replace(
                                                "volume " + s.target() + "-data kept",
                                                "volume " + s.target() + "-data DELETED"),
                                s.from())
                        : s)
                .toList();
        return new ApplyPlan(stack, desired, deleting, refusals, image, keepVolume);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** Nothing to change: the stack already runs the desired spec. */
    public boolean empty() {
        return steps.isEmpty() && refusals.isEmpty();
    }

    /** The plan for a human: one numbered line per step, or the refusals. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (refused()) {
            refusals.forEach(r -> lines.add("refused: " + r));
            return lines;
        }
        if (steps.isEmpty()) {
            lines.add("stack " + stack + " already runs this spec: nothing to do");
            return lines;
        }
        for (int i = 0; i < steps.size(); i++) {
            lines.add((i + 1) + ". " + steps.get(i).describe());
        }
        return lines;
    }
}
