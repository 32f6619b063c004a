package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import java.time.Duration;

/**
 * The closest safe stand-in for a full disk on the primary's data volume (docs/decisions/0065): the kernel refuses the
 * primary's writes into files past {@link #LIMIT_BYTES} (RLIMIT_FSIZE of every process of its container, Patroni
 * included, so that each PostgreSQL Patroni starts again inherits it). PostgreSQL cannot write WAL and PANICs, its
 * restarts fail, Patroni gives the leader key up and a replica is promoted. Nothing is written: no filesystem fills.
 * Healed: the limit lifted from every process of the container, and the old primary streaming as a replica.
 */
final class DiskWritesRefusedFault implements HandoverFault {

    /** Past every WAL segment's first 64 KiB; under it Patroni's own small files and PostgreSQL's start-up still fit. */
    static final long LIMIT_BYTES = 64 * 1024;

    /** Lifts the limit by itself when the drill never healed it (its JVM died). */
    static final Duration DEAD_MAN = Duration.ofMinutes(15);

    /** The user PostgreSQL and Patroni run as in Spilo and pgha's local image; only it may lower their limits. */
    static final String USER = "postgres";

    private static final Duration EXEC_LIMIT = Duration.ofSeconds(20);
    static final String APPLIED = "pgha-fsize-applied";
    static final String HEALED = "pgha-fsize-healed";

    private static final FileSizeLimitCommands COMMANDS = FileSizeLimitCommands.of(LIMIT_BYTES, DEAD_MAN);

    private String container;

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        container = tools.target().containerOf(leader);
        String out = tools.docker()
                .execAs(container, USER, EXEC_LIMIT, "sh", "-c", COMMANDS.apply() + " && echo " + APPLIED);
        if (!out.contains(APPLIED)) {
            tools.docker().execAs(container, USER, EXEC_LIMIT, "sh", "-c", COMMANDS.heal());
            throw PghaException.unavailable("could not lower the file-size limit of " + container + "'s processes"
                    + " as " + USER + " (prlimit): " + out.strip());
        }
        return InjectedFault.healedBy(() -> {
                    String healed = tools.docker()
                            .execAs(
                                    container,
                                    USER,
                                    EXEC_LIMIT,
                                    "sh",
                                    "-c",
                                    COMMANDS.heal() + "\n" + COMMANDS.healed() + " && echo " + HEALED);
                    if (!healed.contains(HEALED)) {
                        throw PghaException.unavailable(
                                "could not lift the file-size limit in " + container + ": " + healed.strip());
                    }
                })
                .withNote(COMMANDS.mechanism() + ", in " + container);
    }

    /** No process of the old primary's container has the limit left. */
    @Override
    public boolean healed(FaultTools tools) {
        if (container == null) {
            return true;
        }
        try {
            return tools.docker()
                    .execAs(container, USER, EXEC_LIMIT, "sh", "-c", COMMANDS.healed() + " && echo " + HEALED)
                    .contains(HEALED);
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
