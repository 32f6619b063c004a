package io.pgha.console.ui.drills;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Source;
import java.util.Optional;

/**
 * Why a kind of drill is not offered on a cluster, in words that say what to do instead: node and backup drills on a
 * Swarm, host drills on one engine, the backups' drills without backups (named a view model: the console's layering
 * lets only view models read the runtime).
 */
final class DrillOffersViewModel {

    private DrillOffersViewModel() {}

    /** The node drills and the backups' drills drive the local Docker engine, where a Swarm's members do not run. */
    static String onSwarm(String cluster) {
        return cluster + " is placed on a Swarm: its members run on the Swarm's hosts, not on this Docker"
                + " engine, which this drill drives. Drill a whole host instead: host-down or host-partition.";
    }

    /** Why the host drills cannot run here now: not on a Swarm, no router, no members or second host seen yet. */
    static Optional<String> hostUnavailableReason(
            ClusterConnection connection, boolean swarm, ClusterSnapshot snapshot) {
        if (!swarm) {
            return Optional.of("host-down and host-partition need a cluster placed across hosts (pgha up --swarm); "
                    + connection.name() + " runs on one Docker engine, where the host is the whole cluster. Drill a"
                    + " node instead: kill-primary or partition-primary.");
        }
        if (connection.router().isEmpty()) {
            return Optional.of(
                    "Drills write through the router's write port; no router is known for " + connection.name() + ".");
        }
        if (snapshot.members().isEmpty()) {
            return Optional.of("Waiting for the cluster's members.");
        }
        if (snapshot.hosts().size() < 2) {
            return Optional.of("Waiting for the Swarm's hosts: a host drill needs a second host to fail over to"
                    + snapshot.source(Source.SWARM)
                            .flatMap(s -> s.reason())
                            .map(r -> " (" + r + ")")
                            .orElse("")
                    + ".");
        }
        return Optional.empty();
    }

    /** Why a cluster without backups cannot run the drills that restore from them, by {@link BackupsState.Why}'s name. */
    static String backupsOff(String why, String cluster) {
        String what = "pitr and disaster restore from the cluster's backups, and ";
        return switch (why) {
            case "DISABLED" ->
                what + cluster + " was made with backups off (backups.enabled: false in its spec). Make it again"
                        + " with backups.enabled: true to drill its recovery.";
            case "NO_BACKUP_TOOL" ->
                what + cluster + " runs the official Spilo images, whose backup tool pgha does not drive: make it"
                        + " with --images local.";
            default -> what + "pgha attached to " + cluster + " rather than made it: its backups are its own tools'.";
        };
    }
}
