package io.pgha.runtime.dcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.ScheduledSwitchover;
import io.pgha.runtime.model.SyncState;
import io.pgha.runtime.patroni.PatroniJson;
import io.pgha.runtime.patroni.TimelineSwitch;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What Patroni keeps under /service/&lt;scope&gt;/ at one etcd revision, read the way Patroni's own
 * /cluster endpoint reads it: the leader key names the leader, the sync key the synchronous standbys,
 * a replica's lag is the cluster's last known WAL position (the status key, or the leader's) minus its own.
 *
 * @param keys     the raw values by key relative to the prefix (leader, members/pg-0, config, …)
 * @param optime   the last WAL position the leader published
 * @param failover a switchover waiting in the failover key
 */
public record DcsView(
        String scope,
        long revision,
        Map<String, String> keys,
        Optional<String> leader,
        List<Member> members,
        SyncState sync,
        boolean paused,
        Optional<ScheduledSwitchover> failover,
        Map<String, Object> config,
        List<TimelineSwitch> history,
        OptionalLong optime,
        Optional<String> systemId) {

    public DcsView {
        keys = Map.copyOf(keys);
        members = List.copyOf(members);
        config = Map.copyOf(config);
        history = List.copyOf(history);
    }

    /** The leader Patroni last wrote the /sync key for (its "leader" field), empty when there is none. */
    public Optional<String> syncLeader() {
        String leader = json(keys.get("sync")).path("leader").asText("");
        return leader.isEmpty() ? Optional.empty() : Optional.of(leader);
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Parses the keys (relative to /service/&lt;scope&gt;/) as Patroni wrote them; unreadable values are ignored. */
    public static DcsView parse(String scope, long revision, Map<String, String> keys) {
        Map<String, String> sorted = new TreeMap<>(keys);
        Optional<String> leader =
                Optional.ofNullable(sorted.get("leader")).map(String::strip).filter(s -> !s.isEmpty());
        JsonNode config = json(sorted.get("config"));
        JsonNode sync = json(sorted.get("sync"));
        JsonNode status = json(sorted.get("status"));
        SyncState syncState = syncState(config, sync);
        Map<String, JsonNode> memberData = new TreeMap<>();
        sorted.forEach((k, v) -> {
            if (k.startsWith("members/") && k.length() > "members/".length()) {
                memberData.put(k.substring("members/".length()), json(v));
            }
        });
        OptionalLong optime = PatroniJson.longValue(status, "optime");
        if (optime.isEmpty() && sorted.containsKey("optime/leader")) {
            optime = PatroniJson.longValue(json(sorted.get("optime/leader")));
        }
        if (leader.isPresent() && memberData.containsKey(leader.get())) {
            OptionalLong leaderLsn = lsn(memberData.get(leader.get()));
            if (leaderLsn.isPresent() && (optime.isEmpty() || leaderLsn.getAsLong() > optime.getAsLong())) {
                optime = leaderLsn;
            }
        }
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : memberData.entrySet()) {
            members.add(member(e.getKey(), e.getValue(), leader, syncState, optime));
        }
        members.sort(Comparator.comparing(Member::name));
        return new DcsView(
                scope,
                revision,
                sorted,
                leader,
                members,
                syncState,
                PatroniJson.flag(config, "pause"),
                failover(json(sorted.get("failover"))),
                PatroniJson.asMap(config),
                sorted.containsKey("history") ? TimelineSwitch.parseAll(json(sorted.get("history"))) : List.of(),
                optime,
                Optional.ofNullable(sorted.get("initialize")).map(String::strip));
    }

    static Member member(String name, JsonNode data, Optional<String> leader, SyncState sync, OptionalLong optime) {
        String ownRole = PatroniJson.text(data, "role").orElse("replica");
        Role role;
        if (leader.isPresent() && leader.get().equals(name)) {
            role = "standby_leader".equals(ownRole) ? Role.STANDBY_LEADER : Role.LEADER;
        } else if (sync.enabled() && sync.syncStandbys().contains(name)) {
            role = "quorum".equals(sync.mode()) ? Role.QUORUM_STANDBY : Role.SYNC_STANDBY;
        } else {
            // Like Patroni's /cluster: whoever does not hold the leader key is shown as a replica.
            role = Role.REPLICA;
        }
        String state = PatroniJson.text(data, "state").orElse("unknown");
        Optional<String> replicationState = PatroniJson.text(data, "replication_state");
        if ("running".equals(state) && replicationState.isPresent() && !role.isLeader()) {
            state = replicationState.get();
        }
        OptionalLong lsn = lsn(data);
        OptionalLong lag = OptionalLong.empty();
        if (!role.isLeader() && lsn.isPresent() && optime.isPresent()) {
            lag = OptionalLong.of(Math.max(0, optime.getAsLong() - lsn.getAsLong()));
        }
        String host = "";
        int port = 5432;
        Optional<String> connUrl = PatroniJson.text(data, "conn_url");
        if (connUrl.isPresent()) {
            try {
                URI u = URI.create(connUrl.get());
                host = u.getHost() == null ? "" : u.getHost();
                port = u.getPort() > 0 ? u.getPort() : 5432;
            } catch (IllegalArgumentException ignored) {
                // keep the defaults: an odd conn_url must not hide the member
            }
        }
        OptionalInt timeline = PatroniJson.intValue(data, "timeline");
        return new Member(
                name,
                role,
                state,
                timeline,
                lsn,
                lag,
                host,
                port,
                PatroniJson.text(data, "api_url").orElse(""),
                PatroniJson.tags(data),
                PatroniJson.pendingRestart(data),
                PatroniJson.scheduledRestart(data));
    }

    private static OptionalLong lsn(JsonNode data) {
        OptionalLong lsn = PatroniJson.longValue(data, "xlog_location");
        if (lsn.isEmpty()) {
            lsn = PatroniJson.longValue(data, "lsn");
        }
        if (lsn.isEmpty()) {
            lsn = PatroniJson.longValue(data, "replay_lsn");
        }
        return lsn;
    }

    /** synchronous_mode: true/"on", "quorum"; synchronous_mode_strict turns "on" into "strict". */
    static SyncState syncState(JsonNode config, JsonNode sync) {
        JsonNode modeNode = config.path("synchronous_mode");
        String mode = modeNode.isMissingNode() || modeNode.isNull()
                ? "off"
                : modeNode.asText().toLowerCase(Locale.ROOT);
        mode = switch (mode) {
            case "true", "on" -> PatroniJson.flag(config, "synchronous_mode_strict") ? "strict" : "on";
            case "quorum" -> "quorum";
            default -> "off";
        };
        List<String> standbys = new ArrayList<>();
        JsonNode s = sync.path("sync_standby");
        if (s.isArray()) {
            s.forEach(n -> standbys.add(n.asText()));
        } else if (s.isTextual()) {
            Arrays.stream(s.asText().split(","))
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .forEach(standbys::add);
        }
        return new SyncState(mode, standbys, PatroniJson.intValue(sync, "quorum"));
    }

    /** Patroni writes {"leader": from, "member": to, "scheduled_at": when}. */
    static Optional<ScheduledSwitchover> failover(JsonNode f) {
        if (!f.isObject() || f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScheduledSwitchover(
                PatroniJson.instant(f, "scheduled_at"), PatroniJson.text(f, "leader"), PatroniJson.text(f, "member")));
    }

    private static JsonNode json(String value) {
        if (value == null || value.isBlank()) {
            return PatroniJson.MAPPER.missingNode();
        }
        try {
            return PatroniJson.parse(value);
        } catch (IllegalArgumentException e) {
            return PatroniJson.MAPPER.missingNode();
        }
    }
}
