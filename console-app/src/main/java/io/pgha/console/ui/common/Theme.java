package io.pgha.console.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;

/** The console's themes: AtlantaFX Primer, light and dark. */
public enum Theme {
    LIGHT,
    DARK;

    public String userAgentStylesheet() {
        return this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the settings list it: "Light", "Dark". */
    public String label() {
        return this == DARK ? "Dark" : "Light";
    }

    public static Theme parse(String id) {
        return "dark".equalsIgnoreCase(id) ? DARK : LIGHT;
    }
}
