package io.pgha.runtime.apply;

import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a desired spec changes in the running one, key by key as the spec file names them ("nodes: 3 → 4",
 * "postgresql.parameters.shared_buffers: (unset) → 256MB"): what {@code pgha apply} is asked to do, beside the plan of
 * how it does it.
 */
public final class SpecDiff {

    private SpecDiff() {}

    /** One line per key whose value differs, sorted by key; empty when the specs are the same. */
    public static List<String> lines(StackSpec now, StackSpec desired) {
        Map<String, String> before = flat(StackSpecFile.tree(now));
        Map<String, String> after = flat(StackSpecFile.tree(desired));
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            String a = before.get(key);
            String b = after.get(key);
            if (a == null ? b != null : !a.equals(b)) {
                lines.add(key + ": " + (a == null ? "(unset)" : a) + " → " + (b == null ? "(unset)" : b));
            }
        }
        return lines;
    }

    private static Map<String, String> flat(Map<String, Object> tree) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key, nested, into);
            } else {
                into.put(key, String.valueOf(v));
            }
        });
    }
}
