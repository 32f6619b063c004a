package io.pgha.installers.deb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A freedesktop.org desktop entry (the [Desktop Entry] group), as a menu or a launcher reads it. */
record DesktopEntry(Map<String, String> keys) {

    static DesktopEntry read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        boolean inGroup = false;
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("[")) {
                inGroup = l.equals("[Desktop Entry]");
            } else if (inGroup && l.contains("=") && !l.startsWith("#")) {
                keys.put(
                        l.substring(0, l.indexOf('=')).strip(),
                        l.substring(l.indexOf('=') + 1).strip());
            }
        }
        return new DesktopEntry(keys);
    }

    String get(String key) {
        return keys.getOrDefault(key, "");
    }

    /** The Exec line as a command, without the field codes (%f, %U, …) a launcher would fill in. */
    List<String> command() {
        return Arrays.stream(get("Exec").split("\\s+"))
                .filter(a -> !a.isEmpty() && !a.matches("%[a-zA-Z]"))
                .map(a -> a.replaceAll("^\"|\"$", ""))
                .toList();
    }
}
