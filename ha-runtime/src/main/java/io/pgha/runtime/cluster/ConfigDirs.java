package io.pgha.runtime.cluster;

import java.nio.file.Path;

/**
 * Where pgha keeps its files: the user's config directory (XDG on Linux, the usual places elsewhere).
 * {@code PGHA_CONFIG_DIR} overrides it, which tests use to stay out of the real one.
 */
public final class ConfigDirs {

    private ConfigDirs() {}

    public static Path root() {
        String override = System.getenv("PGHA_CONFIG_DIR");
        if (override == null || override.isBlank()) {
            override = System.getProperty("pgha.config.dir");
        }
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase();
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("pgha");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/pgha");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("pgha");
    }

    /** The directory of one cluster: its connection, credentials and journals. */
    public static Path cluster(String name) {
        return root().resolve("clusters").resolve(name);
    }
}
