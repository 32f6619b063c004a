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

    private HaproxyCsv() {}

    public static List<RouterBackend> parse(String csv) {
        List<RouterBackend> result = new ArrayList<>();
        for (Row row : serverRows(csv)) {
            String duration = row.get("check_duration");
            result.add(new RouterBackend(
                    row.get("pxname"),
                    row.get("svname"),
                    status(row.get("status")),
                    row.get("check_status").replace("* ", "").strip(),
                    duration.isEmpty() ? OptionalLong.empty() : parseLong(duration),
                    parseLong(row.get("scur")).orElse(0)));
        }
        return result;
    }

    /**
     * Each listener's servers with their status exactly as HAProxy writes it ("UP", "UP 1/2", "DOWN", "MAINT", …),
     * for callers that must tell a server going down from one that is up.
     */
    public static Map<String, Map<String, String>> statusTexts(String csv) {
        Map<String, Map<String, String>> states = new HashMap<>();
        for (Row row : serverRows(csv)) {
            states.computeIfAbsent(row.get("pxname"), k -> new HashMap<>()).put(row.get("svname"), row.get("status"));
        }
        return states;
    }

    /** One line of the CSV, read by column name ("" for a column the line or the header lacks). */
    private record Row(String[] fields, Map<String, Integer> columns) {
        String get(String name) {
            return field(fields, columns, name);
        }
    }

    /** The server rows, not the FRONTEND and BACKEND ones. */
    private static List<Row> serverRows(String csv) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> column = null;
        for (String line : csv.lines().toList()) {
            if (line.startsWith("# ")) {
                column = header(line.substring(2));
                continue;
            }
            if (column == null || line.isBlank()) {
                continue;
            }
            Row row = new Row(line.split(",", -1), column);
            String server = row.get("svname");
            if (!row.get("pxname").isEmpty() && !server.equals("FRONTEND") && !server.equals("BACKEND")) {
                rows.add(row);
            }
        }
        if (column == null) {
            throw new IllegalArgumentException("no CSV header line (\"# pxname,svname,…\")");
        }
        return rows;
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
