package io.pgha.runtime.supervisor;

import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import java.time.Duration;
import java.util.List;

/**
 * The question {@link ContainerPort#askWrites} puts to a member's container through its engine: PostgreSQL over its
 * local socket ({@code pg_is_in_recovery()}, as the stack's superuser, whom the socket admits without a password), and
 * when it does not answer, whether a postmaster is there at all. Nothing secret is on the command lines.
 */
final class HolderQuestion {

    static final Duration CALL = Duration.ofSeconds(2);
    static final String SOCKET = "/var/run/postgresql";
    static final String PID_FILE = "/home/postgres/pgdata/pgroot/data/postmaster.pid";

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
        ExecResult postmaster;
        try {
            postmaster = engine.exec(
                    container,
                    List.of(
                            "sh",
                            "-c",
                            "pg_isready -q -h " + SOCKET + " -t 1; r=$?; if [ -e " + PID_FILE
                                    + " ]; then echo \"$r pid\"; else echo \"$r nopid\"; fi"),
                    CALL);
        } catch (RuntimeException e) {
            return HolderWrites.unknown("exec failed: " + e.getMessage());
        }
        return fromPostmaster(postmaster.ok() ? postmaster.stdout().strip() : "exit " + postmaster.exitCode());
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
     * pg_isready's exit code and whether {@code postmaster.pid} is there: 2 (no answer on the socket) with no pid file
     * is no postmaster — one that runs keeps its pid file, and one that crashed leaves it (then: unknown).
     */
    static HolderWrites fromPostmaster(String answer) {
        if (answer.equals("2 nopid")) {
            return new HolderWrites(
                    HolderWrites.Kind.NO_POSTMASTER, "no postmaster: nothing on the socket, no postmaster.pid");
        }
        return HolderWrites.unknown("psql could not connect; pg_isready and pid file: " + answer);
    }
}
