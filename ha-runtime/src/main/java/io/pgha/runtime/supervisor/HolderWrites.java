package io.pgha.runtime.supervisor;

/**
 * The leader key's holder's own word, asked through the engine that runs its container ({@code docker exec}, which
 * needs no network), on whether its PostgreSQL could still take a write (docs/decisions/0073-fence-a-demoted-holder).
 *
 * @param kind   what the answer says
 * @param detail what was seen, for the log (never a secret)
 */
public record HolderWrites(Kind kind, String detail) {

    public enum Kind {
        /** PostgreSQL answered that it is not in recovery: it takes writes (or may): never fenced. */
        ACCEPTS_WRITES,
        /** PostgreSQL answered {@code pg_is_in_recovery() = t}: Patroni demoted it. */
        IN_RECOVERY,
        /**
         * PostgreSQL refused the local socket and its control file says "shut down": no postmaster, or one past its
         * shutdown checkpoint (every backend gone, none admitted), which cannot write again.
         */
        SHUT_DOWN,
        /** Anything else: the exec failed or timed out (a paused container), or the answer was not one of the above. */
        UNKNOWN
    }

    public static HolderWrites unknown(String detail) {
        return new HolderWrites(Kind.UNKNOWN, detail);
    }

    /** Whether the holder said itself that it cannot take a write now. Only then is its key fenced. */
    public boolean cannotWrite() {
        return kind == Kind.IN_RECOVERY || kind == Kind.SHUT_DOWN;
    }
}
