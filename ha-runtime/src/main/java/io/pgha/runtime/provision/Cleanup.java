package io.pgha.runtime.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What removing a run's objects takes away: what the run created and is still there, nothing else. Whatever of the
 * stack exists that the run did not create (a stack or volumes made before, under the same name) is kept and listed.
 * Pure.
 *
 * @param containers  the containers to stop and remove
 * @param network     the network to remove
 * @param volumes     the volumes to remove
 * @param credentials whether to delete the stored credentials (only when the run generated them)
 * @param connection  whether to remove the saved connection (only when the run saved it)
 * @param kept        what of the stack exists and stays, e.g. "volume pg-ha_pg-0-data"
 */
record Cleanup(
        List<String> containers,
        Optional<String> network,
        List<String> volumes,
        boolean credentials,
        boolean connection,
        List<String> kept) {

    Cleanup {
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
        kept = List.copyOf(kept);
    }

    static Cleanup decide(
            CreatedByRun made,
            Set<String> containersNow,
            Optional<String> networkNow,
            Set<String> volumesNow,
            boolean credentialsNow) {
        List<String> containers = new TreeSet<>(containersNow)
                .stream().filter(made.containers()::contains).toList();
        List<String> volumes = new TreeSet<>(volumesNow)
                .stream().filter(made.volumes()::contains).toList();
        Optional<String> network = networkNow.filter(n -> made.network().equals(Optional.of(n)));
        List<String> kept = new ArrayList<>();
        new TreeSet<>(containersNow)
                .stream().filter(c -> !containers.contains(c)).forEach(c -> kept.add("container " + c));
        networkNow.filter(n -> network.isEmpty()).ifPresent(n -> kept.add("network " + n));
        new TreeSet<>(volumesNow).stream().filter(v -> !volumes.contains(v)).forEach(v -> kept.add("volume " + v));
        if (credentialsNow && !made.madeCredentials()) {
            kept.add("the stored credentials");
        }
        return new Cleanup(containers, network, volumes, made.madeCredentials(), made.madeConnection(), kept);
    }
}
