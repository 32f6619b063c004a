package io.pgha.runtime.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One Patroni member as pgha sees it.
 *
 * @param state            Patroni's state text: running, streaming, in archive recovery, starting, stopped,
 *                         crashed, creating replica, … ("unknown" when no source knows)
 * @param timeline         empty when unknown
 * @param lsn              the WAL position (received/replayed for replicas, current for the leader), empty when unknown
 * @param lagBytes         replication lag; empty means unknown (Patroni sometimes says "unknown"), never zero by default
 * @param apiUrl           the Patroni REST URL as the member publishes it (may be container-internal)
 * @param tags             Patroni tags (nofailover, noloadbalance, clonefrom, nosync, failover_priority …) as text
 * @param scheduledRestart when a restart is scheduled on this member
 */
public record Member(
        String name,
        Role role,
        String state,
        OptionalInt timeline,
        OptionalLong lsn,
        OptionalLong lagBytes,
        String host,
        int port,
        String apiUrl,
        Map<String, String> tags,
        boolean pendingRestart,
        Optional<Instant> scheduledRestart) {

    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        state = state == null ? "unknown" : state;
        tags = Map.copyOf(tags);
    }

    /** The same member at another WAL position and lag. */
    public Member withPosition(OptionalLong position, OptionalLong lag) {
        return new Member(
                name, role, state, timeline, position, lag, host, port, apiUrl, tags, pendingRestart, scheduledRestart);
    }

    public boolean isStreaming() {
        return "streaming".equals(state);
    }

    public boolean isRunning() {
        return "running".equals(state) || "streaming".equals(state);
    }

    public boolean noFailover() {
        return Boolean.parseBoolean(tags.getOrDefault("nofailover", "false"));
    }
}
