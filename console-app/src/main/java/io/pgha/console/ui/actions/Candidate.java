package io.pgha.console.ui.actions;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Roles;
import io.pgha.runtime.model.Role;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A member that could become the primary, as the candidate picker lists it.
 *
 * @param whyNot why it cannot be chosen; empty when it can
 */
public record Candidate(String name, Role role, String state, OptionalLong lagBytes, Optional<String> whyNot) {

    public boolean eligible() {
        return whyNot.isEmpty();
    }

    public String lagText() {
        return Formats.lag(lagBytes);
    }

    @Override
    public String toString() {
        return name + " · " + Roles.label(role) + " · " + state + " · lag " + lagText() + whyNot.map(w -> " — " + w).orElse("");
    }
}
