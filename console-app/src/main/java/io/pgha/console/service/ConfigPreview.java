package io.pgha.console.service;

import java.util.List;
import java.util.Optional;

/**
 * What a change of Patroni's dynamic configuration would do, before it is applied.
 *
 * @param weakenings what the change weakens (durability or security), one sentence each; such a change is applied
 *                   only once the user confirmed it
 */
public record ConfigPreview(List<Change> changes, List<String> problems, List<String> weakenings) {

    public ConfigPreview {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
        weakenings = List.copyOf(weakenings);
    }

    /** A change that weakens nothing. */
    public ConfigPreview(List<Change> changes, List<String> problems) {
        this(changes, problems, List.of());
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** One key whose value changes; empty before means added, empty after means removed. */
    public record Change(String key, Optional<String> before, Optional<String> after) {}
}
