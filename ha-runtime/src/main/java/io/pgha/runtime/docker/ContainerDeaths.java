package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Tells when a container of a known set stops running, from Docker's event stream, and confirms it by
 * inspecting the container: a "die" event alone is not proof (a container may already be restarting).
 */
public final class ContainerDeaths {

    private final DockerClient docker;

    ContainerDeaths(DockerClient docker) {
        this.docker = docker;
    }

    /** Connects to the engine of the environment (DOCKER_HOST, else the local socket). */
    public static ContainerDeaths connect() {
        return new ContainerDeaths(
                DockerClients.create(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(10)));
    }

    /**
     * Streams "die" events of the named containers, each with the engine's time of the event (when it is missing: the
     * moment it arrived), until the returned handle is closed.
     */
    public Closeable listen(Set<String> names, BiConsumer<String, Instant> onDeath, Consumer<Throwable> onError) {
        try {
            return docker.eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter("die")
                    .exec(new ResultCallback.Adapter<Event>() {
                        @Override
                        public void onNext(Event event) {
                            Map<String, String> attributes = event.getActor() == null
                                    ? null
                                    : event.getActor().getAttributes();
                            String name = attributes == null ? null : attributes.get("name");
                            if (name != null && names.contains(name)) {
                                Long nanos = event.getTimeNano();
                                onDeath.accept(name, nanos == null ? Instant.now() : Instant.ofEpochSecond(0, nanos));
                            }
                        }

                        @Override
                        public void onError(Throwable throwable) {
                            onError.accept(throwable);
                        }
                    });
        } catch (RuntimeException e) {
            throw DockerErrors.translate("listen to Docker events", e);
        }
    }

    /** True only when Docker says the container exists and is neither running, paused nor restarting. */
    public boolean confirmedNotRunning(String name) {
        Optional<InspectContainerResponse.ContainerState> state = state(name);
        return state.isPresent()
                && !Boolean.TRUE.equals(state.get().getRunning())
                && !Boolean.TRUE.equals(state.get().getPaused())
                && !Boolean.TRUE.equals(state.get().getRestarting());
    }

    private Optional<InspectContainerResponse.ContainerState> state(String name) {
        try {
            return Optional.ofNullable(docker.inspectContainerCmd(name).exec().getState());
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect container " + name, e);
        }
    }
}
