package io.pgha.console.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/** How the console writes quantities: bytes, durations, ages and clock times. */
public final class Formats {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Formats() {}

    public static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Replication lag: "unknown" when Patroni does not say, never a made-up zero. */
    public static String lag(OptionalLong lagBytes) {
        return lagBytes.isPresent() ? bytes(lagBytes.getAsLong()) : "unknown";
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    public static String age(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        return s / 3600 + " h ago";
    }

    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** A clock time to the minute, e.g. "08:31", for what would otherwise change with every snapshot. */
    public static String minute(Instant at) {
        return MINUTE.format(at);
    }

    /** A date and minute in the local time zone, e.g. "2025-06-02 23:30". */
    public static String dateTime(Instant at) {
        return DATE_TIME.format(at);
    }
}
