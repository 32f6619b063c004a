package io.pgha.runtime.supervisor;

import io.pgha.runtime.supervisor.SupervisorAction.AskHolderThroughEngine;
import io.pgha.runtime.supervisor.SupervisorAction.DeleteLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.Log;
import io.pgha.runtime.supervisor.SupervisorAction.ReadHolderRenewal;
import io.pgha.runtime.supervisor.SupervisorDecisions.Decision;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderAnswered;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderRenewalRead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fencing a cut-off primary once it has demoted itself, before its key's TTL (docs/decisions/0073-fence-a-demoted-holder).
 * On every heartbeat the leading supervisor reads how long the key's holder has left its lease unrenewed; past
 * {@link SupervisorState.Policy#holderStaleAfter()} it asks the holder itself, through its engine, whether its PostgreSQL
 * still accepts writes. Only when it says it cannot (in recovery, or no postmaster) and the lease is still unrenewed
 * afterwards is the key deleted, on the revision it was read at and on this supervisor's tenure: a demoted holder cannot
 * write again without renewing its lease or taking the key anew, and a renewal before the delete makes the supervisor
 * leave it. Anything unsure (an exec that fails or hangs, a paused container, a lease not read) leaves it to the TTL.
 */
final class DemotedHolderDecisions {

    private DemotedHolderDecisions() {}

    /** On the heartbeat: a member holds the key, fencing is on and it is not already known gone: look at its lease. */
    static List<SupervisorAction> onHeartbeat(SupervisorState state) {
        if (!state.policy().fence() || !state.caughtUp() || state.leader().isEmpty()) {
            return List.of();
        }
        if (state.gone().contains(state.leader().get())) {
            return List.of();
        }
        return List.of(new ReadHolderRenewal(Optional.empty()));
    }

    /**
     * How much older than the question the last renewal must be, beyond the time since the question: etcd gives a
     * lease's remaining TTL in whole seconds, so "unrenewed for" is off by up to a second either way.
     */
    static final Duration ROUNDING = Duration.ofSeconds(2);

    static Decision renewalRead(SupervisorState state, HolderRenewalRead read, Instant now) {
        Optional<String> holder = read.key().member();
        if (!state.policy().fence() || holder.isEmpty() || read.unrenewedFor().isEmpty()) {
            return new Decision(state, List.of());
        }
        String member = holder.get();
        Duration unrenewed = read.unrenewedFor().get();
        boolean stale = unrenewed.compareTo(state.policy().holderStaleAfter()) > 0;
        if (read.after().isEmpty()) {
            if (!stale) {
                return new Decision(state, List.of());
            }
            return new Decision(
                    state,
                    List.of(
                            Log.info(member + " has not renewed the leader key's lease for " + seconds(unrenewed)
                                    + "; asking it through its engine whether it still accepts writes"),
                            new AskHolderThroughEngine(member, read.key().modRevision(), now)));
        }
        HolderAnswered answer = read.after().get();
        boolean sameTenure = answer.member().equals(member)
                && answer.modRevision() == read.key().modRevision();
        if (!sameTenure) {
            return new Decision(
                    state,
                    List.of(Log.info("the leader key moved while " + answer.member() + " was asked; leaving it")));
        }
        // the last renewal must come before the question: unrenewed for longer than the time since it was put
        boolean unrenewedSinceAsked =
                unrenewed.compareTo(Duration.between(answer.askedAt(), now).plus(ROUNDING)) >= 0;
        if (!stale || !unrenewedSinceAsked) {
            return new Decision(
                    state,
                    List.of(Log.info(member + " renewed the leader key's lease after it said it cannot write ("
                            + answer.writes().detail() + "); leaving it")));
        }
        return new Decision(
                state,
                List.of(
                        Log.warn("fencing " + member + ": cut off from etcd (lease unrenewed for "
                                + seconds(unrenewed) + ") and its engine says it no longer accepts writes ("
                                + answer.writes().detail() + ")"),
                        new DeleteLeaderKey(
                                member, answer.modRevision(), state.tenure().orElseThrow())));
    }

    static Decision answered(SupervisorState state, HolderAnswered answered) {
        if (!state.policy().fence()) {
            return new Decision(state, List.of());
        }
        if (answered.writes().cannotWrite()) {
            return new Decision(state, List.of(new ReadHolderRenewal(Optional.of(answered))));
        }
        String why = answered.writes().kind() == HolderWrites.Kind.ACCEPTS_WRITES
                ? " still accepts writes"
                : " could not be asked (" + answered.writes().detail() + ")";
        return new Decision(state, List.of(Log.info(answered.member() + why + "; its leader key is left to the TTL")));
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
