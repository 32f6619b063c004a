package io.pgha.console.wiring;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ConfigPreview;
import io.pgha.console.service.DynamicConfigEditing;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.ConfigPlan;
import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Patroni's dynamic configuration through the runtime's validation, diff and confirmed PATCH /config. */
final class RuntimeConfigEditing implements DynamicConfigEditing {

    private final ClusterOperations operations;

    RuntimeConfigEditing(ClusterOperations operations) {
        this.operations = operations;
    }

    @Override
    public ConfigPreview preview(Map<String, String> changes) {
        ConfigPlan plan = operations.previewConfig(changes);
        List<ConfigPreview.Change> diff = plan.changes().stream()
                .map(c -> new ConfigPreview.Change(c.key(), c.before(), c.after())).toList();
        List<String> problems = new ArrayList<>(plan.problems());
        return new ConfigPreview(diff, problems);
    }

    @Override
    public ActionOutcome apply(Map<String, String> changes) {
        ConfigPlan plan = operations.previewConfig(changes);
        if (!plan.valid()) {
            throw PghaException.invalidInput(String.join("; ", plan.problems()));
        }
        OperationResult result = operations.perform(new OperationRequest.ChangeConfig(changes)).orThrow();
        List<String> notes = new ArrayList<>(result.notes());
        if (!plan.restartNeeded().isEmpty()) {
            notes.add("a restart becomes pending for " + String.join(", ", plan.restartNeeded()));
        }
        String summary = notes.isEmpty() ? result.message() : result.message() + " (" + String.join("; ", notes) + ")";
        return new ActionOutcome(summary, result.took());
    }
}
