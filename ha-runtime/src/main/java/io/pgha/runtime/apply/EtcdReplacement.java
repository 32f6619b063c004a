package io.pgha.runtime.apply;

import io.pgha.runtime.apply.PlanStep.Kind;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code pgha replace etcd-N} (docs/decisions/0057-etcd-members-through-the-member-api): one step that removes the member from etcd, removes
 * its container and volume, adds it again and starts a new container that copies the data from the leader. While it
 * runs the cluster has one member fewer answering, so it is refused unless every member is healthy (one more down
 * would cost the quorum), and on a one-member etcd (nothing would be left to copy from).
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
        if (down > 0) {
            int left = running.etcdHealthy() - 1;
            return ApplyPlanner.refused(
                    spec,
                    "replacing " + member + " while " + down + " of " + n + " etcd members "
                            + (down == 1 ? "is" : "are")
                            + " not healthy: with " + member + " out too, " + left + " of " + (n - 1) + " would answer"
                            + " for a quorum of " + ApplyPlanner.quorum(n - 1)
                            + (left < ApplyPlanner.quorum(n - 1)
                                    ? ", so etcd would lose it"
                                    : ", so one more failure while it copies the data would lose it")
                            + ". Bring every etcd member back first (pgha status)");
        }
        PlanStep step = new PlanStep(
                Kind.REPLACE_ETCD_MEMBER,
                member,
                "removed from etcd's members (quorum " + ApplyPlanner.quorum(n - 1) + " of the " + (n - 1)
                        + " left, all healthy), its container and data volume removed, added again: a new container"
                        + " on an empty volume copies the data from the leader and the step ends once it is healthy"
                        + " and caught up; no write outage",
                "");
        return new ApplyPlan(spec.name(), spec, List.of(step), List.of(), Optional.empty(), false);
    }
}
