package io.pgha.runtime.docker;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local Docker engine as the monitor and {@code pgha attach} observe it: a stack's containers inspected
 * (state, health, restarts, published ports), commands run in them, and their event stream. Calls give up
 * after the timeout and fail with {@link io.pgha.runtime.PghaException}s.
 */
public interface ContainerObserver extends AutoCloseable {

    /** The label compose (and pgha's provisioner) puts on every container of a stack. */
    String PROJECT_LABEL = "com.docker.compose.project";

    String SERVICE_LABEL = "com.docker.compose.service";

    static ContainerObserver connect(Duration timeout) {
        return new DockerJavaContainerObserver(timeout);
    }

    /** Loads docker-java's classes without calling the engine. */
    static void warmUp() {
        try {
            DockerClients.create(Duration.ofSeconds(1), Duration.ofSeconds(1)).close();
        } catch (java.io.IOException ignored) {
            // nothing was opened
        }
    }

    /** Every container (running or not) of the compose project, inspected. */
    List<StackContainer> inspect(String composeProject);

    /** The containers of every compose project, inspected (for discovery). */
    List<StackContainer> inspectComposeContainers();

    /** Runs a command in a running container, waiting at most the timeout. */
    ExecResult exec(String container, List<String> command, Duration timeout);

    /**
     * Streams the project's container lifecycle events (start, die, stop, pause, health status…; not execs) until the
     * subscription is closed; onFailure when the stream breaks.
     */
    Subscription events(String composeProject, Consumer<ContainerEvent> listener, Consumer<String> onFailure);

    @Override
    void close();

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
