package io.pgha.runtime.apply;

import io.pgha.runtime.apply.PlanStep.Kind;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code pgha replace etcd-N} (docs/decisions/0057-etcd-members-through-the-member-api): one step that removes the member from etcd, removes
 * its container and volume, adds it again and starts a new container that copies the data from the leader. While it
 * runs the cluster has one member fewer answering, so it is refused unless every other member is healthy (one
 * more down would cost the quorum; a broken member that is the only one down is what replace is for), and on a
 * one-member etcd (nothing would be left to copy from).
 */
final class EtcdReplacement {

    private EtcdReplacement() {}

    static ApplyPlan plan(RunningStack running, String member) {
        StackSpec spec = running.spec();
        List<String> members = StackLayout.of(spec).etcdMembers();
        if (!members.contains(member)) {
            return ApplyPlanner.refused(
                    spec,
                    "stack " + spec.name() + " has no etcd member " + member + " (it has " + String.join(", ", members)
                            + ")");
        }
        int n = members.size();
        if (n == 1) {
            return ApplyPlanner.refused(
                    spec,
                    member + " is the only etcd member of stack " + spec.name() + ": a new, empty member would have no"
                            + " one to copy Patroni's store from. Grow etcd first (etcd_members: 3 in the spec, pgha"
                            + " apply)");
        }
        int down = n - running.etcdHealthy();
        boolean onlyTargetDown = down == 1 && onlyDown(running, members, member) && n - 1 >= ApplyPlanner.quorum(n);
        if (down > 0 && !onlyTargetDown) {
            // not knowing which member is down, count the one replaced as healthy: the worse case
            boolean targetUp = running.etcdHealth().isEmpty() || healthy(running, member);
            int left = running.etcdHealthy() - (targetUp ? 1 : 0);
            return ApplyPlanner.refused(
                    spec,
                    "replacing " + member + " while " + down + " of " + n + " etcd members "
                            + (down == 1 ? "is" : "are")
                            + " not healthy: with " + member + " out too, " + left + " of " + (n - 1) + " would answer"
                            + " for a quorum of " + ApplyPlanner.quorum(n - 1)
                            + (left < ApplyPlanner.quorum(n - 1)
                                    ? ", so etcd would lose it"
                                    : ", so one more failure while it copies the data would lose it")
                            + ". Bring every other etcd member back first (pgha status); a member that is itself the"
                            + " only one down can be replaced");
        }
        PlanStep step = new PlanStep(
                Kind.REPLACE_ETCD_MEMBER,
                member,
                "removed from etcd's members (quorum " + ApplyPlanner.quorum(n - 1) + " of the " + (n - 1)
                        + " left, all healthy"
                        + (onlyTargetDown ? "; " + member + " is down and the others hold the quorum" : "")
                        + "), its container and data volume removed, added again: a new container"
                        + " on an empty volume copies the data from the leader and the step ends once it is healthy"
                        + " and caught up; no write outage",
                "");
        return new ApplyPlan(spec.name(), spec, List.of(step), List.of(), Optional.empty(), false);
    }

    /** Whether {@code member} is the one member down (known only when the running stack knows each member's health). */
    private static boolean onlyDown(RunningStack running, List<String> members, String member) {
        if (running.etcdHealth().isEmpty()) {
            return false;
        }
        return members.stream().filter(m -> !healthy(running, m)).toList().equals(List.of(member));
    }

    private static boolean healthy(RunningStack running, String member) {
        return running.etcdHealth().getOrDefault(member, false);
    }
}
