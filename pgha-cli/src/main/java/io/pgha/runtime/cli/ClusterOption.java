package io.pgha.runtime.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cluster NAME} of the operation commands, whose positional argument is a member. */
final class ClusterOption {

    @Option(
            names = {"-c", "--cluster"},
            paramLabel = "NAME",
            description = "the cluster (may be left out when only one is known)")
    private String cluster;

    Optional<String> name() {
        return Optional.ofNullable(cluster);
    }
}
