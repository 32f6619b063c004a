package io.pgha.runtime.provision;

import io.pgha.runtime.backup.PgBackRest;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.provision.Steps.Outcome;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpec;

/**
 * The "Backups" step of {@code up} (docs/decisions/0021): once the cluster is writable, the stanza in the repository
 * (stanza-create on the leader; a no-op when it is there), then, when the repository has no backup yet, a first full
 * backup, both in the background on the leader. {@code up} waits for neither: the step is one {@code docker exec}.
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
        // one exec that returns at once: stanza-create and the first full backup run in the leader's container, and
        // up goes on (docs/decisions/0021; pgha backup list shows the backup running, then done)
        new PgBackRest(docker, spec.scope(), spec.users().superuser())
                .startFirstBackup(layout.containerName(leader), leader);
        return Outcome.done(
                "started",
                "stanza " + spec.scope() + " and, if the repository has none, a first full backup started in the "
                        + "background on " + leader + " (pgha backup list"
                        + (spec.isDefaultName() ? "" : " -c " + spec.name()) + ")");
    }
}
