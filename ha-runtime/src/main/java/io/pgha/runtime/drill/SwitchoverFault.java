package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.ops.Candidates;

/**
 * A planned switchover through Patroni's REST API to the replica {@code pgha switchover} would pick (the runtime's one
 * candidate rule, {@link Candidates}); over when Patroni answers.
 */
final class SwitchoverFault implements HandoverFault {

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        ClusterSnapshot view = tools.patroni()
                .snapshot()
                .orElseThrow(() -> PghaException.unavailable("no member's Patroni answers: no switchover"));
        String candidate = candidate(view);
        // the drill's clocks start at the request, not before the look at the cluster that picked the candidate
        InjectedFault.Moment began = InjectedFault.Moment.now();
        tools.patroni().switchover(leader, candidate);
        return InjectedFault.healsItself().beganAt(began);
    }

    static String candidate(ClusterSnapshot view) {
        return Candidates.best(view)
                .map(Member::name)
                .orElseThrow(() -> PghaException.unavailable(
                        "no replica can take over: " + String.join("; ", Candidates.reasonsNoneCan(view))));
    }
}
