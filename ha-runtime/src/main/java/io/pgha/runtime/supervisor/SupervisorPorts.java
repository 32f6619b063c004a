package io.pgha.runtime.supervisor;

/**
 * Everything the supervisor talks to.
 *
 * @param resources closed after the supervisor's own threads and subscriptions
 */
public record SupervisorPorts(
        LeaderKeyPort leaderKey,
        ContainerPort containers,
        MemberReadiness readiness,
        RouterPort router,
        HeartbeatPort heartbeat,
        LeadershipPort leadership,
        AutoCloseable resources) {}
