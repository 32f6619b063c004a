package io.pgha.runtime.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.ScheduledSwitchover;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Patroni's answer to GET /cluster: the members as the answering node sees them in the DCS.
 *
 * @param scope  the cluster's scope, when Patroni says it
 */
public record PatroniCluster(
        Optional<String> scope,
        List<Member> members,
        boolean paused,
        Optional<ScheduledSwitchover> scheduledSwitchover) {

    public PatroniCluster {
        members = List.copyOf(members);
    }

    public Optional<Member> leader() {
        return members.stream().filter(m -> m.role().isLeader()).findFirst();
    }

    /**
     * What Patroni alone says of the cluster as a snapshot (no etcd, router or Docker parts): its members, the synchronous
     * set their roles name, pause, and the dynamic configuration {@code config} (GET /config), for rules such as which
     * replica may take over.
     */
    public io.pgha.runtime.model.ClusterSnapshot toSnapshot(
            java.util.Map<String, Object> config, java.time.Instant at) {
        Object mode = config.get("synchronous_mode");
        String syncMode = mode == null || Boolean.FALSE.equals(mode)
                ? "off"
                : Boolean.TRUE.equals(mode) ? "on" : String.valueOf(mode);
        List<String> syncStandbys = members.stream()
                .filter(m -> m.role() == io.pgha.runtime.model.Role.SYNC_STANDBY
                        || m.role() == io.pgha.runtime.model.Role.QUORUM_STANDBY)
                .map(Member::name)
                .toList();
        return new io.pgha.runtime.model.ClusterSnapshot(
                scope.orElse(""),
                at,
                leader().map(Member::name),
                members,
                new io.pgha.runtime.model.SyncState(syncMode, syncStandbys, java.util.OptionalInt.empty()),
                paused,
                scheduledSwitchover,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                config,
                List.of());
    }

    public static PatroniCluster parse(JsonNode root) {
        List<Member> members = new ArrayList<>();
        for (JsonNode m : root.path("members")) {
            members.add(member(m));
        }
        return new PatroniCluster(
                PatroniJson.text(root, "scope"),
                members,
                PatroniJson.flag(root, "pause"),
                scheduledSwitchover(root.path("scheduled_switchover")));
    }

    static Member member(JsonNode m) {
        Role role = Role.fromPatroni(PatroniJson.text(m, "role").orElse(null));
        OptionalLong lsn = PatroniJson.longValue(m, "lsn");
        if (lsn.isEmpty()) {
            lsn = PatroniJson.longValue(m, "replay_lsn");
        }
        if (lsn.isEmpty()) {
            lsn = PatroniJson.longValue(m, "receive_lsn");
        }
        // A replica whose position Patroni does not know says "lag": "unknown": that stays empty, not 0.
        // The leader has no lag at all (empty as well).
        OptionalLong lag = PatroniJson.longValue(m, "lag");
        if (lag.isEmpty()) {
            lag = PatroniJson.longValue(m, "replay_lag");
        }
        return new Member(
                PatroniJson.text(m, "name").orElse("?"),
                role,
                PatroniJson.text(m, "state").orElse("unknown"),
                PatroniJson.intValue(m, "timeline"),
                lsn,
                lag,
                PatroniJson.text(m, "host").orElse(""),
                PatroniJson.intValue(m, "port").orElse(5432),
                PatroniJson.text(m, "api_url").orElse(""),
                PatroniJson.tags(m),
                PatroniJson.pendingRestart(m),
                PatroniJson.scheduledRestart(m));
    }

    /** Patroni 3+: {"at": …, "from": …, "to": …}. */
    static Optional<ScheduledSwitchover> scheduledSwitchover(JsonNode s) {
        if (!s.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new ScheduledSwitchover(
                PatroniJson.instant(s, "at"), PatroniJson.text(s, "from"), PatroniJson.text(s, "to")));
    }
}
