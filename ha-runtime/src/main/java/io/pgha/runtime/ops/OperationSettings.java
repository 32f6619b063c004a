package io.pgha.runtime.ops;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.RestApiCredentialStore;
import io.pgha.runtime.cluster.RestApiCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ClusterOperations} act and how long they wait for the outcome.
 *
 * @param restCredentials    sent with every unsafe Patroni call, when the REST API wants them
 * @param auditDir           where the audit journal is kept; empty keeps none
 * @param quickTimeout       pause, resume, configuration changes, cancelling a switchover
 * @param switchoverTimeout  switchover and failover, until the new leader runs and the old one streams from it
 * @param restartTimeout     PostgreSQL or container restart, until the member is back
 * @param reinitTimeout      reinitialisation, until the replica streams again (grows with the database)
 * @param containerStopGrace how long Docker lets a container stop before it kills it (the stack's stop_grace_period)
 * @param pollInterval       how often the outcome is looked for
 */
record OperationSettings(
        Optional<RestApiCredentials> restCredentials,
        Optional<Path> auditDir,
        Duration quickTimeout,
        Duration switchoverTimeout,
        Duration restartTimeout,
        Duration reinitTimeout,
        Duration containerStopGrace,
        Duration pollInterval) {

    public OperationSettings {
        Objects.requireNonNull(restCredentials, "restCredentials");
        Objects.requireNonNull(auditDir, "auditDir");
        Objects.requireNonNull(quickTimeout, "quickTimeout");
        Objects.requireNonNull(switchoverTimeout, "switchoverTimeout");
        Objects.requireNonNull(restartTimeout, "restartTimeout");
        Objects.requireNonNull(reinitTimeout, "reinitTimeout");
        Objects.requireNonNull(containerStopGrace, "containerStopGrace");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** No credentials, no journal, default deadlines. */
    public static OperationSettings defaults() {
        return new OperationSettings(
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(90),
                Duration.ofSeconds(120),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                Duration.ofMillis(250));
    }

    /** The defaults for a known cluster: its REST API credentials and its audit journal, both in its directory. */
    public static OperationSettings forCluster(ClusterConnection connection) {
        ClusterRegistry.checkName(connection.name());
        return defaults()
                .withRestCredentials(new RestApiCredentialStore().find(connection.name()))
                .withAuditDir(Optional.of(ConfigDirs.cluster(connection.name())));
    }

    public OperationSettings withRestCredentials(Optional<RestApiCredentials> credentials) {
        return new OperationSettings(
                credentials,
                auditDir,
                quickTimeout,
                switchoverTimeout,
                restartTimeout,
                reinitTimeout,
                containerStopGrace,
                pollInterval);
    }

    public OperationSettings withAuditDir(Optional<Path> dir) {
        return new OperationSettings(
                restCredentials,
                dir,
                quickTimeout,
                switchoverTimeout,
                restartTimeout,
                reinitTimeout,
                containerStopGrace,
                pollInterval);
    }

    @Override
    public String toString() {
        return "OperationSettings[restCredentials="
                + restCredentials.map(c -> c.user() + ":***").orElse("none") + ", auditDir="
                + auditDir.map(Path::toString).orElse("none") + "]";
    }
}
