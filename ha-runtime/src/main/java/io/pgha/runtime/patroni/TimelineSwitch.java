package io.pgha.runtime.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One entry of Patroni's timeline history (GET /history, the DCS history key): the timeline that ended,
 * where, why, when, and who became leader. Old Patroni versions write only the first three fields.
 */
public record TimelineSwitch(
        int timeline, OptionalLong lsn, String reason, Optional<Instant> at, Optional<String> newLeader) {

    public static List<TimelineSwitch> parseAll(JsonNode root) {
        List<TimelineSwitch> result = new ArrayList<>();
        for (JsonNode e : root) {
            if (!e.isArray() || e.isEmpty()) {
                continue;
            }
            result.add(new TimelineSwitch(
                    e.get(0).asInt(),
                    PatroniJson.longValue(e.path(1)),
                    e.path(2).asText(""),
                    e.path(3).isTextual() ? PatroniJson.instant(e.path(3).asText()) : Optional.empty(),
                    e.path(4).isTextual() ? Optional.of(e.path(4).asText()) : Optional.empty()));
        }
        return result;
    }
}
