package io.pgha.runtime.ops;

import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.ops.OperationRequest.Reinitialize;
import io.pgha.runtime.ops.OperationRequest.Restart;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniReply;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Restarting a member's PostgreSQL (Patroni's /restart) or container (Docker: stop within the grace period,
 * start), and reinitialising a replica (Patroni's /reinitialize): confirmed by a postmaster that started after
 * the request (and a container that did) and a member that serves again (a running leader or a streaming
 * replica), in its own answer and in the cluster's view.
 */
final class RestartExecution {

    private RestartExecution() {}

    static Done postgres(OperationContext ctx, Restart r, Deadline deadline) {
        String member = r.member();
        Optional<Instant> before = ctx.node(member).flatMap(PatroniNode::postmasterStartTime);
        PatroniReply reply = ctx.actions(member).restart(r.onlyIfPendingRestart());
        if (r.onlyIfPendingRestart()
                && reply.status() == 503
                && reply.message().toLowerCase(Locale.ROOT).contains("not satisfied")) {
            return Done.nothingToDo(member + " has no pending restart any more");
        }
        OperationContext.accepted(reply, "restart");
        PatroniNode after = awaitServing(ctx, member, before, deadline);
        return Done.succeeded(
                member + "'s PostgreSQL restarted at "
                        + after.postmasterStartTime().orElseThrow() + " and "
                        + (after.role().isLeader() ? "leads" : "streams") + " again",
                List.of());
    }

    static Done container(OperationContext ctx, Restart r, Deadline deadline) {
        String member = r.member();
        Optional<ContainerInfo> current = ctx.snapshot().containerOf(member);
        String name = current.map(ContainerInfo::name).orElse(member);
        Instant before = current.flatMap(ContainerInfo::startedAt).orElse(Instant.EPOCH);
        DockerEngine docker = ctx.backends().docker();
        docker.stop(name, ctx.settings().containerStopGrace());
        docker.start(name);
        ContainerInfo started = ctx.await(
                "container " + member + " running again",
                deadline,
                () -> ctx.snapshot()
                        .containerOf(member)
                        .filter(c -> c.running()
                                && c.startedAt().map(before::isBefore).orElse(false)),
                () -> ctx.snapshot()
                        .containerOf(member)
                        .map(c -> c.state() + " since "
                                + c.startedAt().map(Instant::toString).orElse("?"))
                        .orElse("no container in the cluster's view"));
        // The postmaster starts after the container: one second of slack for the clocks' rounding.
        Optional<Instant> containerStart = started.startedAt().map(t -> t.minusSeconds(1));
        PatroniNode after = awaitServing(ctx, member, containerStart, deadline);
        ctx.await(
                "a running leader",
                deadline,
                () -> ctx.snapshot().leaderMember().filter(m -> m.isRunning()),
                () -> MemberStates.describe(ctx.snapshot()));
        return Done.succeeded(
                "container " + member + " restarted; " + member + " "
                        + (after.role().isLeader() ? "leads" : "streams") + " again (leader: "
                        + ctx.snapshot().leader().orElse("none") + ")",
                List.of());
    }

    static Done reinitialize(OperationContext ctx, Reinitialize r, ClusterSnapshot before, Deadline deadline) {
        String member = r.member();
        Optional<Instant> started = ctx.node(member).flatMap(PatroniNode::postmasterStartTime);
        OperationContext.accepted(ctx.actions(member).reinitialize(), "reinitialize");
        PatroniNode after = awaitServing(ctx, member, started, deadline);
        return Done.succeeded(
                member + " was cloned again from " + before.leader().orElse("the leader")
                        + " and streams (PostgreSQL started "
                        + after.postmasterStartTime().orElseThrow() + ")",
                List.of());
    }

    /** The member's postmaster started after the moment, it serves in its own eyes, and the cluster's view agrees. */
    private static PatroniNode awaitServing(
            OperationContext ctx, String member, Optional<Instant> since, Deadline deadline) {
        PatroniNode node = ctx.await(
                member + " serving with a new postmaster",
                deadline,
                () -> ctx.node(member).filter(n -> MemberStates.startedSince(n, since) && MemberStates.serving(n)),
                () -> MemberStates.describe(ctx.node(member)));
        ctx.await(
                member + " serving in the cluster's view",
                deadline,
                () -> Optional.of(ctx.snapshot()).filter(s -> MemberStates.serving(s, member)),
                () -> MemberStates.describe(ctx.snapshot()));
        return node;
    }
}
