package io.pgha.console.ui.router;

import io.pgha.console.ui.common.RouterWords;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.RouterBackend;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The router screen: HAProxy's servers per listener with status and sessions, and its stats page. */
public final class RouterViewModel {

    private final ObservableList<BackendRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no router data yet");
    private final Optional<ClusterConnection.RouterEndpoints> endpoints;
    private final Consumer<String> browser;

    /** @param browser opens a URL in the user's browser */
    public RouterViewModel(ClusterConnection connection, Consumer<String> browser) {
        this.endpoints = connection.router();
        this.browser = browser;
    }

    public void apply(ClusterSnapshot snapshot) {
        List<BackendRow> next = snapshot.routerBackends().stream()
                .map(b -> BackendRow.of(b, listenerLabel(b.listener()), standby(snapshot, b)))
                .sorted(BackendRow.BY_LISTENER)
                .toList();
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
        long writes = sessions(snapshot, RouterBackend.WRITE_LISTENER);
        long reads = sessions(snapshot, RouterBackend.READ_LISTENER);
        summary.set(next.isEmpty() ? "no router data" : writes + " write sessions · " + reads + " read sessions");
    }

    /** Down by design: a replica on the write listener while there is a primary, the primary on the read listener. */
    static boolean standby(ClusterSnapshot snapshot, RouterBackend b) {
        return RouterWords.standby(snapshot, b);
    }

    private static long sessions(ClusterSnapshot snapshot, String listener) {
        return snapshot.routerBackends().stream()
                .filter(b -> b.listener().equals(listener))
                .mapToLong(RouterBackend::currentSessions)
                .sum();
    }

    /** "writes :5000" and "reads :5001" when the ports are known, else HAProxy's own name. */
    String listenerLabel(String listener) {
        if (RouterBackend.WRITE_LISTENER.equals(listener)) {
            return "writes" + endpoints.map(e -> " :" + e.writePort()).orElse("");
        }
        if (RouterBackend.READ_LISTENER.equals(listener)) {
            return "reads" + endpoints.map(e -> " :" + e.readPort()).orElse("");
        }
        return listener;
    }

    public Optional<String> statsUrl() {
        return endpoints.map(ClusterConnection.RouterEndpoints::statsUrl).filter(u -> !u.isBlank());
    }

    public void openStatsPage() {
        statsUrl().ifPresent(browser);
    }

    public ObservableList<BackendRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
