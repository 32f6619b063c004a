package io.pgha.runtime.ops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request would do to the cluster as it is now, worked out before anything is sent: a console shows
 * it in its confirmation dialog, the CLI prints it.
 *
 * @param target            the member it acts on, resolved (the chosen candidate when none was named)
 * @param summary           one sentence, e.g. "switch over from pg-0 to pg-1"
 * @param refusal           why it must not be done, when it must not
 * @param nothingToDo       why it would change nothing (already paused, no restart pending, …)
 * @param warnings          what the user should know before confirming (write outage, failover, lost reads …)
 * @param needsConfirmation whether the request must carry an explicit confirmation
 */
public record OperationPlan(
        OperationRequest request,
        String target,
        String summary,
        Optional<String> refusal,
        Optional<String> nothingToDo,
        List<String> warnings,
        boolean needsConfirmation) {

    public OperationPlan {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(nothingToDo, "nothingToDo");
        warnings = List.copyOf(warnings);
    }

    public boolean allowed() {
        return refusal.isEmpty();
    }

    static OperationPlan refused(OperationRequest request, String reason) {
        return new OperationPlan(
                request,
                request.target(),
                request.operation() + " " + request.target(),
                Optional.of(reason),
                Optional.empty(),
                List.of(),
                false);
    }

    static OperationPlan nothingToDo(OperationRequest request, String target, String why) {
        return new OperationPlan(
                request,
                target,
                request.operation() + " " + target,
                Optional.empty(),
                Optional.of(why),
                List.of(),
                false);
    }

    static OperationPlan go(
            OperationRequest request, String target, String summary, List<String> warnings, boolean confirm) {
        return new OperationPlan(request, target, summary, Optional.empty(), Optional.empty(), warnings, confirm);
    }
}
