package io.pgha.runtime.supervisor;

import java.util.Optional;

/** Whether a new leader is ready for writes, asked of its PostgreSQL and, when that cannot answer, of its Patroni. */
public interface MemberReadiness {

    /** true: accepts writes; false: read-only; empty: its PostgreSQL cannot be asked (no login, not up, not a member). */
    Optional<Boolean> postgresAcceptsWrites(String member);

    /** Whether the member's Patroni reports its PostgreSQL as primary; false when it does not answer. */
    boolean patroniSaysPrimary(String member);
}
