package io.pgha.runtime.supervisor;

import java.time.Duration;
import java.util.List;

/** What the supervisor reports of its work: each event, what it decided, and how long deciding and acting took. */
public interface SupervisorMetrics extends AutoCloseable {

    SupervisorMetrics NONE = (event, actions, took) -> {};

    /**
     * @param took from the event's arrival on the loop to the last of its actions done, not counting the events those
     *     actions answered with (they are reported on their own)
     */
    void handled(SupervisorEvent event, List<SupervisorAction> actions, Duration took);

    @Override
    default void close() {}
}
