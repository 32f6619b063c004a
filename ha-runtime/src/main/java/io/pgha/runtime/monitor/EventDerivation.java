package io.pgha.runtime.monitor;

import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterEvent.Kind;
import io.pgha.runtime.model.ClusterEvent.Severity;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Derives events from a sequence of snapshots; a pure function of the last {@link Memory} and the new
 * snapshot. The memory is what the previous events said (the baseline), so a part whose source was
 * unavailable for a while is compared with what was last known, not with nothing: a source going dark
 * never makes members "leave" or servers go "down".
 *
 * <p>A leader change is reported once the new leader runs on a new timeline (Patroni has promoted it),
 * or after {@link #PROMOTION_GRACE} at the latest; router changes wait for it, so the events read in the
 * order things happen: the leader changes, then the router follows.
 */
final class EventDerivation {

    static final Duration PROMOTION_GRACE = Duration.ofSeconds(10);
    private static final String NOT_CONFIGURED = "not configured";

    private EventDerivation() {}

    /** What the events so far have said: the baseline the next snapshot is compared with. */
    public record Memory(
            Optional<Map<String, Member>> members,
            Optional<String> leader,
            OptionalInt leaderTimeline,
            boolean leaderless,
            Optional<PendingLeader> pending,
            Map<String, RouterBackend.Status> router,
            Map<String, Health> etcd,
            Optional<Boolean> quorum,
            Map<String, ContainerInfo> containers,
            Optional<Boolean> paused,
            Map<Source, Boolean> sources,
            Set<String> lagging,
            Map<String, String> hosts,
            Optional<ArchiveSeen> archive) {

        public Memory {
            hosts = Map.copyOf(hosts);
            members = members.map(Map::copyOf);
            router = Map.copyOf(router);
            etcd = Map.copyOf(etcd);
            containers = Map.copyOf(containers);
            sources = Map.copyOf(sources);
            lagging = Set.copyOf(lagging);
        }
    }

    /** The WAL archive's check last seen: on which primary, and whether it failed. */
    public record ArchiveSeen(String primary, boolean failing) {}

    /** A member that took the leader key and is not yet seen running on a new timeline. */
    public record PendingLeader(String name, Instant since) {}

    public record Result(List<ClusterEvent> events, Memory memory) {
        public Result {
            events = List.copyOf(events);
        }
    }

    /** The baseline of a first snapshot: nothing is reported about it. */
    public static Memory initial(ClusterSnapshot s, long lagThreshold) {
        return derive(
                        new Memory(
                                Optional.empty(),
                                Optional.empty(),
                                OptionalInt.empty(),
                                false,
                                Optional.empty(),
                                Map.of(),
                                Map.of(),
                                Optional.empty(),
                                Map.of(),
                                Optional.empty(),
                                Map.of(),
                                Set.of(),
                                Map.of(),
                                Optional.empty()),
                        s,
                        lagThreshold)
                .memory();
    }

    public static Result derive(Memory m, ClusterSnapshot s, long lagThreshold) {
        Builder b = new Builder(s.takenAt());
        Map<Source, Boolean> sources = sources(m, s, b);
        Map<String, ContainerInfo> containers = containers(m, s, b);
        Map<String, Health> etcd = etcd(m, s, b);
        Optional<Boolean> quorum = quorum(m, s, b);
        Map<String, String> hosts = hosts(m, s, b);
        boolean membersKnown = available(s, Source.DCS) || available(s, Source.PATRONI);

        Optional<Map<String, Member>> members = m.members();
        Optional<String> leader = m.leader();
        OptionalInt leaderTimeline = m.leaderTimeline();
        boolean leaderless = m.leaderless();
        Optional<PendingLeader> pending = m.pending();
        Set<String> lagging = new HashSet<>(m.lagging());
        Optional<Boolean> paused = m.paused();
        if (membersKnown) {
            Map<String, Member> now = new LinkedHashMap<>();
            s.members().forEach(x -> now.put(x.name(), x));
            members.ifPresent(before -> left(before, now, b));

            Optional<String> current = s.leader();
            if (current.isEmpty()) {
                pending = Optional.empty();
                if (!leaderless && m.members().isPresent()) {
                    b.add(
                            Kind.LEADER_CHANGED,
                            Severity.CRITICAL,
                            "cluster",
                            "no leader: "
                                    + leader.map(l -> l + " no longer holds the leader lock")
                                            .orElse("nobody holds the leader lock"),
                            Map.of("old", leader.orElse(""), "new", ""));
                }
                leaderless = m.members().isPresent() || leaderless;
            } else {
                String l = current.get();
                OptionalInt tl = s.member(l).map(Member::timeline).orElse(OptionalInt.empty());
                boolean changed = !leader.map(l::equals).orElse(false) || leaderless;
                if (m.members().isEmpty()) {
                    leader = current;
                    leaderTimeline = tl;
                } else if (changed) {
                    boolean promoted = tl.isEmpty()
                            || leaderTimeline.isEmpty()
                            || tl.getAsInt() > leaderTimeline.getAsInt()
                            || leader.map(l::equals).orElse(false);
                    Instant since = pending.filter(p -> p.name().equals(l))
                            .map(PendingLeader::since)
                            .orElse(s.takenAt());
                    if (promoted || !s.takenAt().isBefore(since.plus(PROMOTION_GRACE))) {
                        Map<String, String> details = new LinkedHashMap<>();
                        details.put("old", leader.orElse(""));
                        details.put("new", l);
                        tl.ifPresent(t -> details.put("timeline", String.valueOf(t)));
                        b.add(
                                Kind.LEADER_CHANGED,
                                Severity.WARNING,
                                l,
                                "leader changed: " + leader.orElse("none") + " → " + l
                                        + (tl.isPresent() ? " (timeline " + tl.getAsInt() + ")" : ""),
                                details);
                        leader = current;
                        leaderTimeline = tl;
                        leaderless = false;
                        pending = Optional.empty();
                    } else {
                        pending = Optional.of(new PendingLeader(l, since));
                    }
                } else {
                    if (tl.isPresent() && (leaderTimeline.isEmpty() || tl.getAsInt() > leaderTimeline.getAsInt())) {
                        leaderTimeline = tl;
                    }
                    pending = Optional.empty();
                }
            }
            members.ifPresent(before -> changedOrJoined(before, now, b));
            lag(now, current, lagThreshold, lagging, b);
            if (paused.isPresent() && paused.get() != s.paused()) {
                b.add(
                        s.paused() ? Kind.PAUSED : Kind.RESUMED,
                        Severity.WARNING,
                        "cluster",
                        s.paused() ? "Patroni is paused: no automatic failover" : "Patroni resumed automatic failover",
                        Map.of());
            }
            paused = Optional.of(s.paused());
            members = Optional.of(now);
        }
        Map<String, RouterBackend.Status> router = pending.isPresent() ? m.router() : router(m, s, b);
        Optional<ArchiveSeen> archive = archive(m, s, b);
        return new Result(
                b.events,
                new Memory(
                        members,
                        leader,
                        leaderTimeline,
                        leaderless,
                        pending,
                        router,
                        etcd,
                        quorum,
                        containers,
                        paused,
                        sources,
                        lagging,
                        hosts,
                        archive));
    }

    /**
     * The WAL archive's check (docs/decisions/0056) going FAIL or back to PASS; nothing while the snapshot has none (the
     * write probe did not answer), and nothing about the first one seen on a primary: a new primary's archiver starts
     * with empty statistics, so its first check says nothing about the old one's failures.
     */
    private static Optional<ArchiveSeen> archive(Memory m, ClusterSnapshot s, Builder b) {
        Optional<HealthCheck> check = s.checks().stream()
                .filter(c -> c.kind() == HealthCheck.Kind.WAL_ARCHIVE)
                .filter(c -> c.status() == HealthCheck.Status.PASS || c.status() == HealthCheck.Status.FAIL)
                .findFirst();
        if (check.isEmpty()) {
            return m.archive();
        }
        ArchiveSeen now = new ArchiveSeen(check.get().target(), check.get().status() == HealthCheck.Status.FAIL);
        m.archive()
                .filter(before -> before.primary().equals(now.primary()) && before.failing() != now.failing())
                .ifPresent(before -> b.add(
                        now.failing() ? Kind.ARCHIVE_FAILING : Kind.ARCHIVE_RESUMED,
                        now.failing() ? Severity.CRITICAL : Severity.INFO,
                        now.primary(),
                        (now.failing() ? "WAL archive failing: " : "WAL archive resumed: ")
                                + check.get().detail(),
                        Map.of()));
        return Optional.of(now);
    }

    /**
     * A host of a Swarm that leaves the ready state (down, disconnected) or comes back to it; a host not seen before is
     * only remembered, and nothing is said while the Swarm's managers do not answer.
     */
    private static Map<String, String> hosts(Memory m, ClusterSnapshot s, Builder b) {
        if (!available(s, Source.SWARM)) {
            return m.hosts();
        }
        Map<String, String> now = new LinkedHashMap<>();
        for (HostInfo h : s.hosts()) {
            now.put(h.name(), h.state());
            String before = m.hosts().get(h.name());
            if (before == null || before.equals(h.state())) {
                continue;
            }
            boolean wasReady = "ready".equals(before);
            if (wasReady || h.ready()) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("old", before);
                details.put("new", h.state());
                details.put("address", h.address());
                details.put("members", String.join(",", h.memberNames()));
                b.add(
                        h.ready() ? Kind.HOST_UP : Kind.HOST_DOWN,
                        h.ready() ? Severity.INFO : Severity.CRITICAL,
                        h.name(),
                        h.ready()
                                ? "host " + h.name() + " is ready again (was " + before + ")"
                                : "host " + h.name() + " is " + h.state() + " (was " + before + "): "
                                        + (h.memberNames().isEmpty()
                                                ? "no member placed there"
                                                : String.join(", ", h.memberNames()) + " unreachable"),
                        details);
            }
        }
        return now;
    }

    private static Map<Source, Boolean> sources(Memory m, ClusterSnapshot s, Builder b) {
        Map<Source, Boolean> result = new LinkedHashMap<>(m.sources());
        for (SourceStatus st : s.sources()) {
            if (st.reason().filter(r -> r.startsWith(NOT_CONFIGURED)).isPresent()) {
                result.remove(st.source());
                continue;
            }
            Boolean before = m.sources().get(st.source());
            if (before != null && before != st.available()) {
                b.add(
                        st.available() ? Kind.SOURCE_RECOVERED : Kind.SOURCE_UNAVAILABLE,
                        st.available() ? Severity.INFO : Severity.WARNING,
                        st.source().name().toLowerCase(),
                        st.source()
                                + (st.available()
                                        ? " answers again"
                                        : " unavailable: " + st.reason().orElse("no answer")),
                        Map.of());
            }
            result.put(st.source(), st.available());
        }
        return result;
    }

    private static Map<String, ContainerInfo> containers(Memory m, ClusterSnapshot s, Builder b) {
        if (!available(s, Source.DOCKER)) {
            return m.containers();
        }
        Map<String, ContainerInfo> now = new LinkedHashMap<>();
        for (ContainerInfo c : s.containers()) {
            now.put(c.name(), c);
            ContainerInfo before = m.containers().get(c.name());
            if (before == null) {
                continue;
            }
            if (before.running() && !c.running()) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("state", c.state());
                c.exitCode().ifPresent(x -> details.put("exitCode", String.valueOf(x)));
                b.add(
                        Kind.CONTAINER_DIED,
                        "postgres".equals(c.role()) ? Severity.CRITICAL : Severity.WARNING,
                        c.name(),
                        "container " + c.name() + " died (" + c.state()
                                + c.exitCode().stream()
                                        .mapToObj(x -> ", exit " + x)
                                        .findFirst()
                                        .orElse("") + ")",
                        details);
            } else if (!before.running() && c.running()) {
                b.add(Kind.CONTAINER_STARTED, Severity.INFO, c.name(), "container " + c.name() + " started", Map.of());
            } else if (c.running()
                    && (c.restartCount() > before.restartCount()
                            || !c.startedAt().equals(before.startedAt()))) {
                b.add(
                        Kind.CONTAINER_RESTARTED,
                        Severity.WARNING,
                        c.name(),
                        "container " + c.name() + " restarted (restart count " + c.restartCount() + ")",
                        Map.of("restartCount", String.valueOf(c.restartCount())));
            }
        }
        return now;
    }

    private static Map<String, Health> etcd(Memory m, ClusterSnapshot s, Builder b) {
        if (s.etcdMembers().isEmpty()) {
            return m.etcd();
        }
        Map<String, Health> now = new LinkedHashMap<>(m.etcd());
        for (EtcdMember e : s.etcdMembers()) {
            if (e.health() == Health.UNKNOWN) {
                continue;
            }
            Health before = m.etcd().get(e.name());
            if (before == Health.UP && e.health() == Health.DOWN) {
                b.add(
                        Kind.ETCD_MEMBER_DOWN,
                        Severity.WARNING,
                        e.name(),
                        "etcd member " + e.name() + " is down: " + e.error().orElse("no answer"),
                        Map.of("endpoint", e.endpoint()));
            } else if (before == Health.DOWN && e.health() == Health.UP) {
                b.add(
                        Kind.ETCD_MEMBER_UP,
                        Severity.INFO,
                        e.name(),
                        "etcd member " + e.name() + " is healthy again",
                        Map.of("endpoint", e.endpoint()));
            }
            now.put(e.name(), e.health());
        }
        return now;
    }

    /**
     * The quorum is decided only by what the members' health proves: a majority up, or so many down that no
     * majority can be up. Members not yet checked (the first rounds after a start) decide nothing, so a quorum
     * that was never lost is never "regained".
     */
    private static Optional<Boolean> quorum(Memory m, ClusterSnapshot s, Builder b) {
        int size = s.etcdMembers().size();
        long up = s.etcdMembers().stream().filter(e -> e.health() == Health.UP).count();
        long down =
                s.etcdMembers().stream().filter(e -> e.health() == Health.DOWN).count();
        boolean decided = size > 0 && (up > size / 2 || down >= size - size / 2);
        if (!decided) {
            return m.quorum();
        }
        boolean q = s.etcdQuorum();
        String count = up + " of " + size + " members healthy";
        if (m.quorum().isPresent() && m.quorum().get() && !q) {
            b.add(
                    Kind.QUORUM_LOST,
                    Severity.CRITICAL,
                    "etcd",
                    "etcd lost quorum: " + count,
                    Map.of("healthy", String.valueOf(up)));
        } else if (m.quorum().isPresent() && !m.quorum().get() && q) {
            b.add(
                    Kind.QUORUM_REGAINED,
                    Severity.INFO,
                    "etcd",
                    "etcd has quorum again: " + count,
                    Map.of("healthy", String.valueOf(up)));
        }
        return Optional.of(q);
    }

    private static void left(Map<String, Member> before, Map<String, Member> now, Builder b) {
        before.forEach((name, x) -> {
            if (!now.containsKey(name)) {
                b.add(
                        Kind.MEMBER_LEFT,
                        Severity.WARNING,
                        name,
                        name + " left the cluster (was " + x.state() + ")",
                        Map.of("lastState", x.state()));
            }
        });
    }

    private static void changedOrJoined(Map<String, Member> before, Map<String, Member> now, Builder b) {
        now.forEach((name, x) -> {
            Member old = before.get(name);
            if (old == null) {
                b.add(
                        Kind.MEMBER_JOINED,
                        Severity.INFO,
                        name,
                        name + " joined (" + x.role().patroniName() + ", " + x.state() + ")",
                        Map.of("role", x.role().patroniName(), "state", x.state()));
                return;
            }
            if (old.role() != x.role()) {
                b.add(
                        Kind.ROLE_CHANGED,
                        Severity.INFO,
                        name,
                        name + ": " + old.role().patroniName() + " → "
                                + x.role().patroniName(),
                        Map.of("old", old.role().patroniName(), "new", x.role().patroniName()));
            }
            if (!old.state().equals(x.state())) {
                boolean fine = x.isRunning();
                b.add(
                        Kind.MEMBER_STATE_CHANGED,
                        fine ? Severity.INFO : Severity.WARNING,
                        name,
                        name + ": " + old.state() + " → " + x.state(),
                        Map.of("old", old.state(), "new", x.state()));
            }
        });
    }

    private static void lag(
            Map<String, Member> now, Optional<String> leader, long threshold, Set<String> lagging, Builder b) {
        lagging.retainAll(now.keySet());
        for (Member x : now.values()) {
            if (leader.map(x.name()::equals).orElse(false) || x.lagBytes().isEmpty()) {
                continue;
            }
            long lag = x.lagBytes().getAsLong();
            if (lag > threshold && lagging.add(x.name())) {
                b.add(
                        Kind.LAG_HIGH,
                        Severity.WARNING,
                        x.name(),
                        x.name() + " lags " + ByteSize.format(lag) + " behind the leader (threshold "
                                + ByteSize.format(threshold) + ")",
                        Map.of("lagBytes", String.valueOf(lag), "threshold", String.valueOf(threshold)));
            } else if (lag <= threshold && lagging.remove(x.name())) {
                b.add(
                        Kind.LAG_RECOVERED,
                        Severity.INFO,
                        x.name(),
                        x.name() + " caught up (lag " + ByteSize.format(lag) + ")",
                        Map.of("lagBytes", String.valueOf(lag), "threshold", String.valueOf(threshold)));
            }
        }
    }

    private static Map<String, RouterBackend.Status> router(Memory m, ClusterSnapshot s, Builder b) {
        if (!available(s, Source.ROUTER)) {
            return m.router();
        }
        Map<String, RouterBackend.Status> now = new LinkedHashMap<>();
        for (RouterBackend r : s.routerBackends()) {
            String key = r.listener() + "/" + r.server();
            now.put(key, r.status());
            RouterBackend.Status before = m.router().get(key);
            if (before == null || before == r.status()) {
                continue;
            }
            boolean up = r.status() == RouterBackend.Status.UP;
            if (up || before == RouterBackend.Status.UP) {
                boolean writeLeader = RouterBackend.WRITE_LISTENER.equals(r.listener());
                b.add(
                        up ? Kind.ROUTER_BACKEND_UP : Kind.ROUTER_BACKEND_DOWN,
                        !up && writeLeader ? Severity.WARNING : Severity.INFO,
                        key,
                        "router: " + r.server() + " is " + r.status() + " on " + r.listener() + " (was " + before + ")",
                        Map.of(
                                "listener",
                                r.listener(),
                                "server",
                                r.server(),
                                "old",
                                before.name(),
                                "new",
                                r.status().name()));
            }
        }
        return now;
    }

    private static boolean available(ClusterSnapshot s, Source source) {
        return s.source(source).map(SourceStatus::available).orElse(false);
    }

    private static final class Builder {
        private final Instant at;
        private final List<ClusterEvent> events = new ArrayList<>();

        Builder(Instant at) {
            this.at = at;
        }

        void add(Kind kind, Severity severity, String subject, String message, Map<String, String> details) {
            events.add(new ClusterEvent(at, kind, severity, subject, message, details));
        }
    }
}
