package io.pgha.runtime.docker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local Docker engine as the monitor and {@code pgha attach} use it: containers of a compose project,
 * inspect, exec, and the event stream. Calls fail with {@link io.pgha.runtime.PghaException}s.
 */
public interface DockerEngine extends AutoCloseable {

    /** The label compose (and pgha's provisioner) puts on every container of a stack. */
    String PROJECT_LABEL = "com.docker.compose.project";
    String SERVICE_LABEL = "com.docker.compose.service";

    /** A client whose calls give up after the timeout. */
    static DockerEngine connect(Duration timeout) {
        return new DockerJavaEngine(timeout);
    }

    /** Every container (running or not) of the compose project, inspected. */
    List<StackContainer> containers(String composeProject);

    /** The containers of every compose project, inspected (for discovery). */
    List<StackContainer> allComposeContainers();

    /** The container of that name, inspected. */
    Optional<StackContainer> container(String name);

    /** Runs a command in a running container, waiting at most the timeout. */
    ExecResult exec(String container, Duration timeout, List<String> command);

    /** Streams the project's container events until the subscription is closed; onFailure when the stream breaks. */
    Subscription containerEvents(String composeProject, Consumer<ContainerEvent> listener, Consumer<String> onFailure);

    @Override
    void close();

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
