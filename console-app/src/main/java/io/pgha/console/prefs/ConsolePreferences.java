package io.pgha.console.prefs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's own settings (theme, refresh interval, window geometry, last cluster) in one properties
 * file beside the cluster registry, so tests that set PGHA_CONFIG_DIR never touch the user's.
 */
public final class ConsolePreferences {

    /** The runtime monitor behind the console polls every 5 s: sampling more often only repeats its figures. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    private static final String THEME = "theme";
    private static final String REFRESH = "refresh.seconds";
    private static final String LAST_CLUSTER = "cluster.last";
    private static final String WINDOW = "window";

    private final Path file;
    private final Properties values = new Properties();

    private ConsolePreferences(Path file) {
        this.file = file;
    }

    public static ConsolePreferences load(Path file) {
        ConsolePreferences prefs = new ConsolePreferences(file);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                prefs.values.load(in);
            } catch (IOException e) {
                // A broken preferences file must not stop the console; it is rewritten on the next save.
                prefs.values.clear();
            }
        }
        return prefs;
    }

    public synchronized String theme() {
        return values.getProperty(THEME, "light");
    }

    public synchronized void theme(String theme) {
        values.setProperty(THEME, theme);
    }

    public synchronized Duration refreshInterval() {
        try {
            long seconds = Long.parseLong(values.getProperty(REFRESH, String.valueOf(DEFAULT_REFRESH.toSeconds())));
            return seconds >= 1 ? Duration.ofSeconds(seconds) : DEFAULT_REFRESH;
        } catch (NumberFormatException e) {
            return DEFAULT_REFRESH;
        }
    }

    public synchronized void refreshInterval(Duration interval) {
        values.setProperty(REFRESH, String.valueOf(interval.toSeconds()));
    }

    public synchronized Optional<String> lastCluster() {
        return Optional.ofNullable(values.getProperty(LAST_CLUSTER));
    }

    public synchronized void lastCluster(Optional<String> name) {
        name.ifPresentOrElse(n -> values.setProperty(LAST_CLUSTER, n), () -> values.remove(LAST_CLUSTER));
    }

    public synchronized Optional<WindowGeometry> window() {
        return WindowGeometry.parse(values.getProperty(WINDOW));
    }

    public synchronized void window(WindowGeometry geometry) {
        values.setProperty(WINDOW, geometry.format());
    }

    /** Writes the file (atomically); call off the FX thread except at exit. */
    public synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "console", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                values.store(out, "pgha console");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the console settings in " + file, e);
        }
    }
}
