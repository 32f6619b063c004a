package io.pgha.runtime.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which PostgreSQL parameters a spec changes and how each is applied: the server says it (pg_settings' context, asked
 * of the leader: {@code postmaster} needs a restart, {@code internal} cannot be set, anything else is applied by a
 * reload). Only when the server did not answer does the planner fall back to the list of PostgreSQL 17's postmaster
 * parameters it knows ({@link RestartParameters}); the roll itself is driven by Patroni's pending-restart flags either
 * way.
 */
public final class ParameterChanges {

    static final String POSTMASTER = "postmaster";
    static final String INTERNAL = "internal";

    private ParameterChanges() {}

    /** The parameters whose value changes: name to the new value, empty for one that goes back to its default. */
    public static Map<String, Optional<String>> changed(RunningStack running, Map<String, String> desired) {
        Map<String, String> now = running.parametersNow(desired.keySet());
        Map<String, Optional<String>> changed = new LinkedHashMap<>();
        desired.forEach((k, v) -> {
            if (!v.equals(now.get(k))) {
                changed.put(k, Optional.of(v));
            }
        });
        now.keySet().stream().filter(k -> !desired.containsKey(k)).forEach(k -> changed.put(k, Optional.empty()));
        return changed;
    }

    /** Whether a restart applies {@code name}; a name the server does not know counts as one a reload applies. */
    public static boolean needsRestart(String name, Map<String, String> contexts) {
        if (contexts.isEmpty()) {
            return RestartParameters.needsRestart(name);
        }
        return POSTMASTER.equals(contexts.get(name));
    }

    /** Why the changes cannot be applied: a parameter PostgreSQL does not know, or one it does not let be set. */
    static List<String> refusals(Iterable<String> names, Map<String, String> contexts) {
        List<String> refusals = new ArrayList<>();
        if (contexts.isEmpty()) {
            return refusals;
        }
        for (String name : names) {
            String context = contexts.get(name);
            if (context == null && !name.contains(".")) {
                refusals.add("PostgreSQL has no parameter " + name + " (not in the leader's pg_settings)");
            } else if (INTERNAL.equals(context)) {
                refusals.add(name + " is fixed when PostgreSQL is built or its data directory initialised (context"
                        + " internal): it cannot be changed by a spec");
            }
        }
        return refusals;
    }
}
