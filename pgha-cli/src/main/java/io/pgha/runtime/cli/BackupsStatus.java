package io.pgha.runtime.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.monitor.ByteSize;
import io.pgha.runtime.usecase.StackBackups;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backups part of {@code pgha status} (docs/decisions/0025): asked beside the cluster monitor, from the stack's
 * repository and the leader's archiver, and shown with what was known by the status's deadline: the summary, or why
 * there is none.
 *
 * @param summary the summary, when it came in time
 * @param unknown why there is none otherwise
 */
record BackupsStatus(Optional<BackupSummary> summary, Optional<String> unknown) {

    /** Starts asking for {@code c}'s backups; empty for a cluster pgha did not make (its backups are not pgha's). */
    static Optional<CompletableFuture<BackupSummary>> ask(ClusterConnection c) {
        if (c.dockerStack().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CompletableFuture.supplyAsync(
                () -> {
                    try (StackBackups b = StackBackups.onLocalDocker(c)) {
                        return b.summary();
                    }
                },
                Executors.newVirtualThreadPerTaskExecutor()));
    }

    /** What came by {@code wait}; a late or failed answer says so. */
    static BackupsStatus await(CompletableFuture<BackupSummary> asked, Duration wait) {
        try {
            return new BackupsStatus(
                    Optional.of(asked.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)), Optional.empty());
        } catch (TimeoutException e) {
            asked.cancel(true);
            return new BackupsStatus(
                    Optional.empty(), Optional.of("not known within the timeout (pgha backup check -c NAME)"));
        } catch (ExecutionException e) {
            return new BackupsStatus(
                    Optional.empty(), Optional.of(String.valueOf(e.getCause().getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BackupsStatus(Optional.empty(), Optional.of("interrupted"));
        }
    }

    /** The text lines: the window and the last backup, the archive, then one WARNING line per warning. */
    String text() {
        if (summary.isEmpty()) {
            return "\nbackups: unknown: " + unknown.orElse("?") + "\n";
        }
        BackupSummary s = summary.get();
        StringBuilder sb = new StringBuilder("\nbackups: recoverable window ");
        sb.append(s.window()
                .map(w -> w.start().orElseThrow().truncatedTo(ChronoUnit.SECONDS) + " .. "
                        + w.end().truncatedTo(ChronoUnit.SECONDS))
                .orElse("none"));
        sb.append("; last backup ")
                .append(s.lastBackup().map(BackupsStatus::describe).orElse("none"))
                .append(s.running() ? "; a backup is running" : "")
                .append('\n');
        sb.append("  archive: last ")
                .append(s.archive().lastArchivedWal().orElse("none"))
                .append(s.archive()
                        .lastArchivedAt()
                        .map(t -> " at " + t.truncatedTo(ChronoUnit.SECONDS))
                        .orElse(""))
                .append(
                        s.archive().lagBytes().isPresent()
                                ? ", lag "
                                        + ByteSize.format(s.archive().lagBytes().getAsLong())
                                : "")
                .append(
                        s.archive().failedCount() > 0
                                ? ", " + s.archive().failedCount() + " failed archive_command attempts"
                                : "")
                .append('\n');
        s.warnings().forEach(w -> sb.append("  WARNING: ").append(w).append('\n'));
        return sb.toString();
    }

    /** The "backups" object of the JSON status. */
    void json(ObjectNode root) {
        ObjectNode n = root.putObject("backups");
        if (summary.isEmpty()) {
            n.putNull("windowStart");
            n.putNull("windowEnd");
            n.put("unknown", unknown.orElse("?"));
            return;
        }
        BackupSummary s = summary.get();
        put(n, "windowStart", s.window().flatMap(w -> w.start()).map(Object::toString));
        put(n, "windowEnd", s.window().map(w -> w.end().toString()));
        if (s.lastBackup().isPresent()) {
            BackupRecord b = s.lastBackup().get();
            ObjectNode last = n.putObject("lastBackup");
            last.put("id", b.label());
            last.put("type", b.type().name().toLowerCase(java.util.Locale.ROOT));
            last.put("start", b.start().toString());
            last.put("stop", b.stop().toString());
            put(last, "member", b.member());
        } else {
            n.putNull("lastBackup");
        }
        n.put("running", s.running());
        ObjectNode archive = n.putObject("archive");
        put(archive, "lastArchivedWal", s.archive().lastArchivedWal());
        put(archive, "lastArchivedAt", s.archive().lastArchivedAt().map(Object::toString));
        if (s.archive().lagBytes().isPresent()) {
            archive.put("lagBytes", s.archive().lagBytes().getAsLong());
        } else {
            archive.putNull("lagBytes");
        }
        archive.put("failing", s.archive().failing());
        archive.put("failedCount", s.archive().failedCount());
        n.put("healthy", s.healthy());
        var warnings = n.putArray("warnings");
        s.warnings().forEach(warnings::add);
    }

    private static String describe(BackupRecord b) {
        return b.label() + " (" + b.type().name().toLowerCase(java.util.Locale.ROOT) + ", ended "
                + b.stop().truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    private static void put(ObjectNode n, String field, Optional<String> v) {
        if (v.isPresent()) {
            n.put(field, v.get());
        } else {
            n.putNull(field);
        }
    }
}
