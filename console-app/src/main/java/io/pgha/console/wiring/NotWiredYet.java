package io.pgha.console.wiring;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ClusterActions;
import io.pgha.console.service.ConfigPreview;
import io.pgha.console.service.ContainerLogs;
import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.service.DatabaseMetrics;
import io.pgha.console.service.DynamicConfigEditing;
import io.pgha.runtime.PghaException;
import java.time.Instant;
import java.util.Map;

/** Stand-ins for runtime services that do not exist yet: they refuse with a message that says which. */
final class NotWiredYet {

    private NotWiredYet() {
    }

    static PghaException unavailable(String what) {
        return new PghaException(PghaException.Kind.UNAVAILABLE, what + " is not available in this build of the console yet");
    }

    static ClusterActions actions() {
        return action -> {
            throw unavailable("Running operations (" + action.getClass().getSimpleName() + ")");
        };
    }

    static ContainerLogs logs() {
        return (container, lines, sink, failed) -> {
            throw unavailable("Reading container logs");
        };
    }

    static DatabaseMetrics metrics() {
        return () -> DatabaseCounters.none(Instant.now());
    }

    static DynamicConfigEditing dynamicConfig() {
        return new DynamicConfigEditing() {
            @Override
            public ConfigPreview preview(Map<String, String> changes) {
                throw unavailable("Editing Patroni's dynamic configuration");
            }

            @Override
            public ActionOutcome apply(Map<String, String> changes) {
                throw unavailable("Editing Patroni's dynamic configuration");
            }
        };
    }
}
