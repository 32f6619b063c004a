package io.pgha.runtime.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What differs between two specs, as "key: old -> new" lines, e.g. "patroni.ttl: 20 -> 30". */
public final class SpecDifferences {

    private SpecDifferences() {}

    public static List<String> between(StackSpec before, StackSpec after) {
        Map<String, String> a = flatten("", StackSpecFile.tree(before));
        Map<String, String> b = flatten("", StackSpecFile.tree(after));
        List<String> lines = new ArrayList<>();
        for (String key : union(a, b)) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                lines.add(key + ": " + show(a.get(key)) + " -> " + show(b.get(key)));
            }
        }
        return lines;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return List.copyOf(keys.keySet());
    }

    private static String show(String value) {
        return value == null ? "(none)" : value;
    }

    private static Map<String, String> flatten(String prefix, Map<?, ?> tree) {
        Map<String, String> flat = new LinkedHashMap<>();
        tree.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k.toString() : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flat.putAll(flatten(key, m));
            } else {
                flat.put(key, String.valueOf(v));
            }
        });
        return flat;
    }
}
