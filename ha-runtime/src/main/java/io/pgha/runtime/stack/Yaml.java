package io.pgha.runtime.stack;

import java.util.Set;
import java.util.regex.Pattern;

/** YAML scalars for the hand-laid files the renderers write: plain when YAML reads them back as the same string. */
final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./=,:-]*");
    private static final Pattern DURATION_OR_SIZE = Pattern.compile("[0-9]+[A-Za-z]+");
    private static final Pattern NUMBER_OR_SIZE = Pattern.compile("[0-9]+(\\.[0-9]+)?([A-Za-z]+)?");
    private static final Set<String> WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");

    private Yaml() {}

    /** A value that YAML reads as a string (compose environment values must be strings). */
    static String string(String value) {
        if (DURATION_OR_SIZE.matcher(value).matches()) {
            return value;
        }
        if (PLAIN.matcher(value).matches()
                && !WORDS.contains(value.toLowerCase(java.util.Locale.ROOT))
                && !value.contains(": ")) {
            return value;
        }
        return quoted(value);
    }

    /** A value that may stay a number or a size like 256MB (PostgreSQL parameters, which Patroni reads either way). */
    static String scalar(String value) {
        return NUMBER_OR_SIZE.matcher(value).matches() ? value : string(value);
    }

    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
