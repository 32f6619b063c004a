package io.pgha.runtime.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WAL a stanza's archive holds (docs/decisions/0050), from {@code pgbackrest repo-ls --recurse --output=json
 * archive/STANZA}: the whole segments of the current archive id (the one with the highest database id, e.g. 17-1) with
 * the time pgBackRest wrote each, and the timelines whose history file is there. Partial segments ({@code
 * NAME.partial-…}, pushed at a promotion) are not whole segments: the pattern leaves them out.
 *
 * @param archiveId the archive id read, empty when the archive has none
 * @param segments  segment name (24 hex digits) to when it was archived
 * @param histories the timelines with a history file
 */
public record ArchiveListing(String archiveId, Map<String, Instant> segments, Set<Long> histories) {

    private static final Pattern SEGMENT =
            Pattern.compile("^([^/]+)/[0-9A-F]{16}/([0-9A-F]{24})-[0-9a-f]{40}(\\.[a-z0-9]+)?$");
    private static final Pattern HISTORY = Pattern.compile("^([^/]+)/([0-9A-F]{8})\\.history$");
    private static final Pattern ARCHIVE_ID = Pattern.compile("^\\d+-(\\d+)$");

    public ArchiveListing {
        segments = Map.copyOf(segments);
        histories = Set.copyOf(histories);
    }

    /** The command's arguments after {@code pgbackrest}: the stanza's archive, every file, as JSON. */
    public static java.util.List<String> arguments(String stanza) {
        return java.util.List.of("--output=json", "--recurse", "repo-ls", "archive/" + stanza);
    }

    public static ArchiveListing parse(String json) {
        Map<String, Entry> root;
        try {
            root = Json.mapper().readValue(json, new TypeReference<Map<String, Entry>>() {});
        } catch (JsonProcessingException e) {
            throw PghaException.unavailable("pgBackRest's listing of the archive is not the JSON it should be ("
                    + e.getOriginalMessage() + ")");
        }
        Map<String, Map<String, Instant>> segments = new TreeMap<>();
        Map<String, Set<Long>> histories = new TreeMap<>();
        for (Map.Entry<String, Entry> e : root == null ? Set.<Map.Entry<String, Entry>>of() : root.entrySet()) {
            if (e.getValue() == null || !"file".equals(e.getValue().type())) {
                continue;
            }
            Matcher s = SEGMENT.matcher(e.getKey());
            Matcher h = HISTORY.matcher(e.getKey());
            if (s.matches()) {
                segments.computeIfAbsent(s.group(1), k -> new TreeMap<>())
                        .put(s.group(2), Instant.ofEpochSecond(e.getValue().time()));
            } else if (h.matches()) {
                histories.computeIfAbsent(h.group(1), k -> new HashSet<>()).add(Long.parseLong(h.group(2), 16));
            }
        }
        String id = java.util.stream.Stream.concat(segments.keySet().stream(), histories.keySet().stream())
                .filter(k -> ARCHIVE_ID.matcher(k).matches())
                .max(java.util.Comparator.comparingLong(ArchiveListing::databaseId))
                .orElse("");
        return new ArchiveListing(id, segments.getOrDefault(id, Map.of()), histories.getOrDefault(id, Set.of()));
    }

    /** One path in the listing: its type (file, path, link) and, for a file, when it was written. */
    record Entry(String type, long time) {}

    private static long databaseId(String archiveId) {
        Matcher m = ARCHIVE_ID.matcher(archiveId);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
