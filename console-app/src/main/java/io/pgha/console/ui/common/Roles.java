package io.pgha.console.ui.common;

import io.pgha.runtime.model.Role;

/** A member's role in words, never Patroni's identifiers ({@code quorum_standby}). */
public final class Roles {

    private Roles() {}

    public static String label(Role role) {
        return switch (role) {
            case LEADER -> "primary";
            case STANDBY_LEADER -> "standby leader";
            case SYNC_STANDBY -> "sync standby";
            case QUORUM_STANDBY -> "quorum standby";
            case REPLICA -> "replica";
            case UNKNOWN -> "unknown role";
        };
    }
}
