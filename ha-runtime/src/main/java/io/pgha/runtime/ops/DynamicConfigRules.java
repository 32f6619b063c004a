package io.pgha.runtime.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a change of Patroni's dynamic configuration the way Patroni judges it, before it is sent, and
 * works out what changes. Patroni itself accepts any PATCH and only adjusts impossible timings later (with a
 * warning in its log), so pgha refuses them instead. Pure functions.
 */
final class DynamicConfigRules {

    static final String PARAMETERS = "postgresql.parameters.";
    /** Patroni's defaults, which apply to a key the configuration leaves out. */
    static final long DEFAULT_TTL = 30;

    static final long DEFAULT_LOOP_WAIT = 10;
    static final long DEFAULT_RETRY_TIMEOUT = 10;

    /** Whole-number keys and their minimum. */
    private static final Map<String, Long> WHOLE_NUMBERS = Map.of(
            "ttl",
            20L,
            "loop_wait",
            1L,
            "retry_timeout",
            3L,
            "maximum_lag_on_failover",
            0L,
            "primary_start_timeout",
            0L,
            "primary_stop_timeout",
            0L,
            "synchronous_node_count",
            1L,
            "max_timelines_history",
            0L);

    private static final Set<String> FLAGS = Set.of(
            "synchronous_mode_strict",
            "failsafe_mode",
            "check_timeline",
            "postgresql.use_pg_rewind",
            "postgresql.use_slots");
    private static final String SYNCHRONOUS_MODE = "synchronous_mode";
    /** Set per node in Patroni's local configuration; Patroni ignores them in the dynamic one. */
    private static final Set<String> LOCAL_PARAMETERS = Set.of(
            "listen_addresses", "port", "cluster_name", "data_directory", "config_file", "hba_file", "ident_file");

    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    private DynamicConfigRules() {}

    static ConfigPlan preview(Map<String, Object> current, Map<String, String> requested) {
        Map<String, String> before = flatten(current);
        List<String> problems = new ArrayList<>();
        Map<String, Optional<Object>> typed = new TreeMap<>();
        if (requested.isEmpty()) {
            problems.add("no change given: use KEY=VALUE, e.g. loop_wait=2");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(requested).entrySet()) {
            String key = e.getKey().strip();
            String value = e.getValue() == null ? "" : e.getValue().strip();
            Optional<String> problem = checkKey(key);
            if (problem.isPresent()) {
                problems.add(problem.get());
                continue;
            }
            if (value.isEmpty()) {
                typed.put(key, Optional.empty());
                continue;
            }
            try {
                typed.put(key, Optional.of(parse(key, value)));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        problems.addAll(timingProblems(before, typed));

        List<ConfigPlan.Change> changes = new ArrayList<>();
        List<String> restartNeeded = new ArrayList<>();
        Map<String, Object> patch = new LinkedHashMap<>();
        for (Map.Entry<String, Optional<Object>> e : typed.entrySet()) {
            Optional<String> was = Optional.ofNullable(before.get(e.getKey()));
            Optional<String> will = e.getValue().map(DynamicConfigRules::text);
            if (was.equals(will)) {
                continue;
            }
            changes.add(new ConfigPlan.Change(e.getKey(), was, will));
            put(patch, e.getKey(), e.getValue().orElse(null));
            if (e.getKey().startsWith(PARAMETERS)
                    && PostmasterParameters.needsRestart(e.getKey().substring(PARAMETERS.length()))) {
                restartNeeded.add(e.getKey().substring(PARAMETERS.length()));
            }
        }
        return new ConfigPlan(changes, problems, restartNeeded, patch);
    }

    private static Optional<String> checkKey(String key) {
        if (key.equals("pause")) {
            return Optional.of("pause is not changed through the configuration: use pgha pause / pgha resume");
        }
        if (key.startsWith(PARAMETERS)) {
            String name = key.substring(PARAMETERS.length()).toLowerCase(Locale.ROOT);
            if (!PARAMETER_NAME.matcher(name).matches()) {
                return Optional.of("'" + key.substring(PARAMETERS.length()) + "' is not a PostgreSQL parameter name");
            }
            if (LOCAL_PARAMETERS.contains(name)) {
                return Optional.of(name
                        + " is set per node in Patroni's local configuration; Patroni ignores it in the dynamic one");
            }
            return Optional.empty();
        }
        if (WHOLE_NUMBERS.containsKey(key) || FLAGS.contains(key) || key.equals(SYNCHRONOUS_MODE)) {
            return Optional.empty();
        }
        return Optional.of("unknown key '" + key + "': pgha changes "
                + String.join(", ", new TreeMap<>(WHOLE_NUMBERS).keySet()) + ", " + SYNCHRONOUS_MODE + ", "
                + String.join(", ", new java.util.TreeSet<>(FLAGS)) + " and " + PARAMETERS + "NAME");
    }

    /** The value as Patroni wants it in its JSON: numbers, booleans, "quorum", or PostgreSQL's own text. */
    static Object parse(String key, String value) {
        if (WHOLE_NUMBERS.containsKey(key)) {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
            }
            long min = WHOLE_NUMBERS.get(key);
            if (n < min) {
                throw new IllegalArgumentException(key + " must be at least " + min + " (Patroni's minimum), not " + n);
            }
            return n;
        }
        if (FLAGS.contains(key)) {
            return flag(key, value);
        }
        if (key.equals(SYNCHRONOUS_MODE)) {
            return value.equalsIgnoreCase("quorum") ? "quorum" : flag(key, value);
        }
        return value.matches("-?\\d{1,18}") ? (Object) Long.parseLong(value) : value;
    }

    private static boolean flag(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default ->
                throw new IllegalArgumentException(key + " must be true or false"
                        + (key.equals(SYNCHRONOUS_MODE) ? " or quorum" : "") + ", not '" + value + "'");
        };
    }

    /** Patroni's rule: loop_wait + 2·retry_timeout ≤ ttl, on the values the configuration will have. */
    private static List<String> timingProblems(Map<String, String> before, Map<String, Optional<Object>> typed) {
        if (!typed.containsKey("ttl") && !typed.containsKey("loop_wait") && !typed.containsKey("retry_timeout")) {
            return List.of();
        }
        Optional<Long> ttl = effective("ttl", DEFAULT_TTL, before, typed);
        Optional<Long> loopWait = effective("loop_wait", DEFAULT_LOOP_WAIT, before, typed);
        Optional<Long> retry = effective("retry_timeout", DEFAULT_RETRY_TIMEOUT, before, typed);
        if (ttl.isEmpty() || loopWait.isEmpty() || retry.isEmpty()) {
            return List.of();
        }
        long sum = loopWait.get() + 2 * retry.get();
        if (sum <= ttl.get()) {
            return List.of();
        }
        return List.of(
                "loop_wait + 2·retry_timeout must not exceed ttl, or a leader could lose its key while it still runs: "
                        + loopWait.get() + " + 2·" + retry.get() + " = " + sum + " > ttl " + ttl.get());
    }

    private static Optional<Long> effective(
            String key, long patroniDefault, Map<String, String> before, Map<String, Optional<Object>> typed) {
        if (typed.containsKey(key)) {
            return Optional.of(typed.get(key).map(v -> (Long) v).orElse(patroniDefault));
        }
        String current = before.get(key);
        if (current == null) {
            return Optional.of(patroniDefault);
        }
        try {
            return Optional.of(Long.parseLong(current));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void put(Map<String, Object> patch, String key, Object value) {
        List<String> path = new ArrayList<>();
        if (key.startsWith(PARAMETERS)) {
            path.addAll(List.of("postgresql", "parameters", key.substring(PARAMETERS.length())));
        } else {
            path.addAll(List.of(key.split("\\.")));
        }
        Map<String, Object> node = patch;
        for (String part : path.subList(0, path.size() - 1)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> child =
                    (Map<String, Object>) node.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
            node = child;
        }
        node.put(path.get(path.size() - 1), value);
    }

    /** The configuration as dotted keys to text; PostgreSQL parameters keep their own dots after postgresql.parameters. */
    static Map<String, String> flatten(Map<String, Object> config) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", config, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> node, Map<String, String> flat) {
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child && !key.startsWith(PARAMETERS)) {
                flatten(key + ".", child, flat);
            } else if (e.getValue() != null) {
                flat.put(key, text(e.getValue()));
            }
        }
    }

    /** A JSON value as text: numbers without a fraction as whole numbers, lists and maps as JSON. */
    static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            try {
                return io.pgha.runtime.patroni.PatroniJson.MAPPER.writeValueAsString(v);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        return String.valueOf(v);
    }
}
