package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -c/--cluster NAME}: the operation commands take it (their positional argument is a member), and the commands
 * whose positional argument is the cluster take it too, so that {@code -c NAME} works with every command.
 */
final class ClusterOption {

    @Option(
            names = {"-c", "--cluster"},
            paramLabel = "NAME",
            description = "the cluster (may be left out when only one is known)")
    private String cluster;

    Optional<String> name() {
        return Optional.ofNullable(cluster);
    }

    /** The cluster named by a positional NAME or by {@code -c}; both are fine when they agree. */
    Optional<String> or(String positional) {
        if (positional != null && cluster != null && !Objects.equals(positional, cluster)) {
            throw PghaException.invalidInput("two clusters named: " + positional + " and -c " + cluster
                    + "; name one, either as the argument or with -c");
        }
        return Optional.ofNullable(positional != null ? positional : cluster);
    }
}
