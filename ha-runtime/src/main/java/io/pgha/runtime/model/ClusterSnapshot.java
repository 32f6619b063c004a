package io.pgha.runtime.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything pgha knows about one cluster at one moment, merged from etcd, Patroni, HAProxy, PostgreSQL
 * and Docker. Immutable; a new one is made for every change. Parts whose source did not answer are empty
 * or UNKNOWN, and {@link #sources()} says why.
 *
 * @param dynamicConfig Patroni's dynamic configuration (the DCS config key), as parsed JSON
 * @param hosts the Swarm's hosts when the cluster is placed on a Swarm (empty on one engine: docs/decisions/0044)
 */
public record ClusterSnapshot(
        String scope,
        Instant takenAt,
        Optional<String> leader,
        List<Member> members,
        SyncState sync,
        boolean paused,
        Optional<ScheduledSwitchover> scheduledSwitchover,
        List<EtcdMember> etcdMembers,
        List<RouterBackend> routerBackends,
        List<ContainerInfo> containers,
        List<HealthCheck> checks,
        List<SourceStatus> sources,
        Map<String, Object> dynamicConfig,
        List<HostInfo> hosts) {

    public ClusterSnapshot {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(takenAt, "takenAt");
        members = List.copyOf(members);
        etcdMembers = List.copyOf(etcdMembers);
        routerBackends = List.copyOf(routerBackends);
        containers = List.copyOf(containers);
        checks = List.copyOf(checks);
        sources = List.copyOf(sources);
        dynamicConfig = Map.copyOf(dynamicConfig);
        hosts = List.copyOf(hosts);
    }

    /** The same snapshot, taken at another moment: to tell a change from a repeat. */
    public ClusterSnapshot withTakenAt(Instant at) {
        return copy(at, members);
    }

    /** The same snapshot with these members. */
    public ClusterSnapshot withMembers(List<Member> others) {
        return copy(takenAt, others);
    }

    private ClusterSnapshot copy(Instant at, List<Member> withMembers) {
        return new ClusterSnapshot(
                scope,
                at,
                leader,
                withMembers,
                sync,
                paused,
                scheduledSwitchover,
                etcdMembers,
                routerBackends,
                containers,
                checks,
                sources,
                dynamicConfig,
                hosts);
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<Member> leaderMember() {
        return leader.flatMap(this::member);
    }

    public List<Member> replicas() {
        return members.stream()
                .filter(m -> !leader.map(m.name()::equals).orElse(false))
                .toList();
    }

    /** The container of that name. */
    public Optional<ContainerInfo> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The container a PostgreSQL member runs in: the one named like it (the compose stack pg-ha), else the one running
     * the compose service of its name (a stack made with another name calls pg-0's container NAME-pg-0).
     */
    public Optional<ContainerInfo> containerOf(String member) {
        Optional<ContainerInfo> named = container(member);
        if (named.isPresent()) {
            return named;
        }
        List<ContainerInfo> running =
                containers.stream().filter(c -> c.runs(member)).toList();
        return running.size() == 1 ? Optional.of(running.get(0)) : Optional.empty();
    }

    public Optional<SourceStatus> source(Source source) {
        return sources.stream().filter(s -> s.source() == source).findFirst();
    }

    /** Whether a majority of the etcd members is up (false when none is known). */
    public boolean etcdQuorum() {
        long up = etcdMembers.stream().filter(e -> e.health() == Health.UP).count();
        return !etcdMembers.isEmpty() && up > etcdMembers.size() / 2;
    }

    public ClusterHealth health() {
        if (members.isEmpty() && etcdMembers.isEmpty()) {
            return ClusterHealth.UNKNOWN;
        }
        if (leader.isEmpty() || (!etcdMembers.isEmpty() && !etcdQuorum())) {
            return ClusterHealth.DOWN;
        }
        boolean allMembersOk =
                members.stream().allMatch(m -> leader.get().equals(m.name()) ? m.isRunning() : m.isStreaming());
        boolean allEtcdUp = etcdMembers.stream().allMatch(e -> e.health() == Health.UP);
        boolean noFailingChecks = checks.stream().noneMatch(c -> c.status() == HealthCheck.Status.FAIL);
        return allMembersOk && allEtcdUp && noFailingChecks ? ClusterHealth.HEALTHY : ClusterHealth.DEGRADED;
    }
}
