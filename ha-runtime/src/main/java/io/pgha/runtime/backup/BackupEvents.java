package io.pgha.runtime.backup;

import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterEvent.Kind;
import io.pgha.runtime.model.ClusterEvent.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Backups as cluster events (docs/decisions/0034), from two readings of the repository a while apart: whoever took them
 * (the supervisor's schedule, {@code up}'s first backup, {@code pgha backup now}, the console), the repository is where
 * they show. A backup that began holding the stanza's lock is "started"; each new backup in the list is "finished"
 * (dated at its stop; with a "started" at its start first when it began and ended between two readings), or "failed"
 * when pgBackRest marked it with errors; a lock that went away with no new backup is a backup that "failed" (or was
 * stopped). A first reading is the baseline: nothing is said about it.
 */
public final class BackupEvents {

    private BackupEvents() {}

    public static List<ClusterEvent> derive(Optional<RepositoryInfo> before, RepositoryInfo now, Instant at) {
        if (before.isEmpty()) {
            return List.of();
        }
        RepositoryInfo b = before.get();
        List<ClusterEvent> events = new ArrayList<>();
        Set<String> known = b.backups().stream().map(BackupRecord::label).collect(Collectors.toSet());
        List<BackupRecord> added =
                now.backups().stream().filter(r -> !known.contains(r.label())).toList();
        if (!b.backupRunning() && now.backupRunning()) {
            events.add(event(
                    at,
                    Kind.BACKUP_STARTED,
                    Severity.INFO,
                    "a backup of " + now.stanza() + " started (it holds the stanza's lock; pgha backup list shows it)",
                    Map.of("stanza", now.stanza())));
        }
        for (BackupRecord r : added) {
            if (!b.backupRunning()) {
                events.add(event(
                        r.start(),
                        Kind.BACKUP_STARTED,
                        Severity.INFO,
                        r.type().id() + " backup " + r.label() + " started"
                                + r.member().map(m -> " on " + m).orElse(""),
                        details(r)));
            }
            String took = Duration.between(r.start(), r.stop()).toSeconds() + " s";
            events.add(
                    r.error()
                            ? event(
                                    r.stop(),
                                    Kind.BACKUP_FAILED,
                                    Severity.WARNING,
                                    r.type().id() + " backup " + r.label() + " finished with errors (pgBackRest found"
                                            + " page checksum errors; see pgha backup list)",
                                    details(r))
                            : event(
                                    r.stop(),
                                    Kind.BACKUP_FINISHED,
                                    Severity.INFO,
                                    r.type().id() + " backup " + r.label() + " finished"
                                            + r.member().map(m -> " on " + m).orElse("") + " in " + took + ", "
                                            + r.repositorySize() + " bytes in the repository",
                                    details(r)));
        }
        if (b.backupRunning() && !now.backupRunning() && added.isEmpty()) {
            events.add(event(
                    at,
                    Kind.BACKUP_FAILED,
                    Severity.WARNING,
                    "a backup of " + now.stanza() + " ended without adding a backup to the repository: it failed or"
                            + " was stopped (the leader's pgBackRest log says why; pgha backup check)",
                    Map.of("stanza", now.stanza())));
        }
        return events;
    }

    private static Map<String, String> details(BackupRecord r) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("id", r.label());
        d.put("type", r.type().id());
        d.put("start", r.start().toString());
        d.put("stop", r.stop().toString());
        r.member().ifPresent(m -> d.put("member", m));
        return d;
    }

    private static ClusterEvent event(Instant at, Kind kind, Severity severity, String message, Map<String, String> d) {
        return new ClusterEvent(at, kind, severity, "backups", message, d);
    }
}
