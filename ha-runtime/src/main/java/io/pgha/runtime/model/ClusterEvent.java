package io.pgha.runtime.model;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to the cluster, derived from consecutive snapshots or written by an operation.
 *
 * @param subject  the member, etcd member, server or container it is about ("cluster" for the whole)
 * @param details  machine-readable facts (old/new leader, timeline, lag, operation parameters …)
 */
public record ClusterEvent(
        Instant at, Kind kind, Severity severity, String subject, String message, Map<String, String> details) {

    public enum Kind {
        LEADER_CHANGED,
        MEMBER_JOINED,
        MEMBER_LEFT,
        MEMBER_STATE_CHANGED,
        ROLE_CHANGED,
        LAG_HIGH,
        LAG_RECOVERED,
        ETCD_MEMBER_DOWN,
        ETCD_MEMBER_UP,
        QUORUM_LOST,
        QUORUM_REGAINED,
        ROUTER_BACKEND_UP,
        ROUTER_BACKEND_DOWN,
        CONTAINER_DIED,
        CONTAINER_STARTED,
        CONTAINER_RESTARTED,
        PAUSED,
        RESUMED,
        SOURCE_UNAVAILABLE,
        SOURCE_RECOVERED,
        OPERATION,
        SUPERVISOR,
        BACKUP_STARTED,
        BACKUP_FINISHED,
        BACKUP_FAILED,
        /** The primary's WAL archiver started failing (e.g. a full backups volume): the recoverable window stops. */
        ARCHIVE_FAILING,
        /** The WAL archiver archived a segment again after failing. */
        ARCHIVE_RESUMED,
        HOST_DOWN,
        HOST_UP
    }

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public ClusterEvent {
        details = Map.copyOf(details);
    }
}
