package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.BackupErrors;
import io.pgha.runtime.backup.PgBackRestRestore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.ContainerFile;
import io.pgha.runtime.docker.ContainerSpec;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.stack.Backups;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The data a restored stack starts from (docs/decisions/0022): before any Patroni of the new stack runs, a helper
 * container of its PostgreSQL image restores a backup of the source stack's repository (mounted read-only) into the
 * first node's data volume with pgBackRest, recovers it to the target with PostgreSQL, sets the new stack's role
 * passwords and stops it cleanly. {@code up} then starts that node alone, Patroni takes the existing data directory as
 * the cluster's (initialize key with its system id) and leads, and the other nodes clone from it.
 *
 * @param sourceStack the stack whose repository volume is read
 * @param restore     what pgBackRest restores and where recovery ends
 * @param timeout     the longest the restore and the recovery may take
 */
public record RestoreSeed(String sourceStack, PgBackRestRestore restore, Duration timeout) {

    /** The node that gets the restored data and leads first. */
    static final String FIRST = "pg-0";

    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final String SEED_SQL = "/tmp/pgha-restore-roles.sql";
    private static final String HELPER_LABEL = "io.pgha.restore-helper";

    /** Runs the restore into {@code plan}'s first node's data volume; says what it restored. */
    String run(DockerEngine docker, DockerPlan plan, StackCredentials credentials, Consumer<String> progress) {
        StackLayout layout = plan.layout();
        String source = sourceStack + "_" + Backups.VOLUME;
        if (docker.volume(source).isEmpty()) {
            throw PghaException.notFound("stack " + sourceStack + " has no backups volume " + source);
        }
        String image = plan.withRole(Role.POSTGRES).getFirst().container().image();
        String helper = layout.containerName(FIRST) + "-restore";
        docker.container(helper).ifPresent(c -> docker.remove(helper));
        docker.createContainer(new ContainerSpec(
                helper,
                image,
                helper,
                layout.network(),
                List.of(),
                Map.of(),
                Map.of(HELPER_LABEL, plan.spec().name()),
                Map.of(
                        layout.volumeName(FIRST + "-data"),
                        "/home/postgres/pgdata",
                        source,
                        PgBackRestRestore.SOURCE_MOUNT + ContainerSpec.READ_ONLY),
                List.of(),
                Optional.empty(),
                List.of(),
                Optional.of(Duration.ofSeconds(30)),
                false,
                Map.of(),
                List.of("--idle")));
        try {
            docker.start(helper);
            String superuser = credentials.superuser().user();
            progress.accept("pgBackRest restores backup " + restore.set() + " of " + sourceStack + " into "
                    + layout.volumeName(FIRST + "-data"));
            ExecResult r = docker.exec(helper, asPostgres(restore.restoreCommand()), timeout);
            if (!r.ok()) {
                throw BackupErrors.translate("restore backup " + restore.set() + " of " + sourceStack, r);
            }
            progress.accept("PostgreSQL recovers to " + restore.target().describe());
            r = docker.exec(
                    helper,
                    asPostgres(List.of(
                            "sh", "-c", PgBackRestRestore.recoveryScript(superuser, (int) timeout.toSeconds()))),
                    timeout.plusSeconds(30));
            if (!r.ok()) {
                throw PghaException.unavailable("the restored data did not recover to "
                        + restore.target().describe() + ": " + (r.stdout() + r.stderr()).strip());
            }
            String promoted = r.stdout().strip();
            docker.copyFiles(
                    helper,
                    List.of(new ContainerFile(
                            SEED_SQL, rolesSql(credentials).getBytes(StandardCharsets.UTF_8), 0600, 0, 0)));
            r = docker.exec(helper, PgBackRestRestore.seedSql(superuser, SEED_SQL), SHORT);
            if (!r.ok()) {
                throw PghaException.unavailable("cannot set the new stack's passwords on the restored data: "
                        + r.stderr().strip());
            }
            r = docker.exec(helper, asPostgres(List.of("sh", "-c", PgBackRestRestore.stopScript())), SHORT);
            if (!r.ok()) {
                throw PghaException.unavailable("cannot stop the restored PostgreSQL cleanly: "
                        + r.stderr().strip());
            }
            return "backup " + restore.set() + " of " + sourceStack + " recovered to "
                    + restore.target().describe() + " (" + promoted + ")";
        } finally {
            docker.remove(helper);
        }
    }

    /** The roles whose passwords the restored data has from the source stack: the new stack's, as SCRAM verifiers. */
    static String rolesSql(StackCredentials c) {
        List<StackCredentials.Login> logins = new ArrayList<>(List.of(c.superuser(), c.replication(), c.admin()));
        StringBuilder sql = new StringBuilder("ALTER SYSTEM RESET ALL;\n");
        for (StackCredentials.Login l : logins) {
            sql.append("DO $pgha$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '")
                    .append(l.user())
                    .append("') THEN ALTER ROLE ")
                    .append(l.user())
                    .append(" PASSWORD '")
                    .append(StackRoles.verifier(l))
                    .append("'; END IF; END $pgha$;\n");
        }
        return sql.toString();
    }

    private static List<String> asPostgres(List<String> command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        return c;
    }
}
