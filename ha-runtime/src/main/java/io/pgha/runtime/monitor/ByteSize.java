package io.pgha.runtime.monitor;

import java.util.Locale;

/** Byte counts for people: 512 B, 1.5 KiB, 3.2 MiB, 1.1 GiB. */
public final class ByteSize {

    private ByteSize() {}

    public static String format(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (1024.0 * 1024 * 1024));
    }
}
