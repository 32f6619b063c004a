package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterRegistry;

/** The stack a day-two command changes: the cluster named with -c, or the only one known. */
final class StackName {

    private StackName() {}

    static String of(ClusterOption cluster) {
        return cluster.name()
                .orElseGet(() -> ClusterChoice.resolve(new ClusterRegistry(), cluster.name())
                        .name());
    }
}
