package io.pgha.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.SourceStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JSON of {@code pgha status --json} and {@code pgha watch --json}, built field by field so the
 * documented schema (docs/status-json.md) does not move when the Java records do.
 */
final class StatusJson {

    static final int SCHEMA = 1;
    private static final ObjectMapper JSON = Json.mapper();

    private StatusJson() {}

    static String status(ClusterConnection c, ClusterSnapshot s) {
        return status(c, s, java.util.Optional.empty());
    }

    /** With {@code history}: a "metrics" object, metric to line to its figures now, min and max (`pgha status --metrics --json`). */
    static String status(ClusterConnection c, ClusterSnapshot s, java.util.Optional<Object> history) {
        return status(c, s, history, Optional.empty());
    }

    /** With {@code backups}: a "backups" object, the recoverable window, the last backup, the archive and warnings. */
    static String status(
            ClusterConnection c,
            ClusterSnapshot s,
            java.util.Optional<Object> history,
            Optional<BackupsStatus> backups) {
        return status(c, s, history, backups, Optional.empty());
    }

    /**
     * With {@code unfinished}: an "unfinishedReplaces" array, what interrupted replaces left (for a stack pgha made on
     * this engine).
     */
    static String status(
            ClusterConnection c,
            ClusterSnapshot s,
            java.util.Optional<Object> history,
            Optional<BackupsStatus> backups,
            Optional<UnfinishedReplacesStatus> unfinished) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("cluster", c.name());
        root.put("scope", s.scope());
        root.put("takenAt", s.takenAt().toString());
        root.put("health", s.health().name());
        put(root, "leader", s.leader());
        root.put("paused", s.paused());
        ObjectNode sync = root.putObject("sync");
        sync.put("mode", s.sync().mode());
        ArrayNode standbys = sync.putArray("standbys");
        s.sync().syncStandbys().forEach(standbys::add);
        put(sync, "quorum", s.sync().quorum());
        if (s.scheduledSwitchover().isPresent()) {
            ObjectNode sw = root.putObject("scheduledSwitchover");
            put(sw, "at", s.scheduledSwitchover().get().at().map(Instant::toString));
            put(sw, "from", s.scheduledSwitchover().get().from());
            put(sw, "to", s.scheduledSwitchover().get().to());
        } else {
            root.putNull("scheduledSwitchover");
        }
        ArrayNode members = root.putArray("members");
        for (Member m : s.members()) {
            ObjectNode n = members.addObject();
            n.put("name", m.name());
            n.put("role", m.role().patroniName());
            n.put("state", m.state());
            put(n, "timeline", m.timeline());
            put(n, "lsn", m.lsn());
            put(n, "lagBytes", m.lagBytes());
            n.put("host", m.host());
            n.put("port", m.port());
            n.put("apiUrl", m.apiUrl());
            put(n, "restUrl", Optional.ofNullable(c.patroniUrls().get(m.name())));
            ObjectNode tags = n.putObject("tags");
            m.tags().forEach(tags::put);
            n.put("pendingRestart", m.pendingRestart());
            put(n, "scheduledRestart", m.scheduledRestart().map(Instant::toString));
        }
        ObjectNode etcd = root.putObject("etcd");
        if (s.etcdMembers().isEmpty()) {
            etcd.putNull("quorum");
        } else {
            etcd.put("quorum", s.etcdQuorum());
        }
        ArrayNode etcdMembers = etcd.putArray("members");
        for (EtcdMember e : s.etcdMembers()) {
            ObjectNode n = etcdMembers.addObject();
            n.put("name", e.name());
            n.put("endpoint", e.endpoint());
            n.put("health", e.health().name());
            n.put("leader", e.leader());
            put(n, "raftTerm", e.raftTerm());
            put(n, "dbSizeBytes", e.dbSizeBytes());
            ArrayNode alarms = n.putArray("alarms");
            e.alarms().forEach(alarms::add);
            put(n, "error", e.error());
        }
        ArrayNode router = root.putArray("router");
        for (RouterBackend b : s.routerBackends()) {
            ObjectNode n = router.addObject();
            n.put("listener", b.listener());
            n.put("server", b.server());
            n.put("status", b.status().name());
            n.put("checkStatus", b.checkStatus());
            put(n, "checkLatencyMs", b.checkLatencyMs());
            n.put("sessions", b.currentSessions());
        }
        ArrayNode containers = root.putArray("containers");
        for (ContainerInfo ci : s.containers()) {
            ObjectNode n = containers.addObject();
            n.put("name", ci.name());
            n.put("role", ci.role());
            n.put("image", ci.image());
            n.put("state", ci.state());
            n.put("health", ci.health());
            n.put("restartCount", ci.restartCount());
            put(n, "startedAt", ci.startedAt().map(Instant::toString));
            put(n, "exitCode", ci.exitCode());
        }
        ArrayNode hosts = root.putArray("hosts");
        for (HostInfo h : s.hosts()) {
            ObjectNode n = hosts.addObject();
            n.put("name", h.name());
            n.put("address", h.address());
            n.put("state", h.state());
            n.put("availability", h.availability());
            n.put("role", h.role());
            n.put("engine", h.engine());
            put(n, "cpus", h.cpus());
            put(n, "memoryBytes", h.memoryBytes());
            ArrayNode placed = n.putArray("members");
            for (HostInfo.Placed p : h.members()) {
                ObjectNode m = placed.addObject();
                m.put("name", p.member());
                m.put("task", p.task());
            }
        }
        ArrayNode checks = root.putArray("checks");
        for (HealthCheck h : s.checks()) {
            ObjectNode n = checks.addObject();
            n.put("kind", h.kind().name());
            n.put("target", h.target());
            n.put("status", h.status().name());
            n.put("latencyMs", h.latency().toMillis());
            n.put("checkedAt", h.checkedAt().toString());
            n.put("detail", h.detail());
        }
        ArrayNode sources = root.putArray("sources");
        for (SourceStatus st : s.sources()) {
            ObjectNode n = sources.addObject();
            n.put("source", st.source().name());
            n.put("available", st.available());
            put(n, "reason", st.reason());
            n.put("updatedAt", st.updatedAt().toString());
        }
        history.ifPresent(h -> root.set("metrics", JSON.valueToTree(h)));
        backups.ifPresent(b -> b.json(root));
        unfinished.ifPresent(u -> u.json(root));
        return write(root, true);
    }

    static String event(ClusterEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", e.at().toString());
        n.put("kind", e.kind().name());
        n.put("severity", e.severity().name());
        n.put("subject", e.subject());
        n.put("message", e.message());
        ObjectNode details = n.putObject("details");
        new java.util.TreeMap<>(e.details()).forEach(details::put);
        return write(n, false);
    }

    private static String write(ObjectNode n, boolean pretty) {
        try {
            return pretty ? Json.pretty().writeValueAsString(n) : JSON.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String field, Optional<String> v) {
        if (v.isPresent()) {
            n.put(field, v.get());
        } else {
            n.putNull(field);
        }
    }

    private static void put(ObjectNode n, String field, OptionalInt v) {
        if (v.isPresent()) {
            n.put(field, v.getAsInt());
        } else {
            n.putNull(field);
        }
    }

    private static void put(ObjectNode n, String field, OptionalLong v) {
        if (v.isPresent()) {
            n.put(field, v.getAsLong());
        } else {
            n.putNull(field);
        }
    }
}
