package io.pgha.runtime.monitor;

import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.Source;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Inspects the stack's containers, and keeps a subscription to their Docker events so a container that
 * dies or restarts is re-inspected at once instead of at the next poll.
 */
final class DockerPoll implements AutoCloseable {

    private final java.util.function.Supplier<ContainerObserver> engine;
    private final String stack;
    private final Clock clock;
    private final Consumer<String> onEvent;
    private ContainerObserver.Subscription events;
    private volatile boolean eventsBroken;

    DockerPoll(
            java.util.function.Supplier<ContainerObserver> engine,
            String stack,
            Clock clock,
            Consumer<String> onEvent) {
        this.engine = engine;
        this.stack = stack;
        this.clock = clock;
        this.onEvent = onEvent;
    }

    Reading<List<StackContainer>> poll(Reading<List<StackContainer>> previous) {
        subscribe();
        List<StackContainer> containers = engine.get().inspect(stack);
        if (containers.isEmpty()) {
            return Reading.degraded(
                    Source.DOCKER,
                    Optional.of(containers),
                    true,
                    "no container of compose project '" + stack + "' exists on the local Docker engine",
                    clock.instant());
        }
        return Reading.ok(Source.DOCKER, containers, clock.instant());
    }

    private synchronized void subscribe() {
        if (events != null && !eventsBroken) {
            return;
        }
        if (events != null) {
            events.close();
        }
        eventsBroken = false;
        events = engine.get().events(stack, e -> onEvent.accept(e.action()), reason -> eventsBroken = true);
    }

    @Override
    public synchronized void close() {
        if (events != null) {
            events.close();
        }
    }
}
