package io.pgha.runtime.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of one health check.
 *
 * @param kind     what was checked
 * @param target   which member, etcd member, server or exporter
 * @param detail   what was seen, in words (the reason when not passing)
 */
public record HealthCheck(Kind kind, String target, Status status, Duration latency, Instant checkedAt, String detail) {

    public enum Kind {
        ETCD_ENDPOINT,
        ETCD_QUORUM,
        POSTGRES_READY,
        PATRONI_HEALTH,
        PATRONI_LIVENESS,
        PATRONI_READINESS,
        ROUTER_BACKEND,
        EXPORTER_SCRAPE,
        /** A connection through the router's write port lands on a primary (and commits, if asked). */
        ROUTER_WRITE,
        /** A connection through the router's read port lands on a server (a replica, when a login says so). */
        ROUTER_READ,
        /** A certificate of the cluster's own CA (and the CA's): WARN within 30 days of its end, FAIL past it. */
        CERTIFICATE_EXPIRY,
        /**
         * The primary's WAL archiver (pg_stat_archiver, read through the write port): FAIL while its last attempt failed,
         * e.g. on a full backups volume, since no restore can then go past the last archived segment.
         */
        WAL_ARCHIVE
    }

    public enum Status {
        PASS,
        WARN,
        FAIL,
        UNKNOWN
    }

    public String id() {
        return kind.name().toLowerCase() + ":" + target;
    }
}
