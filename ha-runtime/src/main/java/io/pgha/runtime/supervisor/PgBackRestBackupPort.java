package io.pgha.runtime.supervisor;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.BackupActivity;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.PgBackRest;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.ScheduledBackup;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniCluster;
import java.time.Duration;
import java.util.List;

/**
 * {@link BackupPort} on the stack: Patroni's /cluster from the first member that answers, pgBackRest by {@code docker
 * exec} in the members' containers (the supervisor has the Docker socket). Connects to Docker on first use.
 */
final class PgBackRestBackupPort implements BackupPort, AutoCloseable {

    private static final Duration PATRONI_CALL = Duration.ofSeconds(3);
    /** The longest a scheduled backup may take before the supervisor stops waiting (pgBackRest goes on). */
    static final Duration BACKUP_LIMIT = Duration.ofHours(6);

    private final SupervisorSettings settings;
    private final String superuser;
    private DockerEngine docker;
    private PgBackRest tool;

    /** @param superuser the PostgreSQL superuser's name (pgBackRest's psql calls; backups use pgbackrest.conf's) */
    PgBackRestBackupPort(SupervisorSettings settings, String superuser) {
        this.settings = settings;
        this.superuser = superuser;
    }

    @Override
    public RepositoryInfo repository() {
        PatroniCluster c = cluster();
        String from = c.leader()
                .map(Member::name)
                .orElseGet(() -> c.members().isEmpty()
                        ? settings.members().get(0)
                        : c.members().get(0).name());
        return tool().info(settings.containerOf(from));
    }

    @Override
    public BackupActivity.Process backupProcess() {
        return tool().backupProcess(
                        settings.members().stream().map(settings::containerOf).toList());
    }

    @Override
    public List<ScheduledBackup.Node> members() {
        return cluster().members().stream()
                .map(m -> new ScheduledBackup.Node(m.name(), m.role().patroniName(), m.isRunning(), m.lagBytes()))
                .toList();
    }

    @Override
    public boolean switchoverScheduled() {
        PatroniCluster c = cluster();
        return c.paused() || c.scheduledSwitchover().isPresent();
    }

    @Override
    public void backup(String member, BackupType type, boolean fromStandby) {
        if (!fromStandby) {
            tool().backup(settings.containerOf(member), type, member, BACKUP_LIMIT);
            return;
        }
        // the leader as Patroni says now: the replica's pgBackRest starts and stops the backup there
        String primary = cluster()
                .leader()
                .map(Member::name)
                .orElseThrow(() -> PghaException.unavailable(
                        "no leader to back up " + member + " against: a failover or switchover may be in progress"));
        tool().backupFromStandby(settings.containerOf(member), type, member, primary, BACKUP_LIMIT);
    }

    private PatroniCluster cluster() {
        PghaException last = null;
        for (String member : settings.members()) {
            String url =
                    (settings.caFile().isPresent() ? "https://" : "http://") + member + ":" + settings.patroniPort();
            try {
                return PatroniClient.create(url, settings.caFile(), PATRONI_CALL)
                        .cluster();
            } catch (PghaException e) {
                last = e;
            }
        }
        throw PghaException.unavailable(
                "no member's Patroni answered" + (last != null ? ": " + last.getMessage() : ""));
    }

    private synchronized PgBackRest tool() {
        if (tool == null) {
            docker = DockerJavaEngine.local();
            tool = new PgBackRest(docker, settings.scope(), superuser);
        }
        return tool;
    }

    @Override
    public synchronized void close() {
        if (docker != null) {
            docker.close();
        }
    }
}
