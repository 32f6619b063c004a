package io.pgha.console.service;

import java.util.List;
import java.util.Optional;

/** What a change of Patroni's dynamic configuration would do, before it is applied. */
public record ConfigPreview(List<Change> changes, List<String> problems) {

    public ConfigPreview {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** One key whose value changes; empty before means added, empty after means removed. */
    public record Change(String key, Optional<String> before, Optional<String> after) {}
}
