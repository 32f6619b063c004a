package io.pgha.runtime.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change of Patroni's dynamic configuration, checked before anything is sent.
 *
 * @param changes       the keys whose value changes (keys asked for but already at that value are left out)
 * @param problems      why Patroni must not get this configuration; empty when it may
 * @param restartNeeded the PostgreSQL parameters among the changes that take effect only after a restart
 *                      (Patroni then flags the members "pending restart")
 * @param patch         the body of Patroni's PATCH /config (nested maps; null removes a key)
 */
public record ConfigPlan(
        List<Change> changes, List<String> problems, List<String> restartNeeded, Map<String, Object> patch) {

    /** One key whose value changes; empty before means added, empty after means removed. */
    public record Change(String key, Optional<String> before, Optional<String> after) {}

    public ConfigPlan {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
        restartNeeded = List.copyOf(restartNeeded);
        patch = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(patch));
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The changes that weaken durability or security: they need an explicit confirmation and are audited. */
    public List<ConfigWeakening.Weakening> weakenings() {
        return ConfigWeakening.of(changes);
    }
}
