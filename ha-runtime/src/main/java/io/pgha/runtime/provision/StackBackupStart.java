package io.pgha.runtime.provision;

import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.PgBackRest;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.provision.Steps.Outcome;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;

/**
 * The "Backups" step of {@code up} (docs/decisions/0021): once the cluster is healthy, the stanza in the repository
 * (stanza-create on the leader; a no-op when it is there), then, when the repository has no backup yet, a first full
 * backup started in the background on the leader. {@code up} does not wait for it.
 */
final class StackBackupStart {

    private final DockerEngine docker;
    private final StackLayout layout;

    StackBackupStart(DockerEngine docker, StackLayout layout) {
        this.docker = docker;
        this.layout = layout;
    }

    Outcome<String> ensure(String leader) {
        StackSpec spec = layout.spec();
        if (!spec.backups().enabled()) {
            return Outcome.skipped("off", "backups are off in the spec");
        }
        if (!layout.archives()) {
            return Outcome.skipped(
                    "off",
                    "no archive on the " + spec.images().id()
                            + " images: the official image's WAL-G is not wired yet (docs/decisions/0021)");
        }
        String container = layout.containerName(leader);
        PgBackRest tool = new PgBackRest(docker, spec.scope(), spec.users().superuser());
        tool.stanzaCreate(container);
        RepositoryInfo info = tool.info(container);
        if (info.latest().isPresent()) {
            return Outcome.done(
                    "kept",
                    "stanza " + spec.scope() + " with " + info.backups().size() + " backups, the latest "
                            + info.latest().get().label());
        }
        if (info.backupRunning()) {
            return Outcome.done("running", "stanza " + spec.scope() + ", a backup is running");
        }
        tool.startBackup(container, BackupType.FULL, leader);
        return Outcome.done(
                "started",
                "stanza " + spec.scope() + " created; first full backup started on " + leader + " (pgha backup list"
                        + (spec.isDefaultName() ? "" : " -c " + spec.name()) + ")");
    }
}
