package io.pgha.console.ui.actions;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Roles;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A member that could become the primary, as the candidate picker lists it.
 *
 * @param whyNot why it cannot be chosen; empty when it can
 */
public record Candidate(String name, Role role, String state, OptionalLong lagBytes, Optional<String> whyNot) {

    /** The member with the runtime's reason it cannot be chosen, without its name (the row shows it). */
    static Candidate of(Member m, Optional<String> whyNot) {
        return new Candidate(
                m.name(),
                m.role(),
                m.state(),
                m.lagBytes(),
                whyNot.map(
                        w -> w.startsWith(m.name() + " ") ? w.substring(m.name().length() + 1) : w));
    }

    public boolean eligible() {
        return whyNot.isEmpty();
    }

    public String lagText() {
        return Formats.lag(lagBytes);
    }

    @Override
    public String toString() {
        return name + " · " + Roles.label(role) + " · " + state + " · lag " + lagText()
                + whyNot.map(w -> " — " + w).orElse("");
    }
}
