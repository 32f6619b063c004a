package io.pgha.console.prefs;

import java.util.Locale;
import java.util.Optional;

/** Where the main window was and how big, to reopen it there. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    String format() {
        return String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f,%b", x, y, width, height, maximized);
    }

    static Optional<WindowGeometry> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(",");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WindowGeometry(
                    Double.parseDouble(parts[0]),
                    Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]),
                    Double.parseDouble(parts[3]),
                    Boolean.parseBoolean(parts[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
