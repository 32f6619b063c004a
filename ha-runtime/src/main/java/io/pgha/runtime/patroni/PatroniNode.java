package io.pgha.runtime.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One node's own view of itself: Patroni's answer to GET /patroni (and the body of /health).
 *
 * @param state            PostgreSQL's state as Patroni runs it: running, starting, stopped, crashed, …
 * @param replicationState for a replica: streaming, in archive recovery, … (Patroni 3+)
 * @param lsn              current WAL position on a primary; the highest of received/replayed on a replica
 * @param replication      the WAL senders a primary reports
 */
public record PatroniNode(
        Optional<String> name,
        Optional<String> scope,
        String state,
        Role role,
        OptionalInt timeline,
        OptionalLong lsn,
        Optional<String> replicationState,
        OptionalInt serverVersion,
        Map<String, String> tags,
        boolean pendingRestart,
        Optional<Instant> scheduledRestart,
        boolean paused,
        Optional<Instant> postmasterStartTime,
        OptionalLong dcsLastSeen,
        List<Replication> replication) {

    /** One row of pg_stat_replication as Patroni reports it. */
    public record Replication(String applicationName, String state, String syncState) {}

    public PatroniNode {
        tags = Map.copyOf(tags);
        replication = List.copyOf(replication);
    }

    /** The state Patroni's /cluster would show: a running replica shows its replication state. */
    public String displayState() {
        return "running".equals(state) && replicationState.isPresent() ? replicationState.get() : state;
    }

    public static PatroniNode parse(JsonNode root) {
        JsonNode xlog = root.path("xlog");
        OptionalLong lsn = PatroniJson.longValue(xlog, "location");
        if (lsn.isEmpty()) {
            OptionalLong received = PatroniJson.longValue(xlog, "received_location");
            OptionalLong replayed = PatroniJson.longValue(xlog, "replayed_location");
            lsn = received.isPresent() && replayed.isPresent()
                    ? OptionalLong.of(Math.max(received.getAsLong(), replayed.getAsLong()))
                    : received.isPresent() ? received : replayed;
        }
        List<Replication> replication = new ArrayList<>();
        for (JsonNode r : root.path("replication")) {
            replication.add(new Replication(
                    PatroniJson.text(r, "application_name").orElse(""),
                    PatroniJson.text(r, "state").orElse(""),
                    PatroniJson.text(r, "sync_state").orElse("")));
        }
        JsonNode patroni = root.path("patroni");
        return new PatroniNode(
                PatroniJson.text(patroni, "name"),
                PatroniJson.text(patroni, "scope"),
                PatroniJson.text(root, "state").orElse("unknown"),
                Role.fromPatroni(PatroniJson.text(root, "role").orElse(null)),
                PatroniJson.intValue(root, "timeline"),
                lsn,
                PatroniJson.text(root, "replication_state"),
                PatroniJson.intValue(root, "server_version"),
                PatroniJson.tags(root),
                PatroniJson.pendingRestart(root),
                PatroniJson.scheduledRestart(root),
                PatroniJson.flag(root, "pause"),
                PatroniJson.instant(root, "postmaster_start_time"),
                PatroniJson.longValue(root, "dcs_last_seen"),
                replication);
    }
}
