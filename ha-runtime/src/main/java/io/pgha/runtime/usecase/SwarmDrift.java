package io.pgha.runtime.usecase;

import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.stack.SpecDifferences;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.util.ArrayList;
import java.util.List;

/**
 * What differs between the stack {@code pgha up --swarm} deployed and the one it is asked for now: the spec, key by
 * key, and which node each member is pinned to. A second {@code up --swarm} with differences on a running stack is
 * refused, as on one engine, instead of rewriting the stack's files under running services (docs/decisions/0043).
 */
final class SwarmDrift {

    private SwarmDrift() {}

    /** "key: old -> new" lines; empty when nothing differs or the deployment predates the recorded spec. */
    static List<String> between(SwarmDeployment made, StackSpec wanted, List<String> wantedHosts) {
        List<String> lines = new ArrayList<>();
        if (made.spec() != null && !made.spec().isBlank()) {
            StackSpec before = StackSpecFile.parse(made.spec()).build();
            lines.addAll(SpecDifferences.between(before, wanted));
        }
        if (!made.hosts().equals(wantedHosts)) {
            lines.add("hosts: " + String.join(",", made.hosts()) + " -> " + String.join(",", wantedHosts));
        }
        return lines;
    }
}
