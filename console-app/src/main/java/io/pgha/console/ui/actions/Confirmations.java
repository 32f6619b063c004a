package io.pgha.console.ui.actions;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.service.ClusterAction.Failover;
import io.pgha.console.service.ClusterAction.Pause;
import io.pgha.console.service.ClusterAction.Reinitialize;
import io.pgha.console.service.ClusterAction.RestartContainer;
import io.pgha.console.service.ClusterAction.RestartPostgres;
import io.pgha.console.service.ClusterAction.Resume;
import io.pgha.console.service.ClusterAction.StartContainer;
import io.pgha.console.service.ClusterAction.StopContainer;
import io.pgha.console.service.ClusterAction.Switchover;
import io.pgha.console.ui.common.Formats;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;

/** Says, before an action runs, what it will do to this cluster as it is now. */
public final class Confirmations {

    /** Patroni's default ttl, when the cluster's configuration does not say. */
    private static final long DEFAULT_TTL_SECONDS = 30;

    private Confirmations() {}

    public static Confirmation of(ClusterAction action, ClusterSnapshot snapshot) {
        return switch (action) {
            case Switchover s
            when s.at().isPresent() ->
                new Confirmation(
                        action,
                        "Schedule switchover to " + s.candidate(),
                        "At " + Formats.dateTime(s.at().get()) + " " + s.leader() + " hands the primary role to "
                                + s.candidate()
                                + " (Patroni's scheduled switchover; until then nothing changes). Writes pause for a moment then, "
                                + "sessions on " + s.leader() + " are disconnected and it rejoins as a replica.",
                        "Schedule switchover",
                        true);
            case Switchover s ->
                new Confirmation(
                        action,
                        "Switch over to " + s.candidate(),
                        s.leader() + " stops being the primary and " + s.candidate() + " (lag "
                                + lag(snapshot, s.candidate())
                                + ") is promoted. Writes pause for a few seconds while the router follows the new primary; "
                                + "sessions on " + s.leader() + " are disconnected and " + s.leader()
                                + " rejoins as a replica.",
                        "Switch over",
                        true);
            case Failover f ->
                new Confirmation(
                        action,
                        "Fail over to " + f.candidate(),
                        f.candidate() + " (lag " + lag(snapshot, f.candidate())
                                + ") is promoted without the current primary's "
                                + "consent. Use this only when the primary is gone: transactions it did not replicate are lost, "
                                + "and it is rewound when it comes back.",
                        "Fail over",
                        true);
            case RestartPostgres r ->
                new Confirmation(
                        action,
                        "Restart PostgreSQL on " + r.member(),
                        "Patroni restarts PostgreSQL on " + r.member() + "; the container keeps running. "
                                + (isLeader(snapshot, r.member())
                                        ? r.member()
                                                + " is the primary: writes fail until it is back (a restart does not fail over)."
                                        : "Reads move to the other replicas until it is streaming again."),
                        "Restart PostgreSQL",
                        isLeader(snapshot, r.member()));
            case RestartContainer r ->
                new Confirmation(
                        action,
                        "Restart container " + r.container(),
                        "Docker stops and starts " + r.container() + ". "
                                + containerConsequence(snapshot, r.container()),
                        "Restart container",
                        true);
            case Reinitialize r ->
                new Confirmation(
                        action,
                        "Reinitialise " + r.member(),
                        "The data directory of " + r.member() + " is deleted and cloned again from the primary"
                                + snapshot.leader().map(l -> " " + l).orElse("")
                                + ". It serves no reads until it is streaming "
                                + "again; this can take a while on a large database.",
                        "Reinitialise",
                        true);
            case Pause p ->
                new Confirmation(
                        action,
                        "Pause cluster management",
                        "Patroni stops managing " + snapshot.scope() + ": no automatic failover until you resume. "
                                + "PostgreSQL keeps running and serving.",
                        "Pause",
                        false);
            case Resume r ->
                new Confirmation(
                        action,
                        "Resume cluster management",
                        "Patroni manages " + snapshot.scope()
                                + " again and fails over automatically when the primary is lost.",
                        "Resume",
                        false);
            case StopContainer s ->
                new Confirmation(
                        action,
                        "Stop container " + s.container(),
                        "Docker stops " + s.container() + " and it stays stopped until you start it. "
                                + containerConsequence(snapshot, s.container()),
                        "Stop container",
                        true);
            case StartContainer s ->
                new Confirmation(
                        action,
                        "Start container " + s.container(),
                        "Docker starts " + s.container() + "; a PostgreSQL node rejoins as a replica.",
                        "Start container",
                        false);
        };
    }

    private static String containerConsequence(ClusterSnapshot snapshot, String container) {
        if (isLeader(snapshot, container)) {
            return container + " is the primary: writes fail, and if it is not back within the leader ttl ("
                    + ttlSeconds(snapshot) + " s) a replica takes over.";
        }
        if (snapshot.member(container).isPresent()) {
            return "It is a replica: reads move to the other replicas meanwhile.";
        }
        if (container.startsWith("etcd")) {
            return "etcd keeps quorum while a majority of its members is up.";
        }
        return "";
    }

    private static boolean isLeader(ClusterSnapshot snapshot, String member) {
        return snapshot.leader().map(member::equals).orElse(false);
    }

    private static String lag(ClusterSnapshot snapshot, String member) {
        return snapshot.member(member).map(Member::lagBytes).map(Formats::lag).orElse("unknown");
    }

    private static long ttlSeconds(ClusterSnapshot snapshot) {
        return snapshot.dynamicConfig().get("ttl") instanceof Number n ? n.longValue() : DEFAULT_TTL_SECONDS;
    }
}
