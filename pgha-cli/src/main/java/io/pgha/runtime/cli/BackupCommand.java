package io.pgha.runtime.cli;

import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.usecase.StackBackups;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha backup now|list|check}: the stack's pgBackRest repository (docs/decisions/0021). */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Back up a stack pgha made, list its backups, check its WAL archive (pgBackRest).",
        subcommands = {BackupCommand.Now.class, BackupCommand.ListBackups.class, BackupCommand.Check.class})
final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static StackBackups open(ClusterOption cluster) {
        return StackBackups.onLocalDocker(ClusterChoice.resolve(new ClusterRegistry(), cluster.name()));
    }

    @Command(
            name = "now",
            mixinStandardHelpOptions = true,
            description = "Take a backup on the leader and wait until it is in the repository.")
    static final class Now implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ClusterOption cluster;

        @Option(
                names = "--type",
                paramLabel = "TYPE",
                defaultValue = "full",
                description = "full, diff (changes since the last full) or incr (since the last backup); default full")
        private String type;

        @Option(names = "--json", description = "the backup as one JSON object")
        private boolean json;

        @Override
        public Integer call() {
            BackupType t = BackupType.parse(type);
            PrintWriter out = spec.commandLine().getOut();
            try (StackBackups backups = open(cluster)) {
                BackupRecord b = backups.now(t);
                if (json) {
                    ProgressPrinter.printJson(out, BackupJson.of(b));
                } else {
                    out.println("Backup " + b.label() + " (" + b.type().id() + ") done on "
                            + b.member().orElse("?") + " in " + seconds(b) + ", "
                            + BackupJson.size(b.repositorySize()) + " in the repository.");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the backups in the stack's repository, oldest first, and the archive's WAL range.")
    static final class ListBackups implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ClusterOption cluster;

        @Option(names = "--json", description = "as one JSON object")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StackBackups backups = open(cluster)) {
                RepositoryInfo info = backups.list();
                if (json) {
                    ProgressPrinter.printJson(out, BackupJson.of(info));
                    return ExitCodes.OK;
                }
                out.println("Stanza " + info.stanza() + ": " + info.statusMessage()
                        + (info.backupRunning() ? " (a backup is running)" : ""));
                out.println("  WAL archive: " + info.archiveMin().orElse("-") + " .. "
                        + info.archiveMax().orElse("-"));
                if (info.backups().isEmpty()) {
                    out.println("  no backups yet");
                    return ExitCodes.OK;
                }
                TextTable table = new TextTable("ID", "TYPE", "START", "STOP", "SIZE", "REPO", "WAL", "MEMBER");
                for (BackupRecord b : info.backups()) {
                    table.row(
                            b.label(),
                            b.type().id(),
                            b.start(),
                            b.stop(),
                            BackupJson.size(b.size()),
                            BackupJson.size(b.repositorySize()),
                            b.walStart() + ".." + b.walStop(),
                            b.member().orElse("?"));
                }
                out.print(table.render("  "));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Check the WAL archive on the leader: pgBackRest's check (a WAL switch archived in time), the last",
                "archived segment, the archive lag, and that the archive has no hole after the newest backup.",
                "Exits 4 when something is wrong."
            })
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ClusterOption cluster;

        @Option(names = "--json", description = "as one JSON object")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StackBackups backups = open(cluster)) {
                StackBackups.BackupCheck c = backups.check();
                ArchiveStatus a = c.archive();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("ok", c.ok());
                    doc.put("leader", c.leader());
                    doc.put("problems", c.problems());
                    doc.put("warnings", c.warnings());
                    doc.put("archive", BackupJson.of(a));
                    doc.put("backups", c.info().backups().size());
                    c.info().latest().ifPresent(b -> doc.put("latest", BackupJson.of(b)));
                    ProgressPrinter.printJson(out, doc);
                } else {
                    out.println((c.ok() ? "OK" : "FAILED") + ": WAL archive of "
                            + c.info().stanza() + " checked on " + c.leader());
                    out.println("  last archived:  " + a.lastArchivedWal().orElse("none") + " at "
                            + a.lastArchivedAt().map(Object::toString).orElse("-"));
                    out.println("  current WAL:    " + a.currentWal() + " (" + a.currentLsn() + ")");
                    out.println("  archive lag:    "
                            + (a.lagBytes().isPresent()
                                    ? BackupJson.size(a.lagBytes().getAsLong())
                                    : "unknown"));
                    out.println("  backups:        " + c.info().backups().size()
                            + c.info()
                                    .latest()
                                    .map(b -> ", latest " + b.label() + " at " + b.stop())
                                    .orElse(""));
                    for (String p : c.problems()) {
                        out.println("  problem: " + p);
                    }
                    for (String w : c.warnings()) {
                        out.println("  warning: " + w);
                    }
                }
                return c.ok() ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
            }
        }
    }

    private static String seconds(BackupRecord b) {
        return String.format(
                Locale.ROOT,
                "%d s",
                java.time.Duration.between(b.start(), b.stop()).toSeconds());
    }

    /** The JSON shapes of backups, the repository and the archive. */
    static final class BackupJson {

        private BackupJson() {}

        static Map<String, Object> of(BackupRecord b) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.label());
            m.put("type", b.type().id());
            m.put("start", b.start().toString());
            m.put("stop", b.stop().toString());
            m.put("size_bytes", b.size());
            m.put("repository_bytes", b.repositorySize());
            m.put("wal_start", b.walStart());
            m.put("wal_stop", b.walStop());
            m.put("member", b.member().orElse(null));
            m.put("prior", b.prior().orElse(null));
            m.put("error", b.error());
            return m;
        }

        static Map<String, Object> of(RepositoryInfo info) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stanza", info.stanza());
            m.put("status", info.statusMessage());
            m.put("status_code", info.statusCode());
            m.put("backup_running", info.backupRunning());
            m.put("archive_min", info.archiveMin().orElse(null));
            m.put("archive_max", info.archiveMax().orElse(null));
            List<Map<String, Object>> list =
                    info.backups().stream().map(BackupJson::of).toList();
            m.put("backups", list);
            return m;
        }

        static Map<String, Object> of(ArchiveStatus a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("current_lsn", a.currentLsn());
            m.put("current_wal", a.currentWal());
            m.put("last_archived_wal", a.lastArchivedWal().orElse(null));
            m.put("last_archived_at", a.lastArchivedAt().map(Object::toString).orElse(null));
            m.put("last_failed_wal", a.lastFailedWal().orElse(null));
            m.put("last_failed_at", a.lastFailedAt().map(Object::toString).orElse(null));
            m.put("failed_count", a.failedCount());
            m.put("lag_bytes", a.lagBytes().isPresent() ? a.lagBytes().getAsLong() : null);
            return m;
        }

        static String size(long bytes) {
            if (bytes < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
            }
            if (bytes < 1024L * 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
            }
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
        }
    }
}
