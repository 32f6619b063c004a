package io.pgha.runtime.apply;

/**
 * One step of an {@link ApplyPlan}.
 *
 * @param kind   what the step does
 * @param target the member it acts on (pg-3, etcd-2), or the stack's name for stack-wide steps
 * @param cost   what it costs, for a human: "switchover pg-0 → pg-1 (≈1 s of writes)"
 * @param from   for {@link Kind#ADD_NODE} and {@link Kind#REPLACE_MEMBER} the member it is cloned from, for {@link Kind#SWITCHOVER} the old leader, for
 *               {@link Kind#RESTART} and {@link Kind#REPLACE_CONTAINER} the member's role then ({@link #REPLICA},
 *               {@link #OLD_PRIMARY}, {@link #ONLY_MEMBER}); empty otherwise
 */
public record PlanStep(Kind kind, String target, String cost, String from) {

    public static final String REPLICA = "replica";
    public static final String OLD_PRIMARY = "old primary";
    public static final String ONLY_MEMBER = "only member";

    /** What a step does. */
    public enum Kind {
        /** Sets Patroni's synchronous_mode / synchronous_node_count (dynamic configuration, no restart). */
        SYNCHRONOUS_SETTINGS,
        /** A new PostgreSQL member, created as pgha up creates members, cloned from a replica. */
        ADD_NODE,
        /** A member leaves the synchronous quorum, the router, then Patroni; its volume is kept unless asked. */
        REMOVE_NODE,
        /** Patroni's switchover, so that the leader can be removed, restarted or replaced. */
        SWITCHOVER,
        /** PostgreSQL parameters that a reload applies. */
        RELOAD_PARAMETERS,
        /** PostgreSQL parameters in Patroni's dynamic configuration that need a restart to apply (pending restart). */
        SET_PARAMETERS,
        /** Restarts one member's PostgreSQL (pending restart cleared). */
        RESTART,
        /** Replaces one member's container by one of the new image, with its data volume kept. */
        REPLACE_CONTAINER,
        /** A new container and a new, empty data volume for one member, cloned again from a replica. */
        REPLACE_MEMBER,
        /** Adds an etcd member through etcd's member API, then starts it on a new volume; waits until it caught up. */
        ADD_ETCD_MEMBER,
        /** Removes an etcd member through etcd's member API, then its container and data volume. */
        REMOVE_ETCD_MEMBER,
        /** An etcd member removed, then added again with a new container and an empty volume (a new member id). */
        REPLACE_ETCD_MEMBER;
    }

    private String role() {
        return from.isEmpty() ? "" : from + " ";
    }

    /** "add pg-3: new replica cloned from pg-1; no write outage". */
    public String describe() {
        return title() + ": " + cost;
    }

    public String title() {
        return switch (kind) {
            case SYNCHRONOUS_SETTINGS -> "synchronous settings of " + target;
            case ADD_NODE -> "add " + target;
            case REMOVE_NODE -> "remove " + target;
            case SWITCHOVER -> "switchover " + from + " → " + target;
            case RELOAD_PARAMETERS -> "reload parameters on every member";
            case SET_PARAMETERS -> "set parameters (restart needed)";
            case RESTART -> "restart " + role() + target;
            case REPLACE_CONTAINER -> "replace container of " + role() + target;
            case REPLACE_MEMBER -> "replace " + target + " (new container and volume)";
            case ADD_ETCD_MEMBER -> "add etcd member " + target;
            case REMOVE_ETCD_MEMBER -> "remove etcd member " + target;
            case REPLACE_ETCD_MEMBER -> "replace etcd member " + target + " (new container and volume)";
        };
    }
}
