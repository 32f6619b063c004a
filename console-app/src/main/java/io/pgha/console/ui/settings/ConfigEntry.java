package io.pgha.console.ui.settings;

/** One key of Patroni's dynamic configuration, with the value the cluster has and the one being edited. */
public record ConfigEntry(String key, String current, String edited) {

    public boolean changed() {
        return !current.equals(edited);
    }
}
