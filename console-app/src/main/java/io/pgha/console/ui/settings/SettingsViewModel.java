package io.pgha.console.ui.settings;

import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.ui.common.Theme;
import io.pgha.console.ui.common.UiExecutors;
import java.time.Duration;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The console's own settings: theme and refresh interval, saved as they change. */
public final class SettingsViewModel {

    public static final int MIN_REFRESH_SECONDS = 1;
    public static final int MAX_REFRESH_SECONDS = 60;

    private final ObjectProperty<Theme> theme;
    private final IntegerProperty refreshSeconds;

    public SettingsViewModel(ConsolePreferences preferences, UiExecutors executors) {
        theme = new SimpleObjectProperty<>(Theme.parse(preferences.theme()));
        refreshSeconds =
                new SimpleIntegerProperty((int) preferences.refreshInterval().toSeconds());
        theme.addListener((o, a, t) -> {
            preferences.theme(t.id());
            executors.background().execute(preferences::save);
        });
        refreshSeconds.addListener((o, a, s) -> {
            int clamped = Math.clamp(s.intValue(), MIN_REFRESH_SECONDS, MAX_REFRESH_SECONDS);
            if (clamped != s.intValue()) {
                refreshSeconds.set(clamped);
                return;
            }
            preferences.refreshInterval(Duration.ofSeconds(clamped));
            executors.background().execute(preferences::save);
        });
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public IntegerProperty refreshSecondsProperty() {
        return refreshSeconds;
    }

    public Duration refreshInterval() {
        return Duration.ofSeconds(refreshSeconds.get());
    }
}
