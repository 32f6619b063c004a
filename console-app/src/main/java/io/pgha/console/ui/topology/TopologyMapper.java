package io.pgha.console.ui.topology;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.topology.Topology.EtcdNode;
import io.pgha.console.ui.topology.Topology.Link;
import io.pgha.console.ui.topology.Topology.PostgresNode;
import io.pgha.console.ui.topology.Topology.RouterNode;
import io.pgha.console.ui.topology.Topology.SupervisorNode;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.LagRule;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns a snapshot into what the topology draws; says health with a tone per node and link. */
public final class TopologyMapper {

    /** Patroni's default maximum_lag_on_failover; the alarm threshold when the cluster sets none. */
    public static final long DEFAULT_LAG_ALARM_BYTES = LagRule.DEFAULT_MAXIMUM_LAG;
    /** ContainerInfo's role of the supervisor's container. */
    public static final String SUPERVISOR_ROLE = "supervisor";

    private static final Set<String> STARTING_STATES = Set.of(
            "starting",
            "creating replica",
            "in archive recovery",
            "restarting",
            "running custom bootstrap script",
            "initializing new cluster");

    private TopologyMapper() {}

    public static Topology map(ClusterSnapshot snapshot) {
        return map(snapshot, Optional.empty());
    }

    /**
     * The drawing, with the handover of a switchover the console runs drawn from the old primary to the new.
     * What the handover stops on purpose (the two members, the router's write path, the old primary's read and
     * replication paths) is drawn in the planned colour rather than as failed; anything else keeps its tone.
     */
    public static Topology map(ClusterSnapshot snapshot, Optional<PlannedWork> planned) {
        Topology t = planned.flatMap(PlannedWork::member)
                .map(work -> withMemberWork(mapSnapshot(snapshot), work))
                .orElseGet(() -> mapSnapshot(snapshot));
        Optional<PlannedWork.Handover> handover = planned.flatMap(PlannedWork::handover)
                .filter(h -> snapshot.member(h.from()).isPresent()
                        && snapshot.member(h.to()).isPresent());
        if (handover.isEmpty()) {
            return t;
        }
        PlannedWork.Handover h = handover.get();
        Set<String> involved = Set.of(NodeId.postgres(h.from()), NodeId.postgres(h.to()));
        List<PostgresNode> postgres = t.postgres().stream()
                .map(p -> involved.contains(p.id()) && p.tone() != Tone.OK
                        ? new PostgresNode(
                                p.name(),
                                p.role(),
                                p.state(),
                                p.timeline(),
                                p.lagBytes(),
                                p.lagAlarm(),
                                p.pendingRestart(),
                                Tone.PLANNED)
                        : p)
                .toList();
        RouterNode router = t.router().tone() == Tone.FAIL
                ? new RouterNode(
                        true,
                        Tone.PLANNED,
                        t.router().writeSessions(),
                        t.router().readSessions())
                : t.router();
        List<Link> links = new ArrayList<>(t.links().stream()
                .map(l -> l.tone() != Tone.OK
                                && (l.kind() == Link.Kind.WRITE
                                        || involved.contains(l.to())
                                        || involved.contains(l.from()))
                        ? new Link(
                                l.kind(),
                                l.from(),
                                l.to(),
                                Tone.PLANNED,
                                l.kind() == Link.Kind.WRITE ? "writes paused" : l.label())
                        : l)
                .toList());
        links.add(new Link(
                Link.Kind.HANDOVER,
                NodeId.postgres(h.from()),
                NodeId.postgres(h.to()),
                Tone.PLANNED,
                "switching over"));
        return t.with(postgres, router, links);
    }

    /**
     * The member a day-two step acts on drawn in the planned colour with what happens to it ("being replaced ·
     * stopped"); a member being added that Patroni does not list yet is drawn as a replica to be.
     */
    static Topology withMemberWork(Topology t, PlannedWork.MemberWork work) {
        List<PostgresNode> postgres = new ArrayList<>(t.postgres());
        String label = work.change().label();
        boolean found = false;
        for (int i = 0; i < postgres.size(); i++) {
            PostgresNode p = postgres.get(i);
            if (p.name().equals(work.member())) {
                found = true;
                postgres.set(
                        i,
                        new PostgresNode(
                                p.name(),
                                p.role(),
                                p.state().isEmpty() ? label : label + " · " + p.state(),
                                p.timeline(),
                                p.lagBytes(),
                                p.lagAlarm(),
                                p.pendingRestart(),
                                Tone.PLANNED));
            }
        }
        if (!found && work.change() == PlannedWork.Change.ADDING) {
            postgres.add(new PostgresNode(
                    work.member(),
                    Role.REPLICA,
                    label,
                    java.util.OptionalInt.empty(),
                    java.util.OptionalLong.empty(),
                    false,
                    false,
                    Tone.PLANNED));
            postgres.sort(Comparator.comparing(PostgresNode::name));
        }
        return t.with(HostLanes.inLaneOrder(postgres, t.hosts(), PostgresNode::id), t.router(), t.links());
    }

    private static Topology mapSnapshot(ClusterSnapshot snapshot) {
        long lagAlarm = lagAlarmBytes(snapshot);
        List<EtcdNode> etcd = snapshot.etcdMembers().stream()
                .sorted(Comparator.comparing(EtcdMember::name))
                .map(TopologyMapper::etcdNode)
                .toList();
        List<PostgresNode> postgres = snapshot.members().stream()
                .sorted(Comparator.comparing(Member::name))
                .map(m -> postgresNode(snapshot, m, lagAlarm))
                .toList();
        RouterNode router = routerNode(snapshot);
        List<Topology.HostLane> hosts = HostLanes.of(snapshot.hosts());
        return new Topology(
                HostLanes.inLaneOrder(etcd, hosts, EtcdNode::id),
                HostLanes.inLaneOrder(postgres, hosts, PostgresNode::id),
                router,
                supervisorNode(snapshot),
                links(snapshot, postgres, router),
                snapshot.paused(),
                hosts);
    }

    /** The lag above which a replica is shown in alarm: the cluster's maximum_lag_on_failover. */
    public static long lagAlarmBytes(ClusterSnapshot snapshot) {
        return LagRule.maximumLag(snapshot);
    }

    private static EtcdNode etcdNode(EtcdMember e) {
        String detail = e.error()
                .orElseGet(
                        () -> e.raftTerm().isPresent() ? "term " + e.raftTerm().getAsLong() : "");
        Tone tone = Tone.of(e.health());
        if (tone == Tone.OK && !e.alarms().isEmpty()) {
            tone = Tone.WARN;
            detail = "alarm: " + String.join(", ", e.alarms());
        }
        return new EtcdNode(e.name(), e.leader(), tone, detail);
    }

    private static PostgresNode postgresNode(ClusterSnapshot snapshot, Member m, long lagAlarm) {
        boolean lagHigh =
                !m.role().isLeader() && m.lagBytes().isPresent() && m.lagBytes().getAsLong() > lagAlarm;
        Tone tone = memberTone(m, lagHigh);
        Optional<ContainerInfo> container = snapshot.container(m.name());
        if (container.isPresent() && !container.get().running()) {
            tone = Tone.FAIL;
        }
        return new PostgresNode(
                m.name(), m.role(), m.state(), m.timeline(), m.lagBytes(), lagHigh, m.pendingRestart(), tone);
    }

    private static Tone memberTone(Member m, boolean lagHigh) {
        if (STARTING_STATES.contains(m.state())) {
            return Tone.WARN;
        }
        if (m.role().isLeader()) {
            return m.isRunning() ? Tone.OK : Tone.FAIL;
        }
        if (!m.isRunning()) {
            return "unknown".equals(m.state()) ? Tone.UNKNOWN : Tone.FAIL;
        }
        return lagHigh || m.pendingRestart() ? Tone.WARN : Tone.OK;
    }

    private static RouterNode routerNode(ClusterSnapshot snapshot) {
        List<RouterBackend> backends = snapshot.routerBackends();
        boolean routerSourceKnown =
                snapshot.source(Source.ROUTER).map(SourceStatus::available).orElse(false);
        if (backends.isEmpty()) {
            boolean present =
                    routerSourceKnown || snapshot.source(Source.ROUTER).isPresent();
            return present ? new RouterNode(true, Tone.FAIL, 0, 0) : RouterNode.ABSENT;
        }
        long writeUp = countUp(backends, RouterBackend.WRITE_LISTENER);
        long readUp = countUp(backends, RouterBackend.READ_LISTENER);
        Tone tone;
        if (writeUp != 1) {
            tone = Tone.FAIL;
        } else if (readUp == 0 || backends.stream().anyMatch(b -> b.status() == RouterBackend.Status.UNKNOWN)) {
            tone = Tone.WARN;
        } else {
            tone = Tone.OK;
        }
        return new RouterNode(
                true,
                tone,
                sessions(backends, RouterBackend.WRITE_LISTENER),
                sessions(backends, RouterBackend.READ_LISTENER));
    }

    /** The supervisor's container, if the stack runs one; while Docker does not answer its state is unknown. */
    static SupervisorNode supervisorNode(ClusterSnapshot snapshot) {
        Optional<ContainerInfo> container = snapshot.containers().stream()
                .filter(c -> SUPERVISOR_ROLE.equals(c.role()))
                .findFirst();
        if (container.isEmpty()) {
            return SupervisorNode.ABSENT;
        }
        ContainerInfo c = container.get();
        if (!snapshot.source(Source.DOCKER).map(SourceStatus::available).orElse(false)) {
            return new SupervisorNode(true, c.name(), "unknown", "none", c.restartCount(), Tone.UNKNOWN);
        }
        return new SupervisorNode(true, c.name(), c.state(), c.health(), c.restartCount(), containerTone(c));
    }

    /** A container's health as the topology shows it: running and not unhealthy is fine, stopped is a failure. */
    public static Tone containerTone(ContainerInfo c) {
        return switch (c.state()) {
            case "running" ->
                switch (c.health()) {
                    case "unhealthy" -> Tone.FAIL;
                    case "starting" -> Tone.WARN;
                    default -> Tone.OK;
                };
            case "restarting", "paused" -> Tone.WARN;
            case "exited", "dead" -> Tone.FAIL;
            default -> Tone.UNKNOWN;
        };
    }

    private static long countUp(List<RouterBackend> backends, String listener) {
        return backends.stream()
                .filter(b -> b.listener().equals(listener) && b.status() == RouterBackend.Status.UP)
                .count();
    }

    private static long sessions(List<RouterBackend> backends, String listener) {
        return backends.stream()
                .filter(b -> b.listener().equals(listener))
                .mapToLong(RouterBackend::currentSessions)
                .sum();
    }

    private static List<Link> links(ClusterSnapshot snapshot, List<PostgresNode> postgres, RouterNode router) {
        List<Link> links = new ArrayList<>();
        Optional<String> leader = snapshot.leader();
        if (router.present()) {
            links.addAll(writeLinks(snapshot, leader));
            for (RouterBackend b : snapshot.routerBackends()) {
                boolean leaderDownByDesign =
                        leader.map(b.server()::equals).orElse(false) && b.status() != RouterBackend.Status.UP;
                if (b.listener().equals(RouterBackend.READ_LISTENER)
                        && snapshot.member(b.server()).isPresent()
                        && !leaderDownByDesign) {
                    Tone tone = b.status() == RouterBackend.Status.UP
                            ? Tone.OK
                            : b.status() == RouterBackend.Status.DOWN ? Tone.FAIL : Tone.UNKNOWN;
                    links.add(new Link(
                            Link.Kind.READ,
                            NodeId.ROUTER,
                            NodeId.postgres(b.server()),
                            tone,
                            b.status() == RouterBackend.Status.UP
                                    ? "reads"
                                    : "reads " + b.status().name().toLowerCase()));
                }
            }
        }
        leader.ifPresent(l -> postgres.stream()
                .filter(p -> !p.name().equals(l))
                .forEach(replica -> links.add(new Link(
                        Link.Kind.REPLICATION,
                        NodeId.postgres(l),
                        replica.id(),
                        replicationTone(replica),
                        Formats.lag(replica.lagBytes())))));
        return links;
    }

    private static List<Link> writeLinks(ClusterSnapshot snapshot, Optional<String> leader) {
        List<Link> links = new ArrayList<>();
        for (RouterBackend b : snapshot.routerBackends()) {
            if (b.listener().equals(RouterBackend.WRITE_LISTENER)
                    && b.status() == RouterBackend.Status.UP
                    && snapshot.member(b.server()).isPresent()) {
                boolean toLeader = leader.map(b.server()::equals).orElse(false);
                links.add(new Link(
                        Link.Kind.WRITE,
                        NodeId.ROUTER,
                        NodeId.postgres(b.server()),
                        toLeader ? Tone.OK : Tone.FAIL,
                        toLeader ? "writes" : "writes to a non-leader"));
            }
        }
        if (links.isEmpty()
                && leader.isPresent()
                && snapshot.member(leader.get()).isPresent()) {
            links.add(new Link(
                    Link.Kind.WRITE, NodeId.ROUTER, NodeId.postgres(leader.get()), Tone.FAIL, "no write route"));
        }
        return links;
    }

    private static Tone replicationTone(PostgresNode replica) {
        if (!replica.state().equals("streaming")) {
            return replica.tone() == Tone.WARN ? Tone.WARN : Tone.FAIL;
        }
        return replica.lagAlarm() ? Tone.WARN : Tone.OK;
    }
}
