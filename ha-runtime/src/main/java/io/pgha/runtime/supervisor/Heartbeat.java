package io.pgha.runtime.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the supervisor publishes in etcd every 2 s and after every action, for the console. */
public record Heartbeat(
        Instant startedAt,
        Optional<String> leader,
        boolean fence,
        boolean route,
        String promotionCheck,
        String lastAction,
        Instant lastActionAt) {

    private static final ObjectMapper JSON = Json.mapper();

    /** The JSON the console reads from /pgha/&lt;scope&gt;/supervisor. */
    public String toJson() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", "active");
        state.put("startedAt", startedAt.toString());
        state.put("leader", leader.orElse(null));
        state.put("fence", fence);
        state.put("route", route);
        state.put("promotionCheck", promotionCheck);
        state.put("lastAction", lastAction);
        state.put("lastActionAt", lastActionAt.toString());
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the heartbeat", e);
        }
    }
}
