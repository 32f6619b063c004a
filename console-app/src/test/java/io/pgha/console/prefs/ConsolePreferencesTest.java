package io.pgha.console.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePreferencesTest {

    @TempDir
    Path dir;

    @Test
    void windowAndLastClusterSurviveARestart() {
        Path file = dir.resolve("console.properties");
        ConsolePreferences prefs = ConsolePreferences.load(file);
        prefs.window(new WindowGeometry(40, 30, 1280, 800, false));
        prefs.lastCluster(Optional.of("orders"));
        prefs.save();

        ConsolePreferences reread = ConsolePreferences.load(file);
        assertThat(reread.window()).contains(new WindowGeometry(40, 30, 1280, 800, false));
        assertThat(reread.lastCluster()).contains("orders");
    }

    @Test
    void aBrokenFileGivesTheDefaults() throws Exception {
        Path file = dir.resolve("console.properties");
        Files.writeString(file, "window=a,b\nrefresh.seconds=soon\n");

        ConsolePreferences prefs = ConsolePreferences.load(file);

        assertThat(prefs.window()).isEmpty();
        assertThat(prefs.refreshInterval()).isEqualTo(ConsolePreferences.DEFAULT_REFRESH);
        assertThat(prefs.theme()).isEqualTo("light");
    }
}
