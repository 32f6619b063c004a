package io.pgha.runtime.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.json.Json;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one reading of {@code pgbackrest info --output=json} (an array with one object per stanza; pgBackRest keeps this
 * format stable). Only the fields pgha shows are read; the shared mapper ignores the rest.
 */
public final class PgBackRestInfo {

    /** The annotation pgha puts on every backup it starts: the member it ran on. */
    public static final String MEMBER_ANNOTATION = "pgha-member";

    private PgBackRestInfo() {}

    public static RepositoryInfo parse(String json, String stanza) {
        Stanza[] stanzas;
        try {
            stanzas = Json.mapper().readValue(json, Stanza[].class);
        } catch (JsonProcessingException e) {
            throw PghaException.unavailable("pgBackRest's info for stanza " + stanza + " is not the JSON it should be ("
                    + e.getOriginalMessage() + "); is the image's pgBackRest 2.41 or later?");
        }
        Stanza s = stanzas == null
                ? null
                : java.util.Arrays.stream(stanzas)
                        .filter(x -> stanza.equals(x.name))
                        .findFirst()
                        .orElse(null);
        if (s == null) {
            return new RepositoryInfo(
                    stanza, 1, "missing stanza path", false, List.of(), Optional.empty(), Optional.empty());
        }
        List<BackupRecord> backups = s.backup == null
                ? List.of()
                : s.backup.stream()
                        .map(PgBackRestInfo::record)
                        .sorted(Comparator.comparing(BackupRecord::start))
                        .toList();
        Optional<Archive> archive = s.archive == null
                ? Optional.empty()
                : s.archive.stream().filter(a -> a.max != null).reduce((a, b) -> b);
        Status status = s.status != null ? s.status : new Status(99, "no status", null);
        boolean running =
                status.lock != null && status.lock.backup != null && Boolean.TRUE.equals(status.lock.backup.held);
        return new RepositoryInfo(
                stanza,
                status.code,
                status.message,
                running,
                backups,
                archive.map(a -> a.min),
                archive.map(a -> a.max));
    }

    private static BackupRecord record(Backup b) {
        Range wal = b.archive != null ? b.archive : new Range(null, null);
        Times ts = b.timestamp != null ? b.timestamp : new Times(0, 0);
        Sizes info = b.info != null ? b.info : new Sizes(0, null);
        return new BackupRecord(
                b.label,
                BackupType.parse(b.type),
                Instant.ofEpochSecond(ts.start),
                Instant.ofEpochSecond(ts.stop),
                info.size,
                info.repository != null ? info.repository.size : 0,
                wal.start,
                wal.stop,
                Optional.ofNullable(b.annotation).map(a -> a.get(MEMBER_ANNOTATION)),
                Optional.ofNullable(b.prior),
                Boolean.TRUE.equals(b.error));
    }

    record Stanza(String name, Status status, List<Backup> backup, List<Archive> archive) {}

    record Status(int code, String message, Lock lock) {}

    record Lock(Held backup) {}

    record Held(Boolean held) {}

    record Archive(String id, String min, String max) {}

    record Backup(
            String label,
            String type,
            String prior,
            Boolean error,
            Map<String, String> annotation,
            Range archive,
            Times timestamp,
            Sizes info) {}

    record Range(String start, String stop) {}

    record Times(long start, long stop) {}

    record Sizes(long size, @JsonProperty("repository") RepoSize repository) {}

    record RepoSize(long size) {}
}
