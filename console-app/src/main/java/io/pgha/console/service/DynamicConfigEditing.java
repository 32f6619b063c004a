package io.pgha.console.service;

import java.util.Map;

/** Edits Patroni's dynamic configuration (PATCH /config) with ha-runtime's diff and validation. */
public interface DynamicConfigEditing {

    /** @param changes dotted keys (e.g. "postgresql.parameters.max_connections") to their new values as text */
    ConfigPreview preview(Map<String, String> changes);

    /** Applies the changes when {@link #preview} finds no problem; throws PghaException otherwise. */
    ActionOutcome apply(Map<String, String> changes);
}
