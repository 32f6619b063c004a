package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.ArchiveListing;
import io.pgha.runtime.backup.BackupErrors;
import io.pgha.runtime.backup.PgBackRestInfo;
import io.pgha.runtime.backup.PgBackRestRestore;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.RepositoryScan;
import io.pgha.runtime.backup.WalContinuity;
import io.pgha.runtime.docker.ContainerSpec;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.provision.StackLabels;
import io.pgha.runtime.stack.Backups;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recoverable window of a stack none of whose PostgreSQL nodes runs (docs/decisions/0034): a short-lived helper of
 * the stack's PostgreSQL image mounts its repository volume read-only, reads pgBackRest's info and the newest commit in
 * the archive ({@link RepositoryScan}), and is removed. Nothing of the stack is started or written.
 */
final class RepositoryReader {

    private static final Duration EXEC = Duration.ofSeconds(120);
    private static final String HELPER_LABEL = "io.pgha.restore-helper";

    private final DockerEngine docker;

    RepositoryReader(DockerEngine docker) {
        this.docker = docker;
    }

    RecoverableWindow window(String stack, String stanza) {
        String volume = Backups.volumeOf(stack);
        if (docker.volume(volume).isEmpty()) {
            throw PghaException.notFound("no PostgreSQL node of " + stack + " runs and it has no backups volume "
                    + volume + ": there is nothing to restore from");
        }
        List<DockerContainer> containers = docker.containers(Map.of("io.pgha.stack", stack));
        // the nodes' image, or with every node gone (their containers removed), the one the stack's profile names
        String image = containers.stream()
                .filter(c -> "postgres".equals(c.labels().get("io.pgha.role")))
                .map(DockerContainer::image)
                .findFirst()
                .or(() -> containers.stream()
                        .map(c -> c.labels().get(StackLabels.IMAGES))
                        .filter(p -> p != null && !p.isBlank())
                        .findFirst()
                        .map(p -> StackImages.of(ImageProfile.parse(p)).spilo()))
                .orElseThrow(() -> PghaException.notFound("no PostgreSQL node of " + stack + " runs and none of its"
                        + " containers is left to take the image from; start the stack (pgha up) or restore from a"
                        + " stack that has them"));
        String helper = stack + "-backups-reader";
        docker.container(helper).ifPresent(c -> docker.remove(helper));
        docker.createContainer(new ContainerSpec(
                helper,
                image,
                helper,
                stack,
                List.of(),
                Map.of(),
                Map.of(HELPER_LABEL, stack),
                Map.of(volume, PgBackRestRestore.SOURCE_MOUNT + ContainerSpec.READ_ONLY),
                List.of(),
                Optional.empty(),
                List.of(),
                Optional.of(Duration.ofSeconds(10)),
                false,
                Map.of(),
                List.of("--idle")));
        try {
            docker.start(helper);
            ExecResult info = docker.exec(helper, asPostgres(RepositoryScan.infoCommand(stanza)), EXEC);
            if (!info.ok()) {
                throw BackupErrors.translate("read the repository of " + stack + " in " + volume, info);
            }
            RepositoryInfo repository = PgBackRestInfo.parse(info.stdout(), stanza);
            ExecResult scan = docker.exec(helper, asPostgres(RepositoryScan.lastCommitCommand(stanza)), EXEC);
            if (!scan.ok()) {
                throw PghaException.unavailable("cannot read the archive of " + stack + " for its newest commit: "
                        + (scan.stdout() + scan.stderr()).strip());
            }
            ExecResult listing = docker.exec(helper, asPostgres(RepositoryScan.listCommand(stanza)), EXEC);
            if (!listing.ok()) {
                throw BackupErrors.translate("list the WAL archive of " + stack + " in " + volume, listing);
            }
            WalContinuity continuity = WalContinuity.of(
                    repository.backups(), ArchiveListing.parse(listing.stdout()), java.time.Instant.now());
            Optional<java.time.Instant> beforeGap = continuity.gapAfter().flatMap(g -> {
                ExecResult r = docker.exec(
                        helper,
                        asPostgres(RepositoryScan.lastCommitCommand(
                                stanza, PgBackRestRestore.SOURCE_MOUNT, g.lastPresent())),
                        EXEC);
                return r.ok() ? RepositoryScan.lastCommit(r.stdout()) : Optional.empty();
            });
            return RepositoryScan.window(repository, RepositoryScan.lastCommit(scan.stdout()), continuity, beforeGap);
        } finally {
            docker.remove(helper);
        }
    }

    private static List<String> asPostgres(List<String> command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        return c;
    }
}
