package io.pgha.runtime.monitor;

import io.pgha.runtime.Api;
import io.pgha.runtime.postgres.PgLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ClusterMonitor} observes.
 *
 * @param pollInterval     how often Patroni, HAProxy, PostgreSQL, Docker and the exporters are asked (etcd pushes)
 * @param sourceTimeout    the deadline of every single call to a source
 * @param lagThreshold     replication lag in bytes above which a LAG_HIGH event is raised
 * @param probeLogin       a PostgreSQL login for the router probes; without one they only check that a server answers
 * @param writeProbe       commit a real transaction through the write port on every poll
 * @param useDocker        observe the containers when the cluster runs on the local Docker engine
 * @param journalDir       where the event journal is kept; empty keeps no journal
 * @param lightFirstRound  the first Patroni round asks each member's /health alone (its checks follow a round
 *                         later): a live view drawn sooner; a one-shot answer ({@code pgha status}) wants them all
 */
@Api
public record MonitorSettings(
        Duration pollInterval,
        Duration sourceTimeout,
        long lagThreshold,
        Optional<PgLogin> probeLogin,
        boolean writeProbe,
        boolean useDocker,
        Optional<Path> journalDir,
        boolean lightFirstRound) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofMillis(1500);
    /** Patroni's maximum_lag_on_failover in the stack: a replica further behind cannot be promoted. */
    public static final long DEFAULT_LAG_THRESHOLD = io.pgha.runtime.model.LagRule.DEFAULT_MAXIMUM_LAG;

    public MonitorSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(sourceTimeout, "sourceTimeout");
        Objects.requireNonNull(probeLogin, "probeLogin");
        Objects.requireNonNull(journalDir, "journalDir");
        if (pollInterval.toMillis() < 100 || sourceTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("poll interval and source timeout must be at least 100 ms");
        }
    }

    /** Poll every 2 s with 1.5 s deadlines, Docker on, no login, no journal. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(
                DEFAULT_POLL_INTERVAL,
                DEFAULT_SOURCE_TIMEOUT,
                DEFAULT_LAG_THRESHOLD,
                Optional.empty(),
                false,
                true,
                Optional.empty(),
                false);
    }

    public MonitorSettings withPollInterval(Duration d) {
        return new MonitorSettings(
                d, sourceTimeout, lagThreshold, probeLogin, writeProbe, useDocker, journalDir, lightFirstRound);
    }

    public MonitorSettings withSourceTimeout(Duration d) {
        return new MonitorSettings(
                pollInterval, d, lagThreshold, probeLogin, writeProbe, useDocker, journalDir, lightFirstRound);
    }

    public MonitorSettings withLagThreshold(long bytes) {
        return new MonitorSettings(
                pollInterval, sourceTimeout, bytes, probeLogin, writeProbe, useDocker, journalDir, lightFirstRound);
    }

    public MonitorSettings withProbeLogin(Optional<PgLogin> login, boolean write) {
        return new MonitorSettings(
                pollInterval, sourceTimeout, lagThreshold, login, write, useDocker, journalDir, lightFirstRound);
    }

    public MonitorSettings withDocker(boolean use) {
        return new MonitorSettings(
                pollInterval, sourceTimeout, lagThreshold, probeLogin, writeProbe, use, journalDir, lightFirstRound);
    }

    public MonitorSettings withJournal(Optional<Path> dir) {
        return new MonitorSettings(
                pollInterval, sourceTimeout, lagThreshold, probeLogin, writeProbe, useDocker, dir, lightFirstRound);
    }

    public MonitorSettings withLightFirstRound(boolean light) {
        return new MonitorSettings(
                pollInterval, sourceTimeout, lagThreshold, probeLogin, writeProbe, useDocker, journalDir, light);
    }
}
