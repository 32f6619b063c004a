package io.pgha.runtime.monitor;

import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.LiveLag;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.ScheduledSwitchover;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.model.SyncState;
import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Merges the sources' latest readings into one {@link ClusterSnapshot}; a pure function.
 *
 * <p>Who leads and who is a member comes from the DCS when it can be read (it is what Patroni itself
 * decides on); otherwise from Patroni's /cluster as a member sees it; otherwise from each member's own
 * /patroni. A source that is unavailable contributes nothing (its part is empty), never stale data.
 */
final class SnapshotAssembler {

    private SnapshotAssembler() {}

    static ClusterSnapshot assemble(SnapshotParts p) {
        Optional<DcsView> dcs = p.dcs().current();
        Optional<PatroniReading> patroni = p.patroni().current();
        Optional<PatroniCluster> patroniCluster = patroni.flatMap(PatroniReading::cluster);

        Optional<String> leader;
        List<Member> members;
        SyncState sync;
        boolean paused;
        Optional<ScheduledSwitchover> switchover;
        Map<String, Object> config;
        if (dcs.isPresent()) {
            leader = dcs.get().leader();
            members = dcs.get().members();
            sync = dcs.get().sync();
            paused = dcs.get().paused();
            switchover = dcs.get().failover();
            config = dcs.get().config();
        } else if (patroniCluster.isPresent()) {
            leader = patroniCluster.get().leader().map(Member::name);
            members = patroniCluster.get().members();
            sync = syncFromRoles(members);
            paused = patroniCluster.get().paused();
            switchover = patroniCluster.get().scheduledSwitchover();
            config = patroni.get().config().orElse(Map.of());
        } else {
            members = patroni.map(SnapshotAssembler::membersFromNodes).orElse(List.of());
            List<Member> claimingLeader =
                    members.stream().filter(m -> m.role().isLeader()).toList();
            leader = claimingLeader.size() == 1
                    ? Optional.of(claimingLeader.get(0).name())
                    : Optional.empty();
            sync = syncFromRoles(members);
            paused = patroni.map(r -> r.nodes().values().stream()
                            .anyMatch(n -> n.node().map(PatroniNode::paused).orElse(false)))
                    .orElse(false);
            switchover = Optional.empty();
            config = patroni.flatMap(PatroniReading::config).orElse(Map.of());
        }
        if (patroni.isPresent()) {
            members = members.stream()
                    .map(m -> overlay(m, patroni.get().node(m.name()).flatMap(PatroniReading.Node::node)))
                    .toList();
            members = LiveLag.apply(leader, members, ownAnswers(patroni.get()));
        }

        List<EtcdMember> etcd = p.etcd().current().map(s -> s.members()).orElse(List.of());
        List<RouterBackend> backends = p.router().current().orElse(List.of());
        List<ContainerInfo> containers = p.docker()
                .current()
                .map(l -> l.stream().map(StackContainer::info).toList())
                .orElse(List.of());
        List<SourceStatus> sources = new ArrayList<>(List.of(
                dcsStatus(p),
                p.patroni().status(),
                p.router().status(),
                p.postgres().status(),
                p.docker().status(),
                p.exporters().status()));
        if (p.swarm().configured()) {
            sources.add(p.swarm().status());
        }
        return new ClusterSnapshot(
                p.scope(),
                p.now(),
                leader,
                members,
                sync,
                paused,
                switchover,
                etcd,
                backends,
                containers,
                HealthChecks.build(p, leader, members),
                sources,
                config,
                p.swarm().current().orElse(List.of()));
    }

    /**
     * The DCS source covers two readings: the scope's keys and etcd's own member status, which answers later
     * when a member is down (its call waits for the timeout). While the keys are read but the member status is
     * not, the source stays available and its reason says why the etcd members are missing.
     */
    static SourceStatus dcsStatus(SnapshotParts p) {
        SourceStatus keys = p.dcs().status();
        Reading<?> members = p.etcd();
        if (!keys.available() || members.available() || !members.configured()) {
            return keys;
        }
        return new SourceStatus(
                Source.DCS,
                true,
                Optional.of("etcd member status: " + members.reason().orElse("no answer")),
                keys.updatedAt());
    }

    /**
     * The member's own answer is fresher than its DCS key for the timeline (Patroni writes the key once a
     * loop, after a promotion has finished), and adds pending-restart facts the key may lack.
     */
    static Member overlay(Member m, Optional<PatroniNode> own) {
        if (own.isEmpty()) {
            return m;
        }
        PatroniNode n = own.get();
        OptionalInt timeline = m.timeline();
        if (n.timeline().isPresent() && (timeline.isEmpty() || n.timeline().getAsInt() > timeline.getAsInt())) {
            timeline = n.timeline();
        }
        return new Member(
                m.name(),
                m.role(),
                m.state(),
                timeline,
                m.lsn(),
                m.lagBytes(),
                m.host(),
                m.port(),
                m.apiUrl(),
                m.tags().isEmpty() ? n.tags() : m.tags(),
                m.pendingRestart() || n.pendingRestart(),
                m.scheduledRestart().or(n::scheduledRestart));
    }

    /** What each member reported itself this round: its WAL position and whether it leads. */
    private static Map<String, LiveLag.OwnAnswer> ownAnswers(PatroniReading r) {
        Map<String, LiveLag.OwnAnswer> answers = new java.util.HashMap<>();
        r.nodes()
                .forEach((name, node) -> node.node()
                        .ifPresent(n -> answers.put(
                                name, new LiveLag.OwnAnswer(n.lsn(), n.role().isLeader()))));
        return answers;
    }

    private static List<Member> membersFromNodes(PatroniReading r) {
        List<Member> members = new ArrayList<>();
        for (PatroniReading.Node node : r.nodes().values()) {
            node.node()
                    .ifPresent(n -> members.add(new Member(
                            n.name().orElse(node.name()),
                            n.role(),
                            n.displayState(),
                            n.timeline(),
                            n.lsn(),
                            OptionalLong.empty(),
                            "",
                            5432,
                            node.url() + "/patroni",
                            n.tags(),
                            n.pendingRestart(),
                            n.scheduledRestart())));
        }
        members.sort(Comparator.comparing(Member::name));
        return members;
    }

    private static SyncState syncFromRoles(List<Member> members) {
        List<String> sync = members.stream()
                .filter(m -> m.role() == Role.SYNC_STANDBY || m.role() == Role.QUORUM_STANDBY)
                .map(Member::name)
                .toList();
        if (sync.isEmpty()) {
            return SyncState.OFF;
        }
        boolean quorum = members.stream().anyMatch(m -> m.role() == Role.QUORUM_STANDBY);
        return new SyncState(quorum ? "quorum" : "on", sync, OptionalInt.empty());
    }
}
