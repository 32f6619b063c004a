package io.pgha.runtime.ops;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.patroni.PatroniReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pause, resume and configuration changes: Patroni's PATCH /config, confirmed by the DCS config key, and
 * for synchronous mode and restart-only parameters by what the members show next.
 */
final class ClusterWideExecution {

    /** How long a configuration change waits for the members to flag a pending restart, at most. */
    private static final java.time.Duration PENDING_RESTART_WAIT = java.time.Duration.ofSeconds(15);

    private ClusterWideExecution() {}

    static Done pause(OperationContext ctx, boolean pause, Deadline deadline) {
        PatroniReply reply = ctx.onAnyMember(a -> a.patchConfig(Map.of("pause", pause)));
        OperationContext.accepted(reply, pause ? "pause" : "resume");
        ctx.await(
                pause ? "the cluster paused" : "the cluster resumed",
                deadline,
                () -> Optional.of(ctx.snapshot()).filter(s -> s.paused() == pause),
                () -> ctx.snapshot().paused() ? "paused" : "not paused");
        return Done.succeeded(
                pause
                        ? "the cluster is paused: Patroni does not fail over until pgha resume"
                        : "the cluster is resumed: Patroni fails over automatically again",
                List.of());
    }

    static Done config(OperationContext ctx, ChangeConfig r, ClusterSnapshot before, Deadline deadline) {
        ConfigPlan plan = DynamicConfigRules.preview(before.dynamicConfig(), r.changes());
        OperationContext.accepted(ctx.onAnyMember(a -> a.patchConfig(plan.patch())), "configuration change");
        ctx.await(
                "the new configuration in the DCS",
                deadline,
                () -> Optional.of(ctx.snapshot())
                        .filter(s -> applied(plan, DynamicConfigRules.flatten(s.dynamicConfig()))),
                () -> "config " + DynamicConfigRules.flatten(ctx.snapshot().dynamicConfig()));
        List<String> notes = new ArrayList<>();
        String changed = plan.changes().stream()
                .map(c -> c.key() + " " + c.before().orElse("(unset)") + " → "
                        + c.after().orElse("(unset)"))
                .collect(Collectors.joining(", "));
        plan.changes().stream()
                .filter(c -> c.key().equals("synchronous_mode"))
                .findFirst()
                .ifPresent(c -> notes.add(synchronousOutcome(ctx, c.after().orElse("false"), deadline)));
        if (!plan.restartNeeded().isEmpty()) {
            notes.add(pendingRestartOutcome(ctx, plan, deadline));
        }
        return Done.succeeded("configuration changed: " + changed, notes);
    }

    private static boolean applied(ConfigPlan plan, Map<String, String> now) {
        return plan.changes().stream()
                .allMatch(c -> Optional.ofNullable(now.get(c.key())).equals(c.after()));
    }

    /** Synchronous mode on: a replica becomes a synchronous (or quorum) standby; off: none is. */
    private static String synchronousOutcome(OperationContext ctx, String mode, Deadline deadline) {
        boolean on = !mode.equals("false");
        try {
            ClusterSnapshot s = ctx.await(
                    on ? "a synchronous standby" : "no synchronous standby",
                    deadline,
                    () -> Optional.of(ctx.snapshot())
                            .filter(x -> on == !syncStandbys(x).isEmpty()),
                    () -> MemberStates.describe(ctx.snapshot()) + ", sync "
                            + ctx.snapshot().sync());
            return on
                    ? String.join(", ", syncStandbys(s)) + (syncStandbys(s).size() == 1 ? " is" : " are")
                            + " synchronous now"
                    : "no member is a synchronous standby now";
        } catch (Done.NotConfirmed e) {
            return e.getMessage();
        }
    }

    private static List<String> syncStandbys(ClusterSnapshot s) {
        return s.members().stream()
                .filter(m -> m.role() == Role.SYNC_STANDBY || m.role() == Role.QUORUM_STANDBY)
                .filter(Member::isStreaming)
                .map(Member::name)
                .toList();
    }

    private static String pendingRestartOutcome(OperationContext ctx, ConfigPlan plan, Deadline deadline) {
        try {
            ClusterSnapshot s = ctx.await(
                    "pending restart on the members",
                    deadline.atMost(ctx.now(), PENDING_RESTART_WAIT),
                    () -> Optional.of(ctx.snapshot())
                            .filter(x -> x.members().stream()
                                    .filter(Member::isRunning)
                                    .allMatch(Member::pendingRestart)),
                    () -> "pending restart on "
                            + ctx.snapshot().members().stream()
                                    .filter(Member::pendingRestart)
                                    .map(Member::name)
                                    .toList());
            return String.join(", ", plan.restartNeeded()) + " need"
                    + (plan.restartNeeded().size() == 1 ? "s" : "")
                    + " a restart: pending on "
                    + s.members().stream()
                            .filter(Member::pendingRestart)
                            .map(Member::name)
                            .collect(Collectors.joining(", "))
                    + "; restart the replicas, then the leader, with pgha restart NODE --pending-only";
        } catch (Done.NotConfirmed e) {
            return String.join(", ", plan.restartNeeded()) + " need a restart, but the members do not show it yet: "
                    + e.getMessage();
        }
    }
}
