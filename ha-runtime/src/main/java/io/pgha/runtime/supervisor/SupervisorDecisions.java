package io.pgha.runtime.supervisor;

import io.pgha.runtime.supervisor.SupervisorAction.AwaitPromotion;
import io.pgha.runtime.supervisor.SupervisorAction.ConfirmNotRunning;
import io.pgha.runtime.supervisor.SupervisorAction.DeleteLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.ForceHealth;
import io.pgha.runtime.supervisor.SupervisorAction.Log;
import io.pgha.runtime.supervisor.SupervisorAction.PublishHeartbeat;
import io.pgha.runtime.supervisor.SupervisorAction.ReadCluster;
import io.pgha.runtime.supervisor.SupervisorAction.ReadLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.RouterCommand;
import io.pgha.runtime.supervisor.SupervisorAction.RouterCommands;
import io.pgha.runtime.supervisor.SupervisorAction.ShutdownSessions;
import io.pgha.runtime.supervisor.SupervisorEvent.ClusterRead;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerDied;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerInspected;
import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderAnswered;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderRenewalRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChecked;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyDeleted;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeadershipChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.PromotionAwaited;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the supervisor decides, as a pure function of what it knows, what just happened and the time.
 * It never decides who leads — Patroni does — it only shortens the waits:
 * <ul>
 * <li>fencing: when Docker confirms that the leader's container is no longer running, the leader key is deleted if
 * it still names that member at the revision read before Docker was asked, so the replicas elect a new leader at
 * once instead of after the TTL. A member that is merely unreachable (partition, pause) produces no death and is
 * left alone;</li>
 * <li>routing: when the leader key names a new member, HAProxy sends writes there as soon as that member's
 * PostgreSQL accepts writes, and shuts the sessions of the others; when nobody holds the key, the old leader leaves
 * the write listener at once. A forced health lasts only until the next check, so the checks stay the safety net.</li>
 * </ul>
 * Only the supervisor that holds the supervisors' lease acts (docs/decisions/0035): a standby keeps up with the leader
 * key but deletes nothing, sends nothing to the routers and publishes nothing; one that loses the lease between a
 * question and its answer acts on the answer no more. One that takes the lease (the first time, or back after losing it
 * to an etcd quorum loss) reads the leader key again and routes writes to whoever holds it, even to the member it
 * routed to before: what changed while it stood by went unrouted, and a forced health lasts only until a check.
 */
public final class SupervisorDecisions {

    static final String WRITE = "primary";
    static final String READ = "replicas";

    /** The next state and what to do, in order. */
    public record Decision(SupervisorState state, List<SupervisorAction> actions) {
        public Decision {
            actions = List.copyOf(actions);
        }
    }

    private SupervisorDecisions() {}

    public static Decision next(SupervisorState state, SupervisorEvent event, Instant now) {
        if (event instanceof LeadershipChanged changed) {
            return leadershipChanged(state, changed.tenure());
        }
        if (!state.leading()) {
            return standby(state, event);
        }
        return switch (event) {
            case LeaderKeyRead read -> new Decision(state.withLeader(read.key().member()), List.of());
            case LeaderKeyChanged changed ->
                leaderKeyChanged(state, changed.key().member(), now);
            case ContainerDied died ->
                new Decision(
                        state,
                        state.policy().fence() ? List.of(new ReadLeaderKey(died.member(), died.at())) : List.of());
            case ClusterRead read -> clusterRead(state, read);
            case LeaderKeyChecked checked -> leaderKeyChecked(state, checked, now);
            case ContainerInspected inspected -> containerInspected(state, inspected);
            case LeaderKeyDeleted deleted -> leaderKeyDeleted(state, deleted, now);
            case PromotionAwaited awaited -> promotionAwaited(state, awaited, now);
            case HeartbeatDue due -> heartbeatDue(state);
            case HolderRenewalRead read -> DemotedHolderDecisions.renewalRead(state, read, now);
            case HolderAnswered answered -> DemotedHolderDecisions.answered(state, answered);
            case LeadershipChanged changed -> throw new IllegalStateException("decided above");
        };
    }

    private static Decision heartbeatDue(SupervisorState state) {
        List<SupervisorAction> actions = new ArrayList<>();
        if (!state.caughtUp()) {
            actions.add(new ReadCluster());
        }
        actions.add(new PublishHeartbeat(state.heartbeat()));
        actions.addAll(DemotedHolderDecisions.onHeartbeat(state));
        return new Decision(state, actions);
    }

    /** Took the lease: this supervisor acts from now on. Lost it: it acts on nothing, not even answers it awaits. */
    private static Decision leadershipChanged(SupervisorState state, Optional<Long> tenure) {
        if (tenure.equals(state.tenure())) {
            return new Decision(state, List.of());
        }
        SupervisorState next = state.withTenure(tenure).withRoutedTo(Optional.empty());
        if (tenure.isPresent()) {
            return new Decision(
                    next,
                    List.of(
                            Log.info("leading the supervisors (lease tenure " + tenure.get()
                                    + "): this supervisor fences and routes"),
                            new PublishHeartbeat(next.heartbeat()),
                            new ReadCluster()));
        }
        return new Decision(
                next,
                List.of(Log.warn("standby: lost the supervisors' lease (tenure "
                        + state.tenure().orElseThrow() + "); acting on nothing until this supervisor holds it again")));
    }

    /**
     * Just leading: writes go to whoever holds the leader key now, once its PostgreSQL accepts writes ({@code routedTo}
     * was cleared when the tenure began, so this routes even to the member routed to before).
     */
    private static Decision clusterRead(SupervisorState state, ClusterRead read) {
        Optional<String> holder = read.key().member();
        SupervisorState next = state.withLeader(holder).withCaughtUp();
        if (holder.isPresent() && state.policy().fence()) {
            // the holder may have died while no supervisor led (this one restarted mid-failover), unseen: Docker is
            // asked first, and writes are routed to the holder only if it runs
            return new Decision(
                    next, List.of(new ConfirmNotRunning(holder.get(), read.key().modRevision(), true)));
        }
        if (!state.policy().route()) {
            return new Decision(next, List.of());
        }
        if (holder.isEmpty()) {
            return new Decision(
                    next,
                    List.of(
                            Log.info(
                                    "leading: nobody holds the leader key; writes are routed to the next leader when it takes it")));
        }
        return new Decision(next, routeToHolder(holder.get()));
    }

    private static List<SupervisorAction> routeToHolder(String holder) {
        return List.of(
                Log.info("leading: the leader key names " + holder + "; routing writes to it"),
                new AwaitPromotion(holder));
    }

    private static Decision containerInspected(SupervisorState state, ContainerInspected inspected) {
        String member = inspected.member();
        if (inspected.notRunning()) {
            List<SupervisorAction> actions = new ArrayList<>();
            if (inspected.onStart()) {
                actions.add(Log.warn(
                        "leading: the leader key names " + member + " but its container is not running; fencing it"));
            }
            actions.add(new DeleteLeaderKey(
                    member, inspected.modRevision(), state.tenure().orElseThrow()));
            return new Decision(state.withGone(member), actions);
        }
        if (inspected.onStart()) {
            return new Decision(state, state.policy().route() ? routeToHolder(member) : List.of());
        }
        return new Decision(
                state,
                List.of(Log.info("container " + member
                        + " reported dead but Docker says it runs again; leaving the leader key alone")));
    }

    /** A standby keeps up with who holds Patroni's leader key, so that it can act at once when it leads; no effects. */
    private static Decision standby(SupervisorState state, SupervisorEvent event) {
        return switch (event) {
            case LeaderKeyRead read -> new Decision(state.withLeader(read.key().member()), List.of());
            case LeaderKeyChanged changed ->
                new Decision(state.withLeader(changed.key().member()), List.of());
            case ClusterRead read -> new Decision(state.withLeader(read.key().member()), List.of());
            default -> new Decision(state, List.of());
        };
    }

    private static Decision leaderKeyChanged(SupervisorState state, Optional<String> holder, Instant now) {
        Optional<String> previous = state.leader();
        SupervisorState next = state.withLeader(holder);
        if (holder.equals(previous)) {
            return new Decision(next, List.of());
        }
        List<SupervisorAction> actions = new ArrayList<>();
        actions.add(Log.info("leader key changed: " + previous.orElse("nobody") + " -> " + holder.orElse("nobody")));
        if (!state.policy().route()) {
            return new Decision(next, actions);
        }
        if (holder.isEmpty() && previous.isPresent()) {
            // Nobody holds the key, so nobody may take writes: the old leader leaves the write listener now (during a
            // switchover it is shut down already), and a client's connect fails at once and retries instead of waiting
            // in HAProxy's retries against a refusing server until the new leader is routed.
            actions.add(new RouterCommands(takeOffWrites(state, previous.get())));
            return record(
                    next.withRoutedTo(Optional.empty()),
                    "stopped writes to " + previous.get() + ": nobody holds the leader key",
                    now,
                    actions);
        }
        if (holder.isPresent() && !holder.equals(state.routedTo())) {
            actions.add(new AwaitPromotion(holder.get()));
        }
        return new Decision(next, actions);
    }

    private static Decision leaderKeyChecked(SupervisorState state, LeaderKeyChecked checked, Instant now) {
        String member = checked.deadMember();
        if (!checked.key().member().equals(Optional.of(member))) {
            return new Decision(
                    state, List.of(Log.info("container " + member + " stopped; it is not the leader, nothing to do")));
        }
        long modRevision = checked.key().modRevision();
        if (checked.diedAt().isPresent() && freshDeath(checked.diedAt().get(), now)) {
            // the engine's die event comes once the container's processes are gone (its task deleted), and the key was
            // read less than FRESH_DEATH later: no new incarnation of the member can have written it since (Docker
            // restarts a container only after its cleanup, and Patroni needs seconds to boot), so that revision is the
            // dead one's. Asking the engine again would wait ~0.2 s for the cleanup's lock (docs/decisions/0072)
            return new Decision(
                    state.withGone(member),
                    List.of(new DeleteLeaderKey(
                            member, modRevision, state.tenure().orElseThrow())));
        }
        return new Decision(state, List.of(new ConfirmNotRunning(member, modRevision)));
    }

    /** How soon after a death the leader key must be read for the death alone to fence (docs/decisions/0072). */
    static final Duration FRESH_DEATH = Duration.ofSeconds(1);

    /** Read within {@link #FRESH_DEATH} of the death, and not before it (a clock that disagrees asks the engine). */
    static boolean freshDeath(Instant diedAt, Instant readBy) {
        Duration age = Duration.between(diedAt, readBy);
        return !age.isNegative() && age.compareTo(FRESH_DEATH) <= 0;
    }

    private static Decision leaderKeyDeleted(SupervisorState state, LeaderKeyDeleted deleted, Instant now) {
        String member = deleted.member();
        boolean gone = state.gone().contains(member);
        Decision recorded = record(
                state,
                deleted.released()
                        ? "fenced " + member + ": "
                                + (gone ? "its container stopped" : "it demoted itself, cut off from etcd")
                                + ", leader key released"
                        : gone
                                ? "container " + member + " stopped but the leader key had already moved"
                                : member + " demoted itself but the leader key had already moved",
                now,
                new ArrayList<>());
        if (!state.policy().route()) {
            return recorded;
        }
        List<SupervisorAction> actions = new ArrayList<>(recorded.actions());
        actions.add(new RouterCommands(takeOffWrites(recorded.state(), member)));
        return new Decision(recorded.state(), actions);
    }

    /**
     * Patroni answers /primary as soon as it holds the leader key, while PostgreSQL may still be in recovery: a client
     * routed then gets a read-only session. So writes are routed only once the new leader accepts writes.
     */
    private static Decision promotionAwaited(SupervisorState state, PromotionAwaited awaited, Instant now) {
        String member = awaited.member();
        if (!awaited.acceptsWrites()) {
            return new Decision(
                    state,
                    List.of(Log.warn(member + " took the leader key but its PostgreSQL did not leave recovery within "
                            + state.policy().promotionWait().toMillis() + " ms; leaving routing to the checks")));
        }
        List<RouterCommand> commands = new ArrayList<>();
        commands.add(new ForceHealth(WRITE, member, true));
        for (String other : state.policy().members()) {
            if (!other.equals(member)) {
                commands.addAll(takeOffWrites(state, other));
            }
        }
        commands.add(new ForceHealth(READ, member, false));
        List<SupervisorAction> actions = new ArrayList<>();
        actions.add(new RouterCommands(commands));
        return record(
                state.withRoutedTo(Optional.of(member)),
                "routed writes to " + member + ": its PostgreSQL accepts writes",
                now,
                actions);
    }

    /**
     * A member leaves the write listener; the router shuts its sessions only while it may still run (deposed, frozen,
     * cut off). A container confirmed gone took its connections along, and shutting sessions then only catches the
     * clients' connects still under way to its address, which HAProxy 3.0 leaves hanging until {@code timeout client}
     * (docs/decisions/0068).
     */
    private static List<RouterCommand> takeOffWrites(SupervisorState state, String member) {
        return state.gone().contains(member)
                ? List.of(new ForceHealth(WRITE, member, false))
                : List.of(new ForceHealth(WRITE, member, false), new ShutdownSessions(WRITE, member));
    }

    /** The last action changes: it is logged and published at once. */
    private static Decision record(SupervisorState state, String action, Instant now, List<SupervisorAction> before) {
        SupervisorState next = state.withLastAction(action, now);
        List<SupervisorAction> actions = new ArrayList<>(before);
        actions.add(Log.info(action));
        actions.add(new PublishHeartbeat(next.heartbeat()));
        return new Decision(next, actions);
    }
}
