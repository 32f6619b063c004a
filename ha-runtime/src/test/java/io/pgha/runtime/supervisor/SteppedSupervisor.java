package io.pgha.runtime.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A supervisor run one action at a time on the test's thread, against {@link InMemoryStack}'s ports, with the
 * production decisions and effects: a test can change the stack between any two actions, or interleave two
 * supervisors. An action's answer is decided on at once and its actions come next, as on the supervisor's loop.
 */
final class SteppedSupervisor {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private final SupervisorEffects effects;
    private final Deque<SupervisorAction> pending = new ArrayDeque<>();
    private final List<SupervisorAction> done = new ArrayList<>();
    private SupervisorState state;

    SteppedSupervisor(InMemoryStack stack, List<String> members) {
        SupervisorPorts ports = stack.ports();
        this.state = SupervisorState.initial(
                new SupervisorState.Policy(members, true, true, "postgres", Duration.ofMillis(50), NOW));
        this.effects = new SupervisorEffects(
                ports, new PromotionWait(ports.readiness(), Duration.ofMillis(50), () -> false), () -> false);
    }

    /** An event from a source: its actions queue behind the pending ones. */
    SteppedSupervisor receive(SupervisorEvent event) {
        pending.addAll(decide(event));
        return this;
    }

    /** Carries out the next action; an answer's actions go first. */
    SteppedSupervisor step() {
        SupervisorAction action = pending.removeFirst();
        done.add(action);
        effects.perform(action).ifPresent(answer -> {
            List<SupervisorAction> next = decide(answer);
            for (int i = next.size() - 1; i >= 0; i--) {
                pending.addFirst(next.get(i));
            }
        });
        return this;
    }

    SteppedSupervisor runToEnd() {
        while (!pending.isEmpty()) {
            step();
        }
        return this;
    }

    private List<SupervisorAction> decide(SupervisorEvent event) {
        SupervisorDecisions.Decision d = SupervisorDecisions.next(state, event, NOW);
        state = d.state();
        return d.actions();
    }

    SupervisorState state() {
        return state;
    }

    List<String> done() {
        return Render.all(done);
    }
}
