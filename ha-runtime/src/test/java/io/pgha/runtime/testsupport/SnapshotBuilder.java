package io.pgha.runtime.testsupport;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.ScheduledSwitchover;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.model.SyncState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The one way tests make a {@link ClusterSnapshot}, so that none spells out its thirteen fields: from nothing (cluster
 * {@code pg-ha} at {@link #AT}, no leader, no members, synchronous mode off, not paused, nothing else known) or from a
 * snapshot to change. Members, etcd members, router backends, containers and sources are added or replaced one at a time
 * by their name (a replaced one keeps its place; new members and etcd members go in name order, as the monitor lists
 * them); {@link MemberBuilder} makes the members.
 */
public final class SnapshotBuilder {

    public static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private String scope = "pg-ha";
    private Instant takenAt = AT;
    private Optional<String> leader = Optional.empty();
    private final List<Member> members = new ArrayList<>();
    private SyncState sync = SyncState.OFF;
    private boolean paused;
    private Optional<ScheduledSwitchover> scheduledSwitchover = Optional.empty();
    private final List<EtcdMember> etcdMembers = new ArrayList<>();
    private final List<RouterBackend> routerBackends = new ArrayList<>();
    private final List<ContainerInfo> containers = new ArrayList<>();
    private final List<HealthCheck> checks = new ArrayList<>();
    private final List<SourceStatus> sources = new ArrayList<>();
    private final Map<String, Object> dynamicConfig = new LinkedHashMap<>();
    private final List<HostInfo> hosts = new ArrayList<>();

    private SnapshotBuilder() {}

    public static SnapshotBuilder snapshot() {
        return new SnapshotBuilder();
    }

    public static SnapshotBuilder from(ClusterSnapshot s) {
        return snapshot()
                .scope(s.scope())
                .takenAt(s.takenAt())
                .leader(s.leader())
                .members(s.members())
                .sync(s.sync())
                .paused(s.paused())
                .scheduledSwitchover(s.scheduledSwitchover())
                .etcdMembers(s.etcdMembers())
                .routerBackends(s.routerBackends())
                .containers(s.containers())
                .checks(s.checks())
                .sources(s.sources())
                .dynamicConfig(s.dynamicConfig())
                .hosts(s.hosts());
    }

    public SnapshotBuilder scope(String scope) {
        this.scope = scope;
        return this;
    }

    public SnapshotBuilder takenAt(Instant at) {
        this.takenAt = at;
        return this;
    }

    public SnapshotBuilder later(long seconds) {
        return takenAt(takenAt.plusSeconds(seconds));
    }

    /** The member holding the leader key; null for none. */
    public SnapshotBuilder leader(String member) {
        return leader(Optional.ofNullable(member));
    }

    public SnapshotBuilder leader(Optional<String> member) {
        this.leader = member;
        return this;
    }

    public SnapshotBuilder members(List<Member> all) {
        members.clear();
        members.addAll(all);
        return this;
    }

    public SnapshotBuilder members(Member... all) {
        return members(List.of(all));
    }

    public SnapshotBuilder member(Member m) {
        putInNameOrder(members, m, Member::name);
        return this;
    }

    public SnapshotBuilder without(String member) {
        members.removeIf(m -> m.name().equals(member));
        return this;
    }

    public SnapshotBuilder sync(SyncState sync) {
        this.sync = sync;
        return this;
    }

    public SnapshotBuilder sync(String mode, String... standbys) {
        return sync(new SyncState(mode, List.of(standbys), OptionalInt.empty()));
    }

    public SnapshotBuilder paused(boolean paused) {
        this.paused = paused;
        return this;
    }

    public SnapshotBuilder scheduledSwitchover(Optional<ScheduledSwitchover> switchover) {
        this.scheduledSwitchover = switchover;
        return this;
    }

    public SnapshotBuilder etcdMembers(List<EtcdMember> all) {
        etcdMembers.clear();
        etcdMembers.addAll(all);
        return this;
    }

    public SnapshotBuilder etcdMember(EtcdMember e) {
        putInNameOrder(etcdMembers, e, EtcdMember::name);
        return this;
    }

    public SnapshotBuilder routerBackends(List<RouterBackend> all) {
        routerBackends.clear();
        routerBackends.addAll(all);
        return this;
    }

    public SnapshotBuilder routerBackend(RouterBackend b) {
        put(routerBackends, b, x -> x.listener() + "/" + x.server());
        return this;
    }

    public SnapshotBuilder containers(List<ContainerInfo> all) {
        containers.clear();
        containers.addAll(all);
        return this;
    }

    public SnapshotBuilder container(ContainerInfo c) {
        put(containers, c, ContainerInfo::name);
        return this;
    }

    public SnapshotBuilder checks(List<HealthCheck> all) {
        checks.clear();
        checks.addAll(all);
        return this;
    }

    public SnapshotBuilder sources(List<SourceStatus> all) {
        sources.clear();
        sources.addAll(all);
        return this;
    }

    public SnapshotBuilder source(SourceStatus s) {
        put(sources, s, SourceStatus::source);
        return this;
    }

    public SnapshotBuilder dynamicConfig(Map<String, Object> all) {
        dynamicConfig.clear();
        dynamicConfig.putAll(all);
        return this;
    }

    public SnapshotBuilder config(String key, Object value) {
        dynamicConfig.put(key, value);
        return this;
    }

    public SnapshotBuilder hosts(List<HostInfo> all) {
        hosts.clear();
        hosts.addAll(all);
        return this;
    }

    /** A Swarm's host, added or replaced by its name. */
    public SnapshotBuilder host(HostInfo h) {
        put(hosts, h, HostInfo::name);
        return this;
    }

    public ClusterSnapshot build() {
        return new ClusterSnapshot(
                scope,
                takenAt,
                leader,
                members,
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

    private static <T> void put(List<T> list, T item, Function<T, ?> key) {
        for (int i = 0; i < list.size(); i++) {
            if (key.apply(list.get(i)).equals(key.apply(item))) {
                list.set(i, item);
                return;
            }
        }
        list.add(item);
    }

    private static <T> void putInNameOrder(List<T> list, T item, Function<T, String> name) {
        list.removeIf(x -> name.apply(x).equals(name.apply(item)));
        int at = 0;
        while (at < list.size() && name.apply(list.get(at)).compareTo(name.apply(item)) < 0) {
            at++;
        }
        list.add(at, item);
    }
}
