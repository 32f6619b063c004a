package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.usecase.DrillPlanning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How `pgha drill` and `pgha chaos` aim at a cluster and log in, with the options that say so ({@code -c},
 * {@code --env-file}, {@code --wait}): one picocli mixin for both.
 */
final class DrillTargeting {

    @Mixin
    ClusterOption cluster;

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            description = "For a cluster pgha did not make: a file with the superuser's credentials the writers log in"
                    + " with (PGUSER_SUPERUSER, PGPASSWORD_SUPERUSER, as in stack/.env.postgres); PGHA_DRILL_PASSWORD"
                    + " overrides the password. A cluster made by pgha up uses its stored credentials.")
    Path envFile;

    @Option(
            names = "--wait",
            defaultValue = "15s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "how long to wait for a first complete view of the cluster (default: ${DEFAULT-VALUE})")
    Duration wait;

    /** The cluster as it is now, aimed at the way the console's Drills tab aims (one {@link DrillPlanning}). */
    DrillTarget target(Consumer<String> notes) {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        ClusterSnapshot snapshot;
        try (ClusterMonitor monitor =
                ClusterMonitors.start(c, ClusterMonitors.settingsFor(c).withJournal(Optional.empty()))) {
            snapshot = DrillPlanning.awaitTarget(c, monitor, wait);
        }
        return DrillPlanning.target(c, snapshot, superuser(c, envFile), notes);
    }

    /** The stored superuser of a cluster pgha made; else the one --env-file names (PGHA_DRILL_PASSWORD overrides). */
    static Optional<StackCredentials.Login> superuser(ClusterConnection c, Path envFile) {
        Optional<StackCredentials.Login> stored =
                new CredentialStore().find(c.name()).map(StackCredentials::superuser);
        String override = System.getenv("PGHA_DRILL_PASSWORD");
        if (envFile == null) {
            return override == null
                    ? stored
                    : Optional.of(new StackCredentials.Login(
                            stored.map(StackCredentials.Login::user).orElse(DrillPlanning.COMPOSE_SUPERUSER.user()),
                            override));
        }
        Properties env = new Properties();
        try (var in = Files.newBufferedReader(envFile)) {
            env.load(in);
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read " + envFile + ": " + e.getMessage()
                    + "; give the file with the " + "superuser's PGUSER_SUPERUSER and PGPASSWORD_SUPERUSER lines");
        }
        return Optional.of(new StackCredentials.Login(
                env.getProperty("PGUSER_SUPERUSER", "postgres"),
                Optional.ofNullable(override).orElse(env.getProperty("PGPASSWORD_SUPERUSER", "postgres"))));
    }
}
