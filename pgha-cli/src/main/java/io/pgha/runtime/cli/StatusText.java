package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.monitor.ByteSize;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The readable {@code pgha status}: members like {@code patronictl list}, then etcd, router, containers, checks. */
final class StatusText {

    private StatusText() {}

    static String render(ClusterConnection c, ClusterSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Cluster ")
                .append(c.name())
                .append(" (scope ")
                .append(s.scope())
                .append("): ")
                .append(s.health())
                .append(s.paused() ? ", PAUSED (no automatic failover)" : "")
                .append("   at ")
                .append(s.takenAt().truncatedTo(ChronoUnit.SECONDS))
                .append('\n');
        s.scheduledSwitchover()
                .ifPresent(sw -> sb.append("Switchover pending: ")
                        .append(sw.from().orElse("leader"))
                        .append(" → ")
                        .append(sw.to().orElse("any"))
                        .append(sw.at().map(a -> " at " + a).orElse(""))
                        .append('\n'));
        if (s.sync().enabled()) {
            sb.append("Synchronous mode ")
                    .append(s.sync().mode())
                    .append(": ")
                    .append(String.join(", ", s.sync().syncStandbys()))
                    .append(s.sync().quorum().stream()
                            .mapToObj(q -> " (quorum " + q + ")")
                            .findFirst()
                            .orElse(""))
                    .append('\n');
        }
        sb.append('\n');

        TextTable members = new TextTable("Member", "Host", "Role", "State", "TL", "Lag", "Pending restart", "Tags");
        for (Member m : s.members()) {
            members.row(
                    m.name(),
                    m.host() + (m.port() == 5432 ? "" : ":" + m.port()),
                    role(m.role()),
                    m.state(),
                    m.timeline().isPresent() ? m.timeline().getAsInt() : "",
                    lag(m),
                    pending(m),
                    m.tags().entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        sb.append(s.members().isEmpty() ? "  no members known\n" : members.render("  "));

        sb.append("\netcd: ")
                .append(s.etcdMembers().isEmpty() ? "no members known" : s.etcdQuorum() ? "quorum" : "QUORUM LOST")
                .append('\n');
        if (!s.etcdMembers().isEmpty()) {
            TextTable etcd = new TextTable("Member", "Health", "Leader", "Term", "DB size", "Endpoint", "Problem");
            for (EtcdMember e : s.etcdMembers()) {
                etcd.row(
                        e.name(),
                        e.health(),
                        e.leader() ? "*" : "",
                        e.raftTerm().isPresent() ? e.raftTerm().getAsLong() : "",
                        e.dbSizeBytes().isPresent()
                                ? ByteSize.format(e.dbSizeBytes().getAsLong())
                                : "",
                        e.endpoint(),
                        e.alarms().isEmpty() ? e.error().orElse("") : "alarms: " + String.join(", ", e.alarms()));
            }
            sb.append(etcd.render("  "));
        }

        c.router()
                .ifPresent(r -> sb.append("\nrouter: write ")
                        .append(r.host())
                        .append(':')
                        .append(r.writePort())
                        .append(", read ")
                        .append(r.host())
                        .append(':')
                        .append(r.readPort())
                        .append('\n'));
        if (!s.routerBackends().isEmpty()) {
            TextTable router = new TextTable("Listener", "Server", "Status", "Check", "Latency", "Sessions");
            for (RouterBackend b : s.routerBackends()) {
                router.row(
                        b.listener(),
                        b.server(),
                        b.status(),
                        b.checkStatus(),
                        b.checkLatencyMs().isPresent() ? b.checkLatencyMs().getAsLong() + " ms" : "",
                        b.currentSessions());
            }
            sb.append(router.render("  "));
        }

        hosts(s, sb);

        if (!s.containers().isEmpty()) {
            sb.append("\ncontainers:\n");
            TextTable containers = new TextTable("Name", "Role", "State", "Health", "Restarts", "Started");
            for (ContainerInfo ci : s.containers()) {
                containers.row(
                        ci.name(),
                        ci.role(),
                        ci.state()
                                + ci.exitCode().stream()
                                        .mapToObj(x -> " (" + x + ")")
                                        .findFirst()
                                        .orElse(""),
                        ci.health(),
                        ci.restartCount(),
                        ci.startedAt()
                                .map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString())
                                .orElse(""));
            }
            sb.append(containers.render("  "));
        }

        Map<HealthCheck.Status, Long> counts = new EnumMap<>(HealthCheck.Status.class);
        s.checks().forEach(h -> counts.merge(h.status(), 1L, Long::sum));
        sb.append("\nchecks: ")
                .append(counts.getOrDefault(HealthCheck.Status.PASS, 0L))
                .append(" pass, ")
                .append(counts.getOrDefault(HealthCheck.Status.WARN, 0L))
                .append(" warn, ")
                .append(counts.getOrDefault(HealthCheck.Status.FAIL, 0L))
                .append(" fail, ")
                .append(counts.getOrDefault(HealthCheck.Status.UNKNOWN, 0L))
                .append(" unknown\n");
        TextTable problems = new TextTable("Status", "Check", "Detail");
        boolean any = false;
        for (HealthCheck h : s.checks()) {
            if (h.status() != HealthCheck.Status.PASS) {
                problems.row(h.status(), h.id(), h.detail());
                any = true;
            }
        }
        if (any) {
            sb.append(problems.render("  "));
        }
        for (SourceStatus st : s.sources()) {
            if (!st.available()
                    && st.reason().filter(r -> r.startsWith("not configured")).isEmpty()) {
                sb.append("unavailable: ")
                        .append(st.source())
                        .append(": ")
                        .append(st.reason().orElse("no answer"))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** The Swarm's hosts, when the cluster is placed on one; nothing on one engine (docs/decisions/0044). */
    static void hosts(ClusterSnapshot s, StringBuilder sb) {
        if (s.hosts().isEmpty()) {
            return;
        }
        long ready = s.hosts().stream().filter(HostInfo::ready).count();
        sb.append("\nhosts: ")
                .append(s.hosts().size())
                .append(" (")
                .append(ready)
                .append(" ready)\n");
        TextTable hosts = new TextTable("Host", "Address", "State", "Role", "Engine", "Resources", "Members");
        for (HostInfo h : s.hosts()) {
            hosts.row(h.name(), h.address(), h.stateText(), h.role(), h.engine(), h.resourcesText(), h.membersText());
        }
        sb.append(hosts.render("  "));
    }

    static String role(Role r) {
        return switch (r) {
            case LEADER -> "Leader";
            case STANDBY_LEADER -> "Standby Leader";
            case REPLICA -> "Replica";
            case SYNC_STANDBY -> "Sync Standby";
            case QUORUM_STANDBY -> "Quorum Standby";
            case UNKNOWN -> "?";
        };
    }

    private static String lag(Member m) {
        if (m.role().isLeader()) {
            return "";
        }
        OptionalLong lag = m.lagBytes();
        return lag.isPresent() ? ByteSize.format(lag.getAsLong()) : "unknown";
    }

    private static String pending(Member m) {
        String p = m.pendingRestart() ? "*" : "";
        return m.scheduledRestart()
                .map(Instant::toString)
                .map(t -> p + " scheduled " + t)
                .orElse(p)
                .strip();
    }
}
