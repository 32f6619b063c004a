package io.pgha.runtime.model;

import java.util.Locale;

/** A member's role, in Patroni's vocabulary. */
public enum Role {
    LEADER,
    STANDBY_LEADER,
    REPLICA,
    SYNC_STANDBY,
    QUORUM_STANDBY,
    UNKNOWN;

    /** Patroni says "leader", "primary", "master", "standby_leader", "replica", "sync_standby", "quorum_standby". */
    public static Role fromPatroni(String role) {
        if (role == null) {
            return UNKNOWN;
        }
        return switch (role.toLowerCase(Locale.ROOT).replace(' ', '_')) {
            case "leader", "primary", "master" -> LEADER;
            case "standby_leader" -> STANDBY_LEADER;
            case "replica", "standby" -> REPLICA;
            case "sync_standby" -> SYNC_STANDBY;
            case "quorum_standby" -> QUORUM_STANDBY;
            default -> UNKNOWN;
        };
    }

    public boolean isLeader() {
        return this == LEADER || this == STANDBY_LEADER;
    }

    public boolean isReplica() {
        return this == REPLICA || this == SYNC_STANDBY || this == QUORUM_STANDBY;
    }

    public String patroniName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
