package io.pgha.runtime.swarm;

/** A PostgreSQL node as its own host saw it, asked over the local socket. */
public enum HostRole {
    /** Primary and not read-only. */
    WRITABLE,
    /** In recovery or read-only. */
    READ_ONLY,
    /** The container runs, PostgreSQL in it does not answer: not writable either. */
    NOT_ANSWERING,
    /** The host, its engine or the task's container does not answer: nothing known. */
    UNREACHABLE;

    /** psql's {@code -XAt} answer to "writable?", or an error text, as a role. */
    public static HostRole ofPsql(String output) {
        String out = output == null ? "" : output.strip();
        if (out.equals("t")) {
            return WRITABLE;
        }
        if (out.equals("f")) {
            return READ_ONLY;
        }
        return out.contains("psql: error") ? NOT_ANSWERING : UNREACHABLE;
    }
}
