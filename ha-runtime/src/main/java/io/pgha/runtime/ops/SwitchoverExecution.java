package io.pgha.runtime.ops;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.ops.OperationRequest.CancelSwitchover;
import io.pgha.runtime.ops.OperationRequest.Failover;
import io.pgha.runtime.ops.OperationRequest.Switchover;
import io.pgha.runtime.patroni.PatroniReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Switchover, failover and cancelling a scheduled switchover: Patroni's /switchover and /failover, confirmed
 * by the DCS naming the new leader and the member running on a new timeline.
 */
final class SwitchoverExecution {

    private SwitchoverExecution() {}

    static Done switchover(
            OperationContext ctx, Switchover r, OperationPlan plan, ClusterSnapshot before, Deadline deadline) {
        String leader = before.leader().orElseThrow();
        String target = plan.target();
        PatroniReply reply = ctx.actions(leader).switchover(leader, Optional.of(target), r.at());
        if (r.at().isPresent()) {
            OperationContext.accepted(reply, "scheduled switchover");
            ctx.await(
                    "the scheduled switchover in the DCS",
                    deadline,
                    () -> ctx.snapshot()
                            .scheduledSwitchover()
                            .filter(p -> p.to().map(target::equals).orElse(true)),
                    () -> "no failover key");
            return Done.scheduled("switchover from " + leader + " to " + target + " scheduled at " + r.at().get());
        }
        List<String> notes = new ArrayList<>();
        if (reply.status() == 503
                && reply.message().toLowerCase(java.util.Locale.ROOT).contains("status unknown")) {
            notes.add("Patroni did not see the outcome in its own 20 s: pgha kept watching");
        } else if (reply.ok() && reply.message().contains("instead of")) {
            throw new PghaException(PghaException.Kind.CONFLICT, "Patroni answered \"" + reply.message() + "\"");
        } else {
            OperationContext.accepted(reply, "switchover");
        }
        Member now = awaitLeader(ctx, target, MemberStates.timeline(before, leader), deadline);
        int timeline = now.timeline().orElse(0);
        try {
            ctx.await(
                    leader + " streaming from " + target,
                    deadline,
                    () -> Optional.of(ctx.snapshot())
                            .filter(s ->
                                    s.member(leader).map(Member::isStreaming).orElse(false)
                                            && MemberStates.timeline(s, leader) == timeline),
                    () -> MemberStates.describe(ctx.snapshot()));
            return Done.succeeded(
                    target + " is the leader now (timeline " + timeline + "); " + leader + " streams from it", notes);
        } catch (Done.NotConfirmed e) {
            notes.add(e.getMessage());
            return Done.succeeded(
                    target + " is the leader now (timeline " + timeline + "); " + leader
                            + " has not rejoined as a streaming replica yet",
                    notes);
        }
    }

    static Done failover(OperationContext ctx, Failover r, ClusterSnapshot before, Deadline deadline) {
        PatroniReply reply = ctx.actions(r.candidate()).failover(r.candidate());
        List<String> notes = new ArrayList<>();
        if (reply.status() == 503
                && reply.message().toLowerCase(java.util.Locale.ROOT).contains("status unknown")) {
            notes.add("Patroni did not see the outcome in its own 20 s: pgha kept watching");
        } else {
            OperationContext.accepted(reply, "failover");
        }
        int oldTimeline = before.members().stream()
                .mapToInt(m -> m.timeline().orElse(0))
                .max()
                .orElse(0);
        Member now = awaitLeader(ctx, r.candidate(), oldTimeline, deadline);
        return Done.succeeded(
                r.candidate() + " is the leader now (timeline " + now.timeline().orElse(0) + ")", notes);
    }

    static Done cancel(OperationContext ctx, CancelSwitchover r, Deadline deadline) {
        PatroniReply reply = ctx.onAnyMember(a -> a.cancelSwitchover());
        if (reply.status() == 404) {
            return Done.nothingToDo("no switchover is scheduled");
        }
        OperationContext.accepted(reply, "cancel of the scheduled switchover");
        ctx.await(
                "the failover key gone from the DCS",
                deadline,
                () -> Optional.of(ctx.snapshot())
                        .filter(s -> s.scheduledSwitchover().isEmpty()),
                () -> "a switchover still pending");
        return Done.succeeded("the scheduled switchover is cancelled", List.of());
    }

    /** The DCS names the target as leader, and it runs as a primary on a timeline after the old one. */
    private static Member awaitLeader(OperationContext ctx, String target, int oldTimeline, Deadline deadline) {
        return ctx.await(
                target + " leading on a new timeline",
                deadline,
                () -> Optional.of(ctx.snapshot())
                        .filter(s -> s.leader().map(target::equals).orElse(false))
                        .flatMap(s -> s.member(target))
                        .filter(m -> m.isRunning() && m.timeline().orElse(0) > oldTimeline),
                () -> MemberStates.describe(ctx.snapshot()));
    }
}
