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
 * <p>In place (docs/decisions/0025) the source is the stack itself, its nodes stopped: before the restore, what each
 * PostgreSQL data volume holds is moved aside into {@link #SET_ASIDE}{@code <epoch seconds>} in the same volume (a
 * rename, no copy), so the first node restores into an empty directory and the others clone from it; nothing is
 * deleted until the restored cluster is healthy ({@link #dropSetAside()}).
 *
 * @param sourceStack the stack whose repository volume is read
 * @param restore     what pgBackRest restores and where recovery ends
 * @param timeout     the longest the restore and the recovery may take
 * @param inPlace     whether the stack restores itself (its data volumes set aside first)
 * @param stamp       the name the set-aside directories get after {@link #SET_ASIDE} (epoch seconds), which a rollback
 *                    moves back (docs/decisions/0034)
 */
public record RestoreSeed(
        String sourceStack, PgBackRestRestore restore, Duration timeout, boolean inPlace, String stamp) {

    /** Into a new stack (docs/decisions/0022). */
    public RestoreSeed(String sourceStack, PgBackRestRestore restore, Duration timeout) {
        this(sourceStack, restore, timeout, false);
    }

    /** Set aside under the time now, in epoch seconds. */
    public RestoreSeed(String sourceStack, PgBackRestRestore restore, Duration timeout, boolean inPlace) {
        this(
                sourceStack,
                restore,
                timeout,
                inPlace,
                Long.toString(java.time.Instant.now().getEpochSecond()));
    }

    /** The directory, in each data volume, that holds what the volume had before an in-place restore. */
    public static final String SET_ASIDE = ".pgha-before-restore-";

    /** The helper's label (its value the stack's name). */
    static final String HELPER_LABEL = "io.pgha.restore-helper";

    /** Where the helper mounts the other nodes' data volumes during an in-place restore. */
    static final String ASIDE_MOUNT = "/home/postgres/aside/";

    private static final String DATA_MOUNT = "/home/postgres/pgdata";

    /** The node that gets the restored data and leads first. */
    static final String FIRST = "pg-0";

    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final String SEED_SQL = "/tmp/pgha-restore-roles.sql";

    /** Runs the restore into {@code plan}'s first node's data volume; says what it restored. */
    String run(DockerEngine docker, DockerPlan plan, StackCredentials credentials, Consumer<String> progress) {
        StackLayout layout = plan.layout();
        String source = Backups.volumeOf(sourceStack);
        if (docker.volume(source).isEmpty()) {
            throw PghaException.notFound("stack " + sourceStack + " has no backups volume " + source);
        }
        String image = plan.withRole(Role.POSTGRES).getFirst().container().image();
        String helper = layout.containerName(FIRST) + "-restore";
        docker.container(helper).ifPresent(c -> docker.remove(helper));
        Map<String, String> mounts = new java.util.LinkedHashMap<>();
        mounts.put(layout.volumeName(FIRST + "-data"), DATA_MOUNT);
        mounts.put(source, PgBackRestRestore.SOURCE_MOUNT + ContainerSpec.READ_ONLY);
        if (inPlace) {
            layout.pgNodes().stream()
                    .filter(n -> !n.equals(FIRST))
                    .forEach(n -> mounts.put(layout.volumeName(n + "-data"), ASIDE_MOUNT + n));
        }
        docker.createContainer(
                helperSpec(image, helper, layout.network(), plan.spec().name(), mounts));
        try {
            docker.start(helper);
            String superuser = credentials.superuser().user();
            if (inPlace) {
                progress.accept("the data of " + String.join(", ", layout.pgNodes()) + " moved aside into " + SET_ASIDE
                        + stamp + " in each data volume (kept until the restored cluster is healthy)");
                ExecResult aside = docker.exec(helper, List.of("sh", "-c", setAsideScript(stamp)), SHORT);
                if (!aside.ok()) {
                    throw PghaException.unavailable("cannot move the old data aside in the data volumes: "
                            + (aside.stdout() + aside.stderr()).strip());
                }
            }
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

    /**
     * As root in the helper: in the first node's data volume and in each other node's, everything but earlier set-aside
     * directories moved into {@link #SET_ASIDE}{@code stamp} (a rename in the same file system), then an empty data
     * directory for pgBackRest.
     */
    static String setAsideScript(String stamp) {
        return "set -eu\n"
                + "for d in " + DATA_MOUNT + " " + ASIDE_MOUNT + "*; do\n"
                + "  [ -d \"$d\" ] || continue\n"
                + "  a=\"$d/" + SET_ASIDE + stamp + "\"\n"
                + "  mkdir -p \"$a\"\n"
                + "  find \"$d\" -mindepth 1 -maxdepth 1 ! -name '" + SET_ASIDE + "*' -exec mv -t \"$a\" {} +\n"
                + "done\n"
                + "mkdir -p " + PgBackRestRestore.PGDATA + "\n"
                + "chown -R postgres:postgres " + DATA_MOUNT + "/pgroot\n"
                + "chmod 700 " + PgBackRestRestore.PGDATA + "\n";
    }

    /** As root in a node's container once the restored cluster is healthy: what was set aside, deleted. */
    public static List<String> dropSetAside() {
        return List.of("sh", "-c", "rm -rf " + DATA_MOUNT + "/" + SET_ASIDE + "*");
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

    /**
     * The idle helper container that works on a stack's volumes while its nodes are stopped (labelled so that
     * a run cleans up what it made): restore's seed and the rollback of a failed in-place restore.
     */
    static ContainerSpec helperSpec(
            String image, String helper, String network, String stack, Map<String, String> mounts) {
        return new ContainerSpec(
                helper,
                image,
                helper,
                network,
                List.of(),
                Map.of(),
                Map.of(HELPER_LABEL, stack),
                mounts,
                List.of(),
                Optional.empty(),
                List.of(),
                Optional.of(Duration.ofSeconds(30)),
                false,
                Map.of(),
                List.of("--idle"));
    }
}
