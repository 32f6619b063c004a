package io.pgha.console.wiring;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ConfigPreview;
import io.pgha.console.service.DynamicConfigEditing;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.ConfigPlan;
import io.pgha.runtime.ops.ConfigWeakening;
import io.pgha.runtime.ops.OperationRequest;
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
        return new ConfigPreview(
                plan.changes().stream()
                        .map(c -> new ConfigPreview.Change(c.key(), c.before(), c.after()))
                        .toList(),
                plan.problems(),
                plan.weakenings().stream()
                        .map(ConfigWeakening.Weakening::describe)
                        .toList());
    }

    /** The runtime checks the change again, refuses what Patroni would, and notes a restart that becomes pending. */
    @Override
    public ActionOutcome apply(Map<String, String> changes) {
        return apply(changes, false);
    }

    /** A weakening change is refused (and audited) unless confirmed; a confirmed one is audited as such. */
    @Override
    public ActionOutcome apply(Map<String, String> changes, boolean confirmed) {
        return RuntimeClusterActions.outcome(operations
                .perform(new OperationRequest.ChangeConfig(changes, confirmed))
                .orThrow());
    }
}
