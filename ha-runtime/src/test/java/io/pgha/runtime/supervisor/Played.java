package io.pgha.runtime.supervisor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events decided on one after the other, as the tables play them: every action taken, in order, and the state after. */
record Played(SupervisorState state, List<SupervisorAction> actions) {

    static Played from(SupervisorState start, List<SupervisorEvent> events, Instant now) {
        SupervisorState state = start;
        List<SupervisorAction> actions = new ArrayList<>();
        for (SupervisorEvent event : events) {
            SupervisorDecisions.Decision d = SupervisorDecisions.next(state, event, now);
            state = d.state();
            actions.addAll(d.actions());
        }
        return new Played(state, List.copyOf(actions));
    }
}
