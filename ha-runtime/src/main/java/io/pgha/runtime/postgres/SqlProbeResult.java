package io.pgha.runtime.postgres;

import java.time.Duration;
import java.util.Optional;

/**
 * What one probe through a PostgreSQL port found.
 *
 * @param accepting   the server spoke the protocol and accepted (or refused to authenticate) the connection,
 *                    which is what pg_isready calls "accepting connections"
 * @param inRecovery  whether the server that answered is a replica (only known with a login)
 * @param server      the answering server's address (only known with a login)
 * @param wrote       whether a write committed (only when asked, with a login, on a primary)
 * @param detail      what happened, in words
 * @param archiver    the WAL archiver's statistics (only with a login, on a primary)
 */
public record SqlProbeResult(
        boolean accepting,
        Optional<Boolean> inRecovery,
        Optional<String> server,
        boolean wrote,
        Duration latency,
        String detail,
        Optional<ArchiverStats> archiver) {}
