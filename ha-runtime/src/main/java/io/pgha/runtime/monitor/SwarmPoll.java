package io.pgha.runtime.monitor;

import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.swarm.SwarmManager;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Asks the Swarm's manager for its nodes and the stack's tasks: the hosts of a cluster placed on a Swarm. */
final class SwarmPoll {

    private final Supplier<SwarmManager> manager;
    private final String stack;
    private final Clock clock;

    SwarmPoll(Supplier<SwarmManager> manager, String stack, Clock clock) {
        this.manager = manager;
        this.stack = stack;
        this.clock = clock;
    }

    Reading<List<HostInfo>> poll(Reading<List<HostInfo>> previous) {
        return Reading.ok(Source.SWARM, manager.get().hosts(stack), clock.instant());
    }
}
