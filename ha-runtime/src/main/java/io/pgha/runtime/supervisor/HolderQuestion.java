package io.pgha.runtime.supervisor;

import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import java.time.Duration;
import java.util.List;

/**
 * The question {@link ContainerPort#askWrites} puts to a member's container through its engine: PostgreSQL over its
 * local socket ({@code pg_is_in_recovery()}, as the stack's superuser, whom the socket admits without a password), and
 * when it does not answer, its control file's cluster state ({@code pg_controldata}). Nothing secret is on the command
 * lines.
 */
final class HolderQuestion {

    static final Duration CALL = Duration.ofSeconds(2);
    static final String SOCKET = "/var/run/postgresql";
    static final String PGDATA = "/home/postgres/pgdata/pgroot/data";

    private HolderQuestion() {}

    static HolderWrites ask(DockerEngine engine, String container, String superuser) {
        ExecResult recovery;
        try {
            recovery = engine.exec(
                    container,
                    List.of("psql", "-U", superuser, "-h", SOCKET, "-XAtc", "SELECT pg_is_in_recovery()"),
                    CALL);
        } catch (RuntimeException e) {
            return HolderWrites.unknown("exec failed: " + e.getMessage());
        }
        if (recovery.ok()) {
            return fromRecovery(recovery.stdout().strip());
        }
        ExecResult control;
        try {
            control = engine.exec(container, List.of("pg_controldata", PGDATA), CALL);
        } catch (RuntimeException e) {
            return HolderWrites.unknown("exec failed: " + e.getMessage());
        }
        return fromControlFile(
                control.ok() ? clusterState(control.stdout()) : "pg_controldata exit " + control.exitCode());
    }

    /** The value of pg_controldata's "Database cluster state:" line, or "" without one. */
    static String clusterState(String controldata) {
        return controldata
                .lines()
                .filter(l -> l.startsWith("Database cluster state:"))
                .map(l -> l.substring("Database cluster state:".length()).strip())
                .findFirst()
                .orElse("");
    }

    /** psql's {@code -XAt} answer to {@code SELECT pg_is_in_recovery()}. */
    static HolderWrites fromRecovery(String answer) {
        return switch (answer) {
            case "t" -> new HolderWrites(HolderWrites.Kind.IN_RECOVERY, "pg_is_in_recovery() = t");
            case "f" -> new HolderWrites(HolderWrites.Kind.ACCEPTS_WRITES, "pg_is_in_recovery() = f");
            default -> HolderWrites.unknown("psql answered '" + answer + "'");
        };
    }

    /**
     * The control file's cluster state, read when PostgreSQL refused the local socket. "shut down" is written by the
     * shutdown checkpoint, which a postmaster writes only after every backend has exited and from when it admits none:
     * that postmaster cannot write again (it is gone, or only waiting for its WAL senders, as a cut-off primary's does
     * after Patroni's fast shutdown). A standby's states say recovery. Anything else ("in production" after a crash,
     * "in crash recovery", unreadable) is unknown.
     */
    static HolderWrites fromControlFile(String state) {
        return switch (state) {
            case "shut down" ->
                new HolderWrites(HolderWrites.Kind.SHUT_DOWN, "refused the socket; control file: shut down");
            case "shut down in recovery", "in archive recovery" ->
                new HolderWrites(HolderWrites.Kind.IN_RECOVERY, "refused the socket; control file: " + state);
            default -> HolderWrites.unknown("psql could not connect; control file: " + state);
        };
    }
}
