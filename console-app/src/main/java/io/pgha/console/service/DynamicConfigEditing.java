package io.pgha.console.service;

import java.util.Map;

/** Edits Patroni's dynamic configuration (PATCH /config) with ha-runtime's diff and validation. */
public interface DynamicConfigEditing {

    /** @param changes dotted keys (e.g. "postgresql.parameters.max_connections") to their new values as text */
    ConfigPreview preview(Map<String, String> changes);

    /**
     * Applies the changes when {@link #preview} finds no problem; throws PghaException otherwise, and also when they
     * weaken durability or security ({@link ConfigPreview#weakenings()}) unconfirmed.
     */
    ActionOutcome apply(Map<String, String> changes);

    /** As {@link #apply(Map)}; {@code confirmed}: the user confirmed what the change weakens, after seeing it. */
    default ActionOutcome apply(Map<String, String> changes, boolean confirmed) {
        return apply(changes);
    }
}
