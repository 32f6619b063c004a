package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.BackupSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The supervisor's backup tick: snapshot in, action out, as a table (docs/decisions/0027). */
class ScheduledBackupTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final BackupSchedule SCHEDULE = new BackupSchedule(Duration.ofDays(7), Duration.ofDays(1));

    /**
     * backups: "F" a full backup 3 days old, "FD" plus a differential one 2 hours old, "F8" a full one 8 days old,
     * "" none; nodes: "pg-0=L" a running leader, "pg-1=R:100" a streaming replica 100 bytes behind, "pg-2=R:?" a replica
     * whose lag is unknown, "=S" a stopped member; flags: b busy repository, o own backup running, s switchover
     * scheduled, y standby backups possible. Expected: WAIT, or TYPE@MEMBER with "+standby" for --backup-standby.
     */
    @ParameterizedTest(name = "[{0}] {1} {2} -> {3}")
    @CsvSource({
        "FD, pg-0=L pg-1=R:100, y, WAIT",
        "F, pg-0=L pg-1=R:100 pg-2=R:50, y, diff@pg-2+standby",
        "F, pg-0=L pg-1=R:100 pg-2=R:100, y, diff@pg-1+standby",
        "'', pg-0=L pg-1=R:100, y, full@pg-1+standby",
        "F8, pg-0=L pg-1=R:100, y, full@pg-1+standby",
        "F8, pg-0=L pg-1=R:100, '', full@pg-0",
        "F, pg-0=L pg-1=R:100, '', diff@pg-0",
        "F, pg-0=L pg-1=R:?, y, diff@pg-0",
        "F, pg-0=L pg-1=R:99999999, y, diff@pg-0",
        "F, pg-0=L pg-1=RS:1, y, diff@pg-0",
        "F, pg-0=L, y, diff@pg-0",
        "F, pg-0=L pg-1=R:1, by, WAIT",
        "F, pg-0=L pg-1=R:1, oy, WAIT",
        "F, pg-0=L pg-1=R:1, sy, WAIT",
        "F, pg-0=LS pg-1=R:1, y, WAIT",
        "F, pg-1=R:1 pg-2=R:1, y, WAIT",
        "'', pg-1=R:1, y, WAIT"
    })
    void decides(String backups, String nodes, String flags, String expected) {
        String f = flags == null ? "" : flags;
        ScheduledBackup.Action action = ScheduledBackup.decide(new ScheduledBackup.Snapshot(
                SCHEDULE,
                backups(backups == null ? "" : backups),
                f.contains("b"),
                f.contains("o"),
                nodes(nodes),
                f.contains("s"),
                f.contains("y"),
                NOW));
        assertThat(action.why()).isNotBlank();
        assertThat(describe(action)).as(action.why()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "standby={0}: {1}")
    @CsvSource({"n, a stack without TLS", "y, no streaming replica"})
    void theReasonForThePrimaryIsSaid(String flags, String reason) {
        ScheduledBackup.Action action = ScheduledBackup.decide(new ScheduledBackup.Snapshot(
                SCHEDULE, List.of(), false, false, nodes("pg-0=L"), false, flags.equals("y"), NOW));
        assertThat(action.why()).contains("on the primary pg-0").contains(reason);
    }

    private static String describe(ScheduledBackup.Action a) {
        return switch (a) {
            case ScheduledBackup.Wait w -> "WAIT";
            case ScheduledBackup.Run r -> r.type().id() + "@" + r.member() + (r.fromStandby() ? "+standby" : "");
        };
    }

    private static List<ScheduledBackup.Node> nodes(String spec) {
        List<ScheduledBackup.Node> out = new ArrayList<>();
        for (String n : spec.strip().split("\\s+")) {
            String[] p = n.split("=", 2);
            String[] r = p[1].split(":", 2);
            boolean leader = r[0].startsWith("L");
            boolean stopped = r[0].endsWith("S");
            OptionalLong lag =
                    r.length < 2 || r[1].equals("?") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(r[1]));
            out.add(new ScheduledBackup.Node(p[0], leader ? "leader" : "replica", !stopped, lag));
        }
        return out;
    }

    private static List<BackupRecord> backups(String spec) {
        List<BackupRecord> out = new ArrayList<>();
        if (spec.startsWith("F")) {
            out.add(record(BackupType.FULL, spec.equals("F8") ? Duration.ofDays(8) : Duration.ofDays(3)));
        }
        if (spec.equals("FD")) {
            out.add(record(BackupType.DIFF, Duration.ofHours(2)));
        }
        return out;
    }

    private static BackupRecord record(BackupType type, Duration ago) {
        Instant stop = NOW.minus(ago);
        return new BackupRecord(
                "b-" + type.id(),
                type,
                stop.minusSeconds(60),
                stop,
                1,
                1,
                "w",
                "w",
                Optional.of("pg-0"),
                Optional.empty(),
                false);
    }
}
