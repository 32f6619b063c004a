package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.SupervisorLease.Tenure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A supervisor run one action at a time on the test's thread, against {@link InMemoryStack}'s ports, with the
 * production decisions and effects: a test can change the stack between any two actions, or interleave two
 * supervisors. An action's answer is decided on at once and its actions come next, as on the supervisor's loop. It
 * tries to take the supervisors' lease when it starts; as on the loop, a change of its tenure (the lease expired in
 * the stack) is decided on, and carried out, before any event.
 */
final class SteppedSupervisor {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private final SupervisorEffects effects;
    private final Deque<SupervisorAction> pending = new ArrayDeque<>();
    private final List<SupervisorAction> done = new ArrayList<>();
    private final InMemoryStack stack;
    private final SupervisorPorts ports;
    private final Supplier<Optional<Tenure>> keeper;
    private Optional<Tenure> tenure = Optional.empty();
    private SupervisorState state;

    /** Takes the supervisors' lease if it is free; its tenure lasts while the stack still has that lease. */
    SteppedSupervisor(InMemoryStack stack, List<String> members) {
        this(stack, members, null);
    }

    /**
     * @param keeper this supervisor's tenure as a lease keeper says now; null: it takes the lease when it starts and
     *               holds it while the stack has it
     */
    SteppedSupervisor(InMemoryStack stack, List<String> members, Supplier<Optional<Tenure>> keeper) {
        this.stack = stack;
        this.ports = stack.ports();
        this.state = SupervisorState.initial(
                new SupervisorState.Policy(members, true, true, "postgres", Duration.ofMillis(50), NOW));
        this.keeper = keeper;
        if (keeper == null) {
            this.tenure = ports.leadership().campaign("{}");
        }
        this.effects = new SupervisorEffects(
                ports,
                new PromotionWait(ports.readiness(), Duration.ofMillis(50), () -> false),
                () -> false,
                this::current,
                () -> {});
        // leading (or standing by) before the test begins: what it did when it took the lease is not the test's
        decide(new SupervisorEvent.HeartbeatDue());
        done.clear();
    }

    /** The tenure as a lease keeper would see it. */
    private Optional<Tenure> current() {
        return keeper != null ? keeper.get() : tenure.filter(stack::holds);
    }

    /** A standby looks again, as its keeper does every second: it takes the lease if nobody holds it. */
    SteppedSupervisor lookAtTheLease() {
        if (current().isEmpty()) {
            tenure = ports.leadership().campaign("{}");
        }
        return this;
    }

    boolean leading() {
        return current().isPresent();
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

    /**
     * As on the loop: a change of tenure is decided on, and its actions carried out with their answers, before the
     * event is decided on.
     */
    private List<SupervisorAction> decide(SupervisorEvent event) {
        Optional<Long> now = current().map(Tenure::createRevision);
        if (!now.equals(state.tenure())) {
            SupervisorDecisions.Decision d =
                    SupervisorDecisions.next(state, new SupervisorEvent.LeadershipChanged(now), NOW);
            state = d.state();
            for (SupervisorAction action : d.actions()) {
                done.add(action);
                effects.perform(action).ifPresent(answer -> decide(answer).forEach(this::performNow));
            }
        }
        SupervisorDecisions.Decision d = SupervisorDecisions.next(state, event, NOW);
        state = d.state();
        return d.actions();
    }

    private void performNow(SupervisorAction action) {
        done.add(action);
        effects.perform(action).ifPresent(answer -> decide(answer).forEach(this::performNow));
    }

    SupervisorState state() {
        return state;
    }

    List<String> done() {
        return Render.all(done);
    }
}
