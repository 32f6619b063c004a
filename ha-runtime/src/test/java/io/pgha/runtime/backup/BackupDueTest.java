package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.BackupSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Is a backup due, and which": the schedule's decision on the repository's backups, as a table. */
class BackupDueTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final BackupSchedule WEEKLY_DAILY = BackupSchedule.DEFAULTS;

    /**
     * backups: "F@-3d" is a full backup that ended 3 days before now, "D@-2h" a differential one, "X" one with errors;
     * running: another backup holds the lock.
     */
    @ParameterizedTest(name = "{0}, running={1} -> {2}")
    @CsvSource({
        "'', false, FULL",
        "'', true, NONE",
        "F@-1h, false, NONE",
        "F@-23h, false, NONE",
        "F@-24h, false, DIFF",
        "F@-3d D@-2h, false, NONE",
        "F@-3d D@-25h, false, DIFF",
        "F@-3d D@-25h, true, NONE",
        "F@-7d D@-1h, false, FULL",
        "F@-8d D@-1h, false, FULL",
        "F@-6d D@-1h, false, NONE",
        "XF@-1h, false, FULL",
        "F@-2d XD@-1h, false, DIFF",
        "D@-1h, false, FULL"
    })
    void decides(String backups, boolean running, String expected) {
        Optional<BackupType> due = BackupDue.decide(WEEKLY_DAILY, parse(backups), running, NOW);
        assertThat(due.map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> next in {1}")
    @CsvSource({"'', PT0S", "F@-1h, PT23H", "F@-6d D@-1h, PT23H", "F@-6d23h D@-1h, PT1H", "F@-9d, PT0S"})
    void nextScheduledBackup(String backups, String in) {
        assertThat(Duration.between(NOW, BackupDue.next(WEEKLY_DAILY, parse(backups), NOW)))
                .isEqualTo(Duration.parse(in));
    }

    private static List<BackupRecord> parse(String spec) {
        List<BackupRecord> out = new ArrayList<>();
        for (String b : spec.strip().split("\\s+")) {
            if (b.isEmpty()) {
                continue;
            }
            boolean error = b.startsWith("X");
            String t = error ? b.substring(1) : b;
            BackupType type = t.charAt(0) == 'F' ? BackupType.FULL : BackupType.DIFF;
            Duration ago = Duration.parse("PT0S");
            String rest = t.substring(3);
            if (rest.contains("d")) {
                String[] p = rest.split("d", -1);
                ago = ago.plusDays(Long.parseLong(p[0]));
                rest = p[1];
            }
            if (rest.endsWith("h")) {
                ago = ago.plusHours(Long.parseLong(rest.substring(0, rest.length() - 1)));
            }
            Instant stop = NOW.minus(ago);
            out.add(new BackupRecord(
                    "b" + out.size(),
                    type,
                    stop.minusSeconds(60),
                    stop,
                    1,
                    1,
                    "w",
                    "w",
                    Optional.empty(),
                    Optional.empty(),
                    error));
        }
        return out;
    }
}
