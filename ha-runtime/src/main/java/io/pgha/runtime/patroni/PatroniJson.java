package io.pgha.runtime.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.json.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Lenient readers for the JSON Patroni writes to its REST API and to the DCS. Patroni's shapes vary
 * between versions (numbers as strings, "unknown" for a lag it cannot compute, timestamps with a space
 * or a 'T'), so every reader returns empty rather than guessing a value.
 */
public final class PatroniJson {

    public static final ObjectMapper MAPPER = Json.mapper();

    private PatroniJson() {}

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    public static OptionalLong longValue(JsonNode node, String field) {
        return longValue(node.path(field));
    }

    /** A number, or a string holding one; "unknown", null, missing and anything else are empty. */
    public static OptionalLong longValue(JsonNode v) {
        if (v.isIntegralNumber()) {
            return OptionalLong.of(v.asLong());
        }
        if (v.isNumber()) {
            return OptionalLong.of((long) v.asDouble());
        }
        if (v.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(v.asText().strip()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    public static OptionalInt intValue(JsonNode node, String field) {
        OptionalLong v = longValue(node, field);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** true, "true", "on", "yes" and 1 are true; anything else is false. */
    public static boolean flag(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asInt() != 0;
        }
        String t = v.asText("").strip().toLowerCase(java.util.Locale.ROOT);
        return t.equals("true") || t.equals("on") || t.equals("yes");
    }

    /** Patroni's tags as text (booleans and numbers included), in the order Patroni wrote them. */
    public static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = node.path("tags");
        if (t.isObject()) {
            t.properties()
                    .forEach(e -> tags.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
        }
        return tags;
    }

    /** "2024-05-01 10:00:00.123+00:00", "2024-05-01T10:00:00+00:00", "…Z", or a timestamp without offset (UTC). */
    public static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String iso = text.strip().replaceFirst(" ", "T");
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    public static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).flatMap(PatroniJson::instant);
    }

    /** scheduled_restart is {"schedule": "…", …} in Patroni, a bare timestamp in some tools. */
    public static Optional<Instant> scheduledRestart(JsonNode node) {
        JsonNode s = node.path("scheduled_restart");
        if (s.isObject()) {
            return instant(s, "schedule");
        }
        return s.isTextual() ? instant(s.asText()) : Optional.empty();
    }

    public static boolean pendingRestart(JsonNode node) {
        return flag(node, "pending_restart");
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json == null ? "" : json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "not JSON: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(JsonNode node) {
        return node != null && node.isObject() ? MAPPER.convertValue(node, Map.class) : Map.of();
    }
}
