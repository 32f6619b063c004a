package io.pgha.runtime.monitor;

import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HealthCheck.Kind;
import io.pgha.runtime.model.HealthCheck.Status;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniProbe;
import io.pgha.runtime.postgres.SqlProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The health checks of one snapshot, built from the sources' readings (a pure function): etcd endpoints
 * and quorum, Patroni's /health /liveness /readiness, PostgreSQL readiness, HAProxy's view of every
 * server against what the roles say it should be, the router probes, and the exporters.
 */
final class HealthChecks {

    private HealthChecks() {}

    static List<HealthCheck> build(SnapshotParts p, Optional<String> leader, List<Member> members) {
        List<HealthCheck> checks = new ArrayList<>();
        etcd(p, checks);
        patroni(p, checks);
        postgresReady(p, members, checks);
        router(p, leader, members, checks);
        p.postgres()
                .value()
                .flatMap(PostgresReading::write)
                .flatMap(w -> WalArchiveCheck.of(w.result().archiver(), leader, w.checkedAt()))
                .ifPresent(checks::add);
        p.exporters().value().ifPresent(checks::addAll);
        checks.addAll(p.certificates());
        return checks;
    }

    private static void etcd(SnapshotParts p, List<HealthCheck> checks) {
        Optional<EtcdClusterStatus> status = p.etcd().current();
        if (status.isEmpty()) {
            if (p.etcd().configured() && p.etcd().answered()) {
                checks.add(new HealthCheck(
                        Kind.ETCD_QUORUM,
                        "etcd",
                        Status.UNKNOWN,
                        Duration.ZERO,
                        p.etcd().updatedAt(),
                        p.etcd().reason().orElse("etcd status unknown")));
            }
            return;
        }
        EtcdClusterStatus s = status.get();
        for (EtcdMember m : s.members()) {
            Status st = switch (m.health()) {
                case UP -> m.alarms().isEmpty() ? Status.PASS : Status.WARN;
                case DOWN -> Status.FAIL;
                case UNKNOWN -> Status.UNKNOWN;
            };
            String detail = m.health() == Health.UP
                    ? (m.leader() ? "healthy, raft leader" : "healthy")
                            + m.raftTerm().stream()
                                    .mapToObj(t -> ", term " + t)
                                    .findFirst()
                                    .orElse("")
                            + (m.alarms().isEmpty() ? "" : ", alarms: " + String.join(", ", m.alarms()))
                    : m.error().orElse("unhealthy");
            checks.add(new HealthCheck(
                    Kind.ETCD_ENDPOINT,
                    m.name(),
                    st,
                    s.latencies().getOrDefault(m.name(), Duration.ZERO),
                    s.checkedAt(),
                    detail));
        }
        long healthy = s.healthy();
        checks.add(new HealthCheck(
                Kind.ETCD_QUORUM,
                "etcd",
                s.quorum() ? Status.PASS : Status.FAIL,
                Duration.ZERO,
                s.checkedAt(),
                healthy + " of " + s.members().size() + " members healthy"
                        + (s.quorum() ? "" : ": quorum lost, Patroni cannot keep a leader")));
    }

    private static void patroni(SnapshotParts p, List<HealthCheck> checks) {
        Optional<PatroniReading> reading = p.patroni().value();
        if (reading.isEmpty()) {
            return;
        }
        for (PatroniReading.Node n : reading.get().nodes().values()) {
            checks.add(probe(Kind.PATRONI_HEALTH, n, n.health(), "PostgreSQL is running", "PostgreSQL is not running"));
            checks.add(probe(
                    Kind.PATRONI_LIVENESS,
                    n,
                    n.liveness(),
                    "Patroni's HA loop is alive",
                    "Patroni's HA loop is not alive"));
            checks.add(probe(
                    Kind.PATRONI_READINESS,
                    n,
                    n.readiness(),
                    "ready (leading, or replicating within the allowed lag)",
                    "not ready to serve"));
        }
    }

    private static HealthCheck probe(
            Kind kind, PatroniReading.Node n, Optional<PatroniProbe> probe, String yes, String no) {
        if (probe.isEmpty() && n.checksPending() && n.error().isEmpty()) {
            return new HealthCheck(
                    kind,
                    n.name(),
                    Status.UNKNOWN,
                    Duration.ZERO,
                    n.checkedAt(),
                    "checking (asked with the next round)");
        }
        if (probe.isEmpty()) {
            return new HealthCheck(
                    kind,
                    n.name(),
                    Status.FAIL,
                    Duration.ZERO,
                    n.checkedAt(),
                    n.error().orElse("no answer"));
        }
        PatroniProbe r = probe.get();
        return new HealthCheck(
                kind,
                n.name(),
                r.ok() ? Status.PASS : Status.FAIL,
                r.latency(),
                n.checkedAt(),
                "HTTP " + r.statusCode() + " on " + r.endpoint() + ": " + (r.ok() ? yes : no));
    }

    /** pg_isready inside the container when on local Docker; otherwise what Patroni says of its PostgreSQL. */
    private static void postgresReady(SnapshotParts p, List<Member> members, List<HealthCheck> checks) {
        Set<String> names = new TreeSet<>();
        members.forEach(m -> names.add(m.name()));
        p.patroni().value().ifPresent(r -> names.addAll(r.nodes().keySet()));
        Optional<PostgresReading> pg = p.postgres().value();
        for (String name : names) {
            Optional<HealthCheck> fromDocker =
                    pg.flatMap(r -> Optional.ofNullable(r.nodeReadiness().get(name)));
            checks.add(fromDocker.orElseGet(
                    () -> fromPatroni(name, p.patroni().value().flatMap(r -> r.node(name)), p.now())));
        }
    }

    private static HealthCheck fromPatroni(String name, Optional<PatroniReading.Node> node, Instant now) {
        Optional<PatroniNode> own = node.flatMap(PatroniReading.Node::node);
        if (own.isEmpty()
                && node.filter(n -> n.checksPending() && n.error().isEmpty()).isPresent()) {
            // known from another member's /cluster, not asked yet itself (a light start)
            return new HealthCheck(
                    Kind.POSTGRES_READY,
                    name,
                    Status.UNKNOWN,
                    Duration.ZERO,
                    node.get().checkedAt(),
                    "checking (asked with the next round)");
        }
        if (own.isEmpty()) {
            return new HealthCheck(
                    Kind.POSTGRES_READY,
                    name,
                    Status.UNKNOWN,
                    Duration.ZERO,
                    node.map(PatroniReading.Node::checkedAt).orElse(now),
                    "unknown: Patroni does not answer and the node cannot be reached directly");
        }
        String state = own.get().state();
        Status st = switch (state) {
            case "running" -> Status.PASS;
            case "starting", "restarting", "creating replica", "running custom bootstrap script" -> Status.WARN;
            default -> Status.FAIL;
        };
        return new HealthCheck(
                Kind.POSTGRES_READY,
                name,
                st,
                Duration.ZERO,
                node.get().checkedAt(),
                "Patroni reports PostgreSQL " + state);
    }

    private static void router(
            SnapshotParts p, Optional<String> leader, List<Member> members, List<HealthCheck> checks) {
        for (RouterBackend b : p.router().current().orElse(List.of())) {
            checks.add(backend(b, leader, members, p.router().updatedAt()));
        }
        p.postgres().value().ifPresent(r -> {
            r.write().ifPresent(w -> checks.add(routerProbe(Kind.ROUTER_WRITE, w, false)));
            r.read().ifPresent(w -> checks.add(routerProbe(Kind.ROUTER_READ, w, true)));
        });
    }

    /**
     * HAProxy asks Patroni's /primary on the write listener and /replica on the read one, so the leader
     * should be the only server UP on the first, and the running replicas (without noloadbalance) UP on
     * the second. A mismatch on the write listener fails (writes go nowhere or to the wrong node); on the
     * read listener it warns.
     */
    static HealthCheck backend(RouterBackend b, Optional<String> leader, List<Member> members, Instant at) {
        Optional<Member> member =
                members.stream().filter(m -> m.name().equals(b.server())).findFirst();
        boolean isLeader = leader.map(b.server()::equals).orElse(false);
        boolean expectUp;
        if (RouterBackend.WRITE_LISTENER.equals(b.listener())) {
            expectUp = isLeader;
        } else if (RouterBackend.READ_LISTENER.equals(b.listener())) {
            expectUp = member.isPresent() && !isLeader && member.get().role().isReplica() && servesReads(member.get());
        } else {
            expectUp = b.status() == RouterBackend.Status.UP;
        }
        String target = b.listener() + "/" + b.server();
        Duration latency = b.checkLatencyMs().isPresent()
                ? Duration.ofMillis(b.checkLatencyMs().getAsLong())
                : Duration.ZERO;
        String seen = b.status() + (b.checkStatus().isEmpty() ? "" : " (" + b.checkStatus() + ")") + ", "
                + b.currentSessions() + " sessions";
        if (b.status() == RouterBackend.Status.MAINT || b.status() == RouterBackend.Status.DRAIN) {
            return new HealthCheck(
                    Kind.ROUTER_BACKEND, target, Status.WARN, latency, at, seen + ": taken out of rotation by hand");
        }
        boolean up = b.status() == RouterBackend.Status.UP;
        if (up == expectUp) {
            return new HealthCheck(Kind.ROUTER_BACKEND, target, Status.PASS, latency, at, seen + ", as expected");
        }
        boolean write = RouterBackend.WRITE_LISTENER.equals(b.listener());
        return new HealthCheck(
                Kind.ROUTER_BACKEND,
                target,
                write ? Status.FAIL : Status.WARN,
                latency,
                at,
                seen + ", expected " + (expectUp ? "UP" : "DOWN"));
    }

    private static boolean servesReads(Member m) {
        boolean running = m.isRunning() || "in archive recovery".equals(m.state());
        return running && !Boolean.parseBoolean(m.tags().getOrDefault("noloadbalance", "false"));
    }

    private static HealthCheck routerProbe(Kind kind, PostgresReading.Probe probe, boolean read) {
        SqlProbeResult r = probe.result();
        Status st;
        String detail = r.detail();
        if (!r.accepting()) {
            st = Status.FAIL;
        } else if (r.inRecovery().isEmpty() || r.inRecovery().get() == read) {
            st = Status.PASS;
        } else if (read) {
            st = Status.WARN;
            detail += ": the read port reached the primary";
        } else {
            st = Status.FAIL;
            detail += ": the write port reached a replica";
        }
        return new HealthCheck(kind, probe.target(), st, r.latency(), probe.checkedAt(), detail);
    }
}
