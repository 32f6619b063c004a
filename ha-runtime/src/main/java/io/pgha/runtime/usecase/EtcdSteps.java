package io.pgha.runtime.usecase;

import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.stack.StackSpec;

/**
 * The etcd member count a stack has after one etcd step of a plan. A spec counts 1, 3 or 5 members; the even count
 * half-way through 3 → 5 (or 5 → 3) is no spec, so the spec stays as it was until the count is one again.
 */
final class EtcdSteps {

    private EtcdSteps() {}

    static StackSpec after(StackSpec current, PlanStep step) {
        int number = Integer.parseInt(step.target().substring("etcd-".length()));
        int members = switch (step.kind()) {
            case ADD_ETCD_MEMBER -> number;
            case REMOVE_ETCD_MEMBER -> number - 1;
            default -> current.etcdMembers();
        };
        return members == 1 || members == 3 || members == 5
                ? current.toBuilder().etcdMembers(members).build()
                : current;
    }
}
