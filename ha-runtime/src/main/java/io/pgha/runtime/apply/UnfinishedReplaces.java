package io.pgha.runtime.apply;

import io.pgha.runtime.apply.PlanStep.Kind;
import io.pgha.runtime.stack.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps that finish what an interrupted {@code pgha replace} left (docs/decisions/0069): a member whose container
 * it stopped, with its data volume whole and a partial copy beside it, is replaced again, first in any plan (every other
 * step waits for the whole cluster, which the stopped member keeps unhealthy). The partial copy is removed by that step
 * before it copies the data aside again. A member whose container still runs (the run was killed before it stopped it)
 * serves as before: no step, a {@code pgha replace} of it removes the copy. A member the desired spec removes is left to
 * its remove step.
 */
final class UnfinishedReplaces {

    private UnfinishedReplaces() {}

    static List<PlanStep> steps(RunningStack running, StackSpec desired) {
        List<String> members = running.members().stream()
                .map(RunningStack.Member::name)
                .sorted()
                .toList();
        String leader = running.leader().map(RunningStack.Member::name).orElse("pg-0");
        int kept = Math.min(running.spec().nodes(), desired.nodes());
        List<PlanStep> steps = new ArrayList<>();
        for (RunningStack.Unfinished u : running.unfinished().values()) {
            if (u.running() || index(u.member()) >= kept) {
                continue;
            }
            String from = ApplyPlanner.firstReplica(running, members, leader, u.member());
            boolean fromReplica = !from.equals(leader);
            steps.add(new PlanStep(
                    Kind.REPLACE_MEMBER,
                    u.member(),
                    "finish the replace that was interrupted: its container is stopped, its data whole in volume "
                            + u.member() + "-data; " + partialCopiesFirst(running, u.member())
                            + "the data copied aside again, container and volume removed, a new container with an"
                            + " empty volume cloned from " + from
                            + (fromReplica
                                    ? " (a replica: the primary serves no base backup)"
                                    : " (the primary: no other replica streams)")
                            + ", streaming again; the old data "
                            + (u.keepVolume()
                                    ? "kept in a volume whose name is printed (the interrupted replace asked for"
                                            + " --keep-volume)"
                                    : "deleted once the new one streams")
                            + "; " + ApplyPlanner.NO_OUTAGE,
                    from));
        }
        return steps;
    }

    /** Whether a finishing step keeps the old data: when any interrupted replace it finishes asked for it. */
    static boolean keepVolume(RunningStack running, List<PlanStep> finishing) {
        return finishing.stream()
                .map(s -> running.unfinished().get(s.target()))
                .anyMatch(u -> u != null && u.keepVolume());
    }

    /** "the partial copy X (left by an interrupted replace) removed first; ", or nothing when there is none. */
    static String partialCopiesFirst(RunningStack running, String member) {
        return Optional.ofNullable(running.unfinished().get(member))
                .filter(u -> !u.partialCopies().isEmpty())
                .map(u -> "the partial cop" + (u.partialCopies().size() == 1 ? "y " : "ies ")
                        + String.join(", ", u.partialCopies())
                        + " (left by an interrupted replace, not whole) removed first; ")
                .orElse("");
    }

    private static int index(String member) {
        return Integer.parseInt(member.substring("pg-".length()));
    }
}
