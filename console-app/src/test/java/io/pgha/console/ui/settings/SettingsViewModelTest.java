package io.pgha.console.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.testing.Inline;
import io.pgha.console.ui.common.Theme;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void themeAndRefreshAreSavedAsTheyChange() {
        Path file = dir.resolve("console.properties");
        SettingsViewModel viewModel = new SettingsViewModel(ConsolePreferences.load(file), Inline.executors());
        assertThat(viewModel.themeProperty().get()).isEqualTo(Theme.LIGHT);

        viewModel.toggleTheme();
        viewModel.refreshSecondsProperty().set(7);

        ConsolePreferences reread = ConsolePreferences.load(file);
        assertThat(reread.theme()).isEqualTo("dark");
        assertThat(reread.refreshInterval()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theRefreshIntervalStaysWithinItsLimits() {
        SettingsViewModel viewModel =
                new SettingsViewModel(ConsolePreferences.load(dir.resolve("c.properties")), Inline.executors());

        viewModel.refreshSecondsProperty().set(0);
        assertThat(viewModel.refreshInterval()).isEqualTo(Duration.ofSeconds(SettingsViewModel.MIN_REFRESH_SECONDS));

        viewModel.refreshSecondsProperty().set(600);
        assertThat(viewModel.refreshInterval()).isEqualTo(Duration.ofSeconds(SettingsViewModel.MAX_REFRESH_SECONDS));
    }
}
