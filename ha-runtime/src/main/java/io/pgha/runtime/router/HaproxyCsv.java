package io.pgha.runtime.router;

import io.pgha.runtime.model.RouterBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** Reads HAProxy's stats CSV (the stats page with ";csv"): one {@link RouterBackend} per server row. */
public final class HaproxyCsv {

    private HaproxyCsv() {
    }

    public static List<RouterBackend> parse(String csv) {
        List<RouterBackend> result = new ArrayList<>();
        Map<String, Integer> column = null;
        for (String line : csv.lines().toList()) {
            if (line.startsWith("# ")) {
                column = header(line.substring(2));
                continue;
            }
            if (column == null || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String proxy = field(f, column, "pxname");
            String server = field(f, column, "svname");
            if (proxy.isEmpty() || server.equals("FRONTEND") || server.equals("BACKEND")) {
                continue;
            }
            String duration = field(f, column, "check_duration");
            result.add(new RouterBackend(proxy, server, status(field(f, column, "status")),
                    field(f, column, "check_status").replace("* ", "").strip(),
                    duration.isEmpty() ? OptionalLong.empty() : parseLong(duration),
                    parseLong(field(f, column, "scur")).orElse(0)));
        }
        if (column == null) {
            throw new IllegalArgumentException("no CSV header line (\"# pxname,svname,…\")");
        }
        return result;
    }

    /**
     * Each listener's servers with their status exactly as HAProxy writes it ("UP", "UP 1/2", "DOWN", "MAINT", …),
     * for callers that must tell a server going down from one that is up.
     */
    public static Map<String, Map<String, String>> statusTexts(String csv) {
        Map<String, Map<String, String>> states = new HashMap<>();
        Map<String, Integer> column = null;
        for (String line : csv.lines().toList()) {
            if (line.startsWith("# ")) {
                column = header(line.substring(2));
                continue;
            }
            if (column == null || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String proxy = field(f, column, "pxname");
            String server = field(f, column, "svname");
            if (!proxy.isEmpty() && !server.equals("FRONTEND") && !server.equals("BACKEND")) {
                states.computeIfAbsent(proxy, k -> new HashMap<>()).put(server, field(f, column, "status"));
            }
        }
        if (column == null) {
            throw new IllegalArgumentException("no CSV header line (\"# pxname,svname,…\")");
        }
        return states;
    }

    /**
     * "UP", "DOWN", "MAINT", "MAINT (via x/y)", "DRAIN", "NOLB"; "UP 1/2" is up while failing checks
     * and "DOWN 1/2" down while passing them, so transitions fold into the side they are on.
     */
    public static RouterBackend.Status status(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("MAINT")) {
            return RouterBackend.Status.MAINT;
        }
        if (s.startsWith("DRAIN")) {
            return RouterBackend.Status.DRAIN;
        }
        if (s.startsWith("NOLB")) {
            return RouterBackend.Status.NOLB;
        }
        if (s.startsWith("UP")) {
            return RouterBackend.Status.UP;
        }
        if (s.startsWith("DOWN")) {
            return RouterBackend.Status.DOWN;
        }
        return RouterBackend.Status.UNKNOWN;
    }

    private static Map<String, Integer> header(String line) {
        Map<String, Integer> column = new HashMap<>();
        String[] names = line.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            column.put(names[i].strip(), i);
        }
        return column;
    }

    private static String field(String[] fields, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null || i >= fields.length ? "" : fields[i].strip();
    }

    private static OptionalLong parseLong(String s) {
        try {
            return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
