package io.pgha.runtime.apply;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a member runs a parameter at the value a spec asks for, from its pg_settings row: {@code setting} is in the
 * row's {@code unit} ("8kB" for shared_buffers, "ms" for a time), the spec's value may carry any unit PostgreSQL accepts
 * ("256MB", "1min") or none (then it is in the parameter's unit), booleans may be spelled on/true/yes/1.
 */
public final class SettingValues {

    private static final Pattern NUMBER = Pattern.compile("^(-?[0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)$");
    private static final Map<String, Double> MEMORY = Map.of(
            "b", 1.0, "kb", 1024.0, "mb", 1024.0 * 1024, "gb", 1024.0 * 1024 * 1024, "tb", 1024.0 * 1024 * 1024 * 1024);
    private static final Map<String, Double> TIME =
            Map.of("us", 0.001, "ms", 1.0, "s", 1000.0, "min", 60_000.0, "h", 3_600_000.0, "d", 86_400_000.0);

    private SettingValues() {}

    /**
     * @param wanted  the spec's value
     * @param setting pg_settings.setting
     * @param unit    pg_settings.unit, empty or null when it has none
     */
    public static boolean matches(String wanted, String setting, String unit) {
        String w = unquote(wanted.strip());
        if (w.equalsIgnoreCase(setting)) {
            return true;
        }
        Optional<Boolean> wb = bool(w);
        Optional<Boolean> sb = bool(setting);
        if (wb.isPresent() && sb.isPresent()) {
            return wb.equals(sb);
        }
        Optional<Double> s = inBase(setting, unit == null ? "" : unit, Optional.empty());
        Optional<Double> x = inBase(w, unit == null ? "" : unit, Optional.of(unit == null ? "" : unit));
        return s.isPresent() && x.isPresent() && Math.abs(s.get() - x.get()) < 1e-9 * Math.max(1, Math.abs(s.get()));
    }

    /** The value in bytes or milliseconds (a bare number: in {@code unit}). */
    private static Optional<Double> inBase(String value, String unit, Optional<String> ofUnitKind) {
        Matcher m = NUMBER.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        double number = Double.parseDouble(m.group(1));
        String suffix = m.group(2);
        if (suffix.isEmpty()) {
            return factor(unit).map(f -> number * f);
        }
        Optional<Double> f = factor(suffix);
        if (f.isEmpty() || ofUnitKind.isPresent() && !sameKind(suffix, ofUnitKind.get())) {
            return Optional.empty();
        }
        return Optional.of(number * f.get());
    }

    /** "8kB" is 8192 bytes, "ms" 1 ms, "" 1 (a plain number). */
    private static Optional<Double> factor(String unit) {
        if (unit.isEmpty()) {
            return Optional.of(1.0);
        }
        Matcher m = NUMBER.matcher(unit);
        double times = 1;
        String u = unit;
        if (m.matches()) {
            times = Double.parseDouble(m.group(1));
            u = m.group(2);
        }
        String key = u.equals("min") ? u : u.toLowerCase(Locale.ROOT);
        Double f = MEMORY.containsKey(key) && !u.equals("s") ? MEMORY.get(key) : TIME.get(u);
        double t = times;
        return Optional.ofNullable(f).map(x -> x * t);
    }

    private static boolean sameKind(String suffix, String unit) {
        String u = unit.replaceAll("^[0-9.]+", "");
        boolean memory = MEMORY.containsKey(suffix.toLowerCase(Locale.ROOT)) && !TIME.containsKey(suffix);
        boolean unitMemory = MEMORY.containsKey(u.toLowerCase(Locale.ROOT)) && !TIME.containsKey(u);
        return u.isEmpty() ? false : memory == unitMemory;
    }

    private static Optional<Boolean> bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> Optional.of(true);
            case "off", "false", "no", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }
}
