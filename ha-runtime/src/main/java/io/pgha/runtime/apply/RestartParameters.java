package io.pgha.runtime.apply;

import java.util.Set;

/**
 * PostgreSQL parameters of context {@code postmaster}: a reload does not apply them, a restart does (Patroni marks the
 * member "pending restart"). Only the fallback of {@link ParameterChanges} when the leader's pg_settings cannot be read
 * (a dry run on a stack whose leader is down); otherwise the server tells.
 */
final class RestartParameters {

    private static final Set<String> POSTMASTER = Set.of(
            "archive_mode",
            "autovacuum_max_workers",
            "hot_standby",
            "huge_pages",
            "listen_addresses",
            "max_connections",
            "max_files_per_process",
            "max_locks_per_transaction",
            "max_logical_replication_workers",
            "max_pred_locks_per_transaction",
            "max_prepared_transactions",
            "max_replication_slots",
            "max_wal_senders",
            "max_worker_processes",
            "port",
            "shared_buffers",
            "shared_preload_libraries",
            "superuser_reserved_connections",
            "track_commit_timestamp",
            "wal_buffers",
            "wal_level",
            "wal_log_hints");

    private RestartParameters() {}

    static boolean needsRestart(String parameter) {
        return POSTMASTER.contains(parameter);
    }
}
