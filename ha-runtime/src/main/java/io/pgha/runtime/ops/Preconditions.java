package io.pgha.runtime.ops;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.ScheduledSwitchover;
import io.pgha.runtime.ops.OperationRequest.CancelSwitchover;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.ops.OperationRequest.Failover;
import io.pgha.runtime.ops.OperationRequest.Pause;
import io.pgha.runtime.ops.OperationRequest.Reinitialize;
import io.pgha.runtime.ops.OperationRequest.Restart;
import io.pgha.runtime.ops.OperationRequest.RestartKind;
import io.pgha.runtime.ops.OperationRequest.Resume;
import io.pgha.runtime.ops.OperationRequest.Switchover;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Plans a request against one snapshot: the target, whether it must be refused and why, and what the user
 * must be warned of. Nothing is sent; a pure function of the snapshot, the connection and the time.
 */
final class Preconditions {

    private Preconditions() {}

    static OperationPlan plan(OperationRequest request, ClusterSnapshot s, ClusterConnection c, Instant now) {
        if (s.members().isEmpty()) {
            return OperationPlan.refused(
                    request, "pgha cannot see the cluster's members right now (" + unavailableSources(s) + ")");
        }
        return switch (request) {
            case Switchover r -> switchover(r, s, c, now);
            case CancelSwitchover r ->
                s.scheduledSwitchover().isPresent()
                        ? OperationPlan.go(
                                r,
                                "cluster",
                                "cancel the switchover "
                                        + describe(s.scheduledSwitchover().get()),
                                List.of(),
                                false)
                        : OperationPlan.nothingToDo(r, "cluster", "no switchover is pending");
            case Failover r -> failover(r, s, c);
            case Restart r -> restart(r, s, c);
            case Reinitialize r -> reinitialize(r, s, c);
            case Pause r ->
                s.paused()
                        ? OperationPlan.nothingToDo(r, "cluster", "the cluster is already paused")
                        : OperationPlan.go(
                                r,
                                "cluster",
                                "pause the cluster (maintenance mode)",
                                List.of("Patroni stops failing over: a primary that dies stays dead until pgha resume"),
                                false);
            case Resume r ->
                s.paused()
                        ? OperationPlan.go(r, "cluster", "resume automatic failover", List.of(), false)
                        : OperationPlan.nothingToDo(r, "cluster", "the cluster is not paused");
            case ChangeConfig r -> config(r, s);
        };
    }

    private static OperationPlan switchover(Switchover r, ClusterSnapshot s, ClusterConnection c, Instant now) {
        Optional<String> common = pausedOrPending(s);
        if (common.isPresent()) {
            return OperationPlan.refused(r, common.get());
        }
        Optional<Member> leader = s.leaderMember().filter(Member::isRunning);
        if (leader.isEmpty()) {
            return OperationPlan.refused(
                    r,
                    "there is no running leader to hand over from"
                            + s.leader()
                                    .map(l -> " (" + l + " holds the leader key but is "
                                            + s.member(l).map(Member::state).orElse("gone") + ")")
                                    .orElse("")
                            + ": use failover to promote a replica");
        }
        if (r.expectedLeader().isPresent()
                && !r.expectedLeader().get().equals(leader.get().name())) {
            return OperationPlan.refused(
                    r,
                    "the leader changed: " + leader.get().name() + " leads now, not "
                            + r.expectedLeader().get());
        }
        if (r.at().isPresent() && !r.at().get().isAfter(now)) {
            return OperationPlan.refused(r, "the scheduled time " + r.at().get() + " is not in the future");
        }
        Member target;
        if (r.candidate().isPresent()) {
            Optional<Member> m = s.member(r.candidate().get());
            if (m.isEmpty()) {
                return OperationPlan.refused(r, absent(r.candidate().get(), s, c));
            }
            Optional<String> why = Candidates.whyNotForSwitchover(s, m.get());
            if (why.isPresent()) {
                return OperationPlan.refused(r, why.get());
            }
            target = m.get();
        } else {
            Optional<Member> best = Candidates.best(s);
            if (best.isEmpty()) {
                return OperationPlan.refused(
                        r, "no replica can take over: " + String.join("; ", Candidates.reasonsNoneCan(s)));
            }
            target = best.get();
        }
        List<String> warnings = new ArrayList<>();
        warnings.add("writes stop for a moment while " + leader.get().name() + " hands over to " + target.name()
                + "; open connections to " + leader.get().name() + " are closed");
        String when = r.at().map(t -> " at " + t).orElse("");
        return OperationPlan.go(
                r,
                target.name(),
                "switch over from " + leader.get().name() + " to " + target.name() + when,
                warnings,
                true);
    }

    private static OperationPlan failover(Failover r, ClusterSnapshot s, ClusterConnection c) {
        Optional<String> common = pausedOrPending(s);
        if (common.isPresent()) {
            return OperationPlan.refused(r, common.get());
        }
        Optional<Member> leader = s.leaderMember().filter(Member::isRunning);
        if (leader.isPresent()) {
            return OperationPlan.refused(
                    r, leader.get().name() + " leads and is running: use switchover for a planned change of leader");
        }
        Optional<Member> m = s.member(r.candidate());
        if (m.isEmpty()) {
            return OperationPlan.refused(r, absent(r.candidate(), s, c));
        }
        Optional<String> why = Candidates.whyNotForFailover(s, m.get());
        if (why.isPresent()) {
            return OperationPlan.refused(r, why.get());
        }
        List<String> warnings = new ArrayList<>();
        if (!s.sync().enabled()) {
            warnings.add(
                    "without synchronous replication, transactions the old leader acknowledged but had not sent to "
                            + r.candidate() + " are lost");
        }
        return OperationPlan.go(
                r, r.candidate(), "promote " + r.candidate() + " (there is no healthy leader)", warnings, false);
    }

    private static OperationPlan restart(Restart r, ClusterSnapshot s, ClusterConnection c) {
        Optional<Member> m = s.member(r.member());
        boolean container = r.kind() == RestartKind.CONTAINER;
        if (container && r.onlyIfPendingRestart()) {
            return OperationPlan.refused(
                    r, "only a PostgreSQL restart can be limited to a pending restart, not a container restart");
        }
        if (container && (c.dockerStack().isEmpty() || s.containerOf(r.member()).isEmpty())) {
            return OperationPlan.refused(
                    r,
                    "pgha sees no container named " + r.member() + " on the local Docker engine"
                            + (c.dockerStack().isEmpty() ? " (the cluster does not run on it)" : "")
                            + ": restart PostgreSQL through Patroni instead");
        }
        if (!container && m.isEmpty()) {
            return OperationPlan.refused(r, absent(r.member(), s, c));
        }
        if (r.onlyIfPendingRestart() && !m.get().pendingRestart()) {
            return OperationPlan.nothingToDo(r, r.member(), r.member() + " has no pending restart");
        }
        boolean leader = s.leader().map(r.member()::equals).orElse(false);
        String what = container ? "restart the container of " + r.member() : "restart PostgreSQL on " + r.member();
        if (!leader) {
            return OperationPlan.go(
                    r, r.member(), what, List.of(r.member() + " serves no reads until it streams again"), false);
        }
        String warning = container
                ? r.member()
                        + " is the leader: stopping its container hands the leadership to a replica (a failover), and writes stop until the new leader takes over"
                : r.member()
                        + " is the leader: writes stop while its PostgreSQL restarts, and a replica takes over (a failover) if it is not back in time";
        return OperationPlan.go(r, r.member(), what, List.of(warning), true);
    }

    private static OperationPlan reinitialize(Reinitialize r, ClusterSnapshot s, ClusterConnection c) {
        Optional<Member> m = s.member(r.member());
        if (m.isEmpty()) {
            return OperationPlan.refused(r, absent(r.member(), s, c));
        }
        if (s.leader().map(r.member()::equals).orElse(false)) {
            return OperationPlan.refused(
                    r,
                    r.member() + " is the leader: only a replica can be reinitialised (it is cloned from the leader)");
        }
        if (s.leaderMember().filter(Member::isRunning).isEmpty()) {
            return OperationPlan.refused(r, "there is no running leader to clone " + r.member() + " from");
        }
        return OperationPlan.go(
                r,
                r.member(),
                "reinitialise " + r.member() + " from the leader " + s.leader().get(),
                List.of(r.member() + "'s data directory is deleted and cloned again from "
                        + s.leader().get() + "; it serves no reads until it streams again"),
                false);
    }

    private static OperationPlan config(ChangeConfig r, ClusterSnapshot s) {
        ConfigPlan plan = DynamicConfigRules.preview(s.dynamicConfig(), r.changes());
        if (!plan.valid()) {
            return OperationPlan.refused(r, String.join("; ", plan.problems()));
        }
        if (plan.changes().isEmpty()) {
            return OperationPlan.nothingToDo(r, "cluster", "the configuration already has these values");
        }
        List<String> warnings = new ArrayList<>();
        if (!plan.restartNeeded().isEmpty()) {
            warnings.add(String.join(", ", plan.restartNeeded()) + " take"
                    + (plan.restartNeeded().size() == 1 ? "s" : "")
                    + " effect only after a restart: the members will show \"pending restart\"");
        }
        List<ConfigWeakening.Weakening> weakenings = plan.weakenings();
        weakenings.forEach(w -> warnings.add(w.describe()));
        List<String> keys = plan.changes().stream().map(ConfigPlan.Change::key).toList();
        return OperationPlan.go(r, "cluster", "change " + String.join(", ", keys), warnings, !weakenings.isEmpty());
    }

    private static Optional<String> pausedOrPending(ClusterSnapshot s) {
        if (s.paused()) {
            return Optional.of("the cluster is paused (maintenance mode): resume it first with pgha resume");
        }
        return s.scheduledSwitchover()
                .map(p -> "a switchover is already pending (" + describe(p)
                        + "): wait for it, or cancel it with pgha switchover --cancel");
    }

    private static String describe(ScheduledSwitchover p) {
        return p.from().orElse("leader") + " → " + p.to().orElse("any")
                + p.at().map(t -> " at " + t).orElse("");
    }

    /** Why a named member is not in the snapshot: unknown altogether, or known but not running. */
    static String absent(String name, ClusterSnapshot s, ClusterConnection c) {
        Optional<ContainerInfo> container = s.containerOf(name);
        if (container.isPresent() && !container.get().running()) {
            return name + " is not running (its container is " + container.get().state() + ")";
        }
        if (container.isPresent() || c.patroniUrls().containsKey(name)) {
            return name + " is not running: no Patroni member of that name is registered in the cluster";
        }
        TreeSet<String> names = new TreeSet<>(c.patroniUrls().keySet());
        s.members().forEach(m -> names.add(m.name()));
        return "unknown member '" + name + "': the members are " + String.join(", ", names);
    }

    private static String unavailableSources(ClusterSnapshot s) {
        List<String> reasons = s.sources().stream()
                .filter(x -> !x.available())
                .map(x -> x.source() + ": " + x.reason().orElse("no answer"))
                .toList();
        return reasons.isEmpty() ? "no source answered yet" : String.join("; ", reasons);
    }
}
