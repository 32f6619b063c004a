package io.pgha.console.ui.drills;

import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.HostDrillScenario;
import java.util.List;
import java.util.Optional;

/**
 * What the confirmation says before each drill disturbs the cluster as it is now: which node, host or data it hits and
 * for how long; for the disaster drill, which deletes the cluster's data, the name to type (named a view model: the
 * console's layering lets only view models read the runtime).
 */
final class DrillConfirmationsViewModel {

    private DrillConfirmationsViewModel() {}

    /**
     * @param leader         the primary now, when known
     * @param etcdContainers the etcd members' containers, in the order the etcd drills stop them
     * @param n              the runs it makes
     */
    static DrillConfirmation of(
            DrillChoice choice, String cluster, Optional<String> leader, List<String> etcdContainers, int n) {
        if (choice.kind() == DrillChoice.Kind.RESTORE) {
            return restore(choice.id(), cluster);
        }
        if (choice.kind() == DrillChoice.Kind.HOST) {
            return host(choice.id(), cluster, leader, n);
        }
        DrillScenario s = DrillScenario.parse(choice.id());
        String primary = "the primary" + leader.map(l -> " (" + l + " now)").orElse("");
        long hold = DrillsViewModel.SETTINGS.faultDuration().toSeconds();
        // on the name: a switch over the runtime's enum would compile to a helper class outside the view model
        String fault = switch (s.cliName()) {
            case "kill-primary" -> "Docker kills the container of " + primary + ".";
            case "stop-primary" -> "Docker stops the container of " + primary + ".";
            case "crash-postgres" ->
                "PostgreSQL's postmaster on " + primary + " is killed with kill -9; Patroni stays up.";
            case "partition-primary" ->
                primary.substring(0, 1).toUpperCase() + primary.substring(1) + " is cut off the stack network for "
                        + hold + " s.";
            case "freeze-primary" -> "Docker pauses the container of " + primary + " for " + hold + " s.";
            case "etcd-minority" ->
                "Docker stops the etcd member "
                        + etcdContainers.stream().findFirst().orElse("etcd-1") + " for " + hold + " s.";
            case "etcd-quorum-loss" ->
                "Docker stops the etcd members "
                        + String.join(
                                " and ",
                                etcdContainers.subList(
                                        0, Math.min(etcdContainers.size(), etcdContainers.size() / 2 + 1)))
                        + " for " + hold
                        + " s: etcd loses its quorum and the cluster takes no writes meanwhile.";
            case "switchover" -> "Patroni hands the primary role of " + primary + " to a replica.";
            // the newer drills say what they do in their own description; the confirmation adds which node it hits
            default ->
                s.description().substring(0, 1).toUpperCase() + s.description().substring(1) + "."
                        + (s.expectsNewLeader() || s.description().contains("the primary")
                                ? leader.map(l -> " The primary is " + l + " now.")
                                        .orElse("")
                                : "");
        };
        String times = n == 1 ? "once" : n + " times, one run after the other";
        return new DrillConfirmation(
                "Run the " + s.cliName() + " drill on " + cluster,
                "This drill disturbs " + cluster + " " + times + ". " + fault + " Meanwhile "
                        + DrillsViewModel.SETTINGS.writers()
                        + " writers insert rows through the router's write port (table pgha_drill) and a watcher container joins "
                        + "the stack's network. Each run waits for a healthy cluster first, heals the fault afterwards and waits until "
                        + "every replica streams again. Applications using this cluster see the outage: run it only where that is fine.",
                "Run drill");
    }

    private static DrillConfirmation restore(String id, String name) {
        String writers = DrillsViewModel.SETTINGS.writers()
                + " writers insert numbered rows through the router's write port (table" + " pgha_drill). ";
        if (id.equals(DrillsViewModel.PITR)) {
            return new DrillConfirmation(
                    "Run the pitr drill on " + name,
                    "This drill runs once. " + writers + "It takes a moment T, writes on for a few seconds, then drops"
                            + " the drill's table on " + name + " (the accident), restores " + name
                            + "'s backups to T into a new stack under a free name and free ports, counts the rows"
                            + " there and removes that stack. " + name + " itself keeps running; the restore takes"
                            + " minutes and loads this machine.",
                    "Run drill");
        }
        return new DrillConfirmation(
                "Run the disaster drill on " + name,
                "This drill DELETES THE DATA of " + name + ". " + writers + "Then every PostgreSQL node of " + name
                        + " is removed with its data volume while they write, and the cluster is restored in place"
                        + " to the end of its archive (pgha restore --in-place --latest): what the archive lacks is"
                        + " lost, which is what the drill measures. " + name + " takes no writes until the restore"
                        + " is done, minutes later. Type the cluster's name to confirm.",
                "Remove and restore",
                Optional.of(name));
    }

    private static DrillConfirmation host(String id, String cluster, Optional<String> leader, int n) {
        String primary = "the primary" + leader.map(l -> " (" + l + " now)").orElse("");
        String fault = id.equals(HostDrillScenario.HOST_DOWN.cliName())
                ? "The host of " + primary + " is stopped: every container on it is gone at once, until it is"
                        + " started again."
                : "The host of " + primary + " is cut off from the other hosts, alive, until it is connected again.";
        return new DrillConfirmation(
                "Run the " + id + " drill on " + cluster,
                "This drill disturbs " + cluster + " "
                        + (n == 1 ? "once" : n + " times, one run after the" + " other") + ". " + fault + " Meanwhile "
                        + DrillsViewModel.SETTINGS.writers() + " writers insert rows"
                        + " through another host's router. Each run waits for a healthy cluster first, then for a"
                        + " new leader on another host, heals the fault and waits until the Swarm has settled and"
                        + " every member streams again. Applications using this cluster see the outage: run it only"
                        + " where that is fine.",
                "Run drill");
    }
}
