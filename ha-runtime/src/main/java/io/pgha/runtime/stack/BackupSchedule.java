package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When base backups are due (docs/decisions/0021, 0025): a full backup every {@code fullEvery}, a differential one
 * every {@code diffEvery} in between. Spec keys {@code backups.full_every} and {@code backups.diff_every}, written as
 * {@code 7d}, {@code 24h}, {@code 30m}; left out of the spec file when they are the defaults, so that a stack made
 * before them keeps its fingerprint.
 *
 * @param fullEvery the longest time between two full backups
 * @param diffEvery the longest time between two backups of any type
 */
public record BackupSchedule(Duration fullEvery, Duration diffEvery) {

    public static final BackupSchedule DEFAULTS = new BackupSchedule(Duration.ofDays(7), Duration.ofDays(1));

    /** How late a backup may be past the schedule before it is a warning: a running backup, a busy machine. */
    public static final Duration GRACE = Duration.ofHours(1);

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(d|h|m)");

    public BackupSchedule {
        if (fullEvery.compareTo(Duration.ofMinutes(1)) < 0 || diffEvery.compareTo(Duration.ofMinutes(1)) < 0) {
            throw PghaException.invalidInput("backups.full_every and backups.diff_every are at least 1m");
        }
        if (diffEvery.compareTo(fullEvery) > 0) {
            throw PghaException.invalidInput("backups.diff_every (" + text(diffEvery)
                    + ") cannot be longer than backups.full_every (" + text(fullEvery) + ")");
        }
    }

    /** The longest a stack may go without a finished backup before that is worth a warning. */
    public Duration lateAfter() {
        Duration gap = diffEvery.compareTo(fullEvery) < 0 ? diffEvery : fullEvery;
        Duration grace = gap.dividedBy(10).compareTo(GRACE) < 0 ? gap.dividedBy(10) : GRACE;
        return gap.plus(grace);
    }

    /** "7d", "36h", "90m" → a duration; anything else is refused with the form to use. */
    public static Duration parse(String key, String value) {
        Matcher m = TEXT.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw PghaException.invalidInput(
                    "backups." + key + " is a duration like 7d, 24h or 30m, not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** The spec file's form: the largest whole unit. */
    public static String text(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + "d";
        }
        if (d.toMinutes() % 60 == 0) {
            return d.toHours() + "h";
        }
        return d.toMinutes() + "m";
    }
}
