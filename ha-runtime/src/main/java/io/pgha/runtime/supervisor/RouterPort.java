package io.pgha.runtime.supervisor;

/** HAProxy's runtime API: the two commands the supervisor sends. */
public interface RouterPort {

    void forceHealth(String listener, String member, boolean up);

    void shutdownSessions(String listener, String member);
}
