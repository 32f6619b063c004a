package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.pgha.runtime.Api;
import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Follows a container's log ({@code docker logs --follow --tail N --timestamps}): the last lines, then every
 * new one until closed. Lines and the failure arrive on docker-java's callback thread.
 */
@Api
public final class ContainerLogFollower implements AutoCloseable {

    /** One line of a container's output; the time is Docker's, when it could be read. */
    public record Line(Optional<Instant> at, boolean stderr, String text) {}

    private final DockerClient docker;
    private final ResultCallback.Adapter<Frame> callback;
    private final AtomicBoolean closing;

    private ContainerLogFollower(DockerClient docker, ResultCallback.Adapter<Frame> callback, AtomicBoolean closing) {
        this.docker = docker;
        this.callback = callback;
        this.closing = closing;
    }

    /**
     * Starts following.
     *
     * @param failed called once when the stream ends or breaks for any reason but {@link #close()}
     * @throws PghaException when the engine cannot be reached or the container does not exist
     */
    public static ContainerLogFollower follow(
            String container, int lines, Consumer<Line> sink, Consumer<RuntimeException> failed) {
        // a followed log may stay silent for hours: no response deadline
        DockerClient docker = DockerClients.create(Duration.ofSeconds(3), Duration.ofHours(24));
        AtomicBoolean closing = new AtomicBoolean();
        StringBuilder[] partial = {new StringBuilder(), new StringBuilder()};
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                boolean stderr = frame.getStreamType() == StreamType.STDERR;
                StringBuilder pending = partial[stderr ? 1 : 0];
                pending.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    sink.accept(parse(pending.substring(0, nl), stderr));
                    pending.delete(0, nl + 1);
                }
            }

            @Override
            public void onError(Throwable t) {
                if (!closing.get()) {
                    failed.accept(
                            t instanceof RuntimeException r
                                    ? DockerErrors.translate("follow the log of " + container, r)
                                    : PghaException.unavailable(
                                            "the log of " + container + " stopped: " + t.getMessage(), t));
                }
                super.onError(t);
            }

            @Override
            public void onComplete() {
                if (!closing.get()) {
                    failed.accept(PghaException.unavailable(
                            "the log of " + container + " ended (the container stopped or was removed)"));
                }
                super.onComplete();
            }
        };
        try {
            docker.logContainerCmd(container)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTimestamps(true)
                    .withFollowStream(true)
                    .withTail(Math.max(0, lines))
                    .exec(callback);
        } catch (RuntimeException e) {
            closeQuietly(docker);
            throw DockerErrors.translate("follow the log of " + container, e);
        }
        return new ContainerLogFollower(docker, callback, closing);
    }

    static Line parse(String raw, boolean stderr) {
        int space = raw.indexOf(' ');
        if (space > 0) {
            try {
                return new Line(Optional.of(Instant.parse(raw.substring(0, space))), stderr, raw.substring(space + 1));
            } catch (DateTimeParseException notATimestamp) {
                // fall through: the whole line is text
            }
        }
        return new Line(Optional.empty(), stderr, raw);
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            try {
                callback.close();
            } catch (IOException ignored) {
                // the stream is being torn down either way
            }
            closeQuietly(docker);
        }
    }

    private static void closeQuietly(DockerClient docker) {
        try {
            docker.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
