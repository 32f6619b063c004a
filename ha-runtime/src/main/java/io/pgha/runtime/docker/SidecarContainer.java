package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A short-lived container on a stack's network whose output lines are streamed back: pgha uses it to watch
 * the nodes from inside the stack during a drill. Secrets reach it as files (owner-only, copied in before it starts),
 * never in its environment. Removed when closed.
 */
public final class SidecarContainer implements AutoCloseable {

    private final DockerClient docker;
    private final String id;
    private final Closeable logs;
    private final AtomicBoolean closing;

    private SidecarContainer(DockerClient docker, String id, Closeable logs, AtomicBoolean closing) {
        this.docker = docker;
        this.id = id;
        this.logs = logs;
        this.closing = closing;
    }

    static SidecarContainer start(
            DockerClient docker,
            String image,
            String name,
            String network,
            List<String> env,
            Map<String, String> secretFiles,
            List<String> command,
            Consumer<String> onLine) {
        try {
            docker.removeContainerCmd(name).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException ignored) {
            // no leftover from an earlier run
        } catch (RuntimeException e) {
            throw DockerErrors.translate("remove leftover container " + name, e);
        }
        try {
            String id = docker.createContainerCmd(image)
                    .withName(name)
                    .withEnv(env)
                    .withCmd(command)
                    .withLabels(java.util.Map.of("org.pgha.role", "drill-watcher"))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
                    .exec()
                    .getId();
            secretFiles.forEach((path, content) -> docker.copyArchiveToContainerCmd(id)
                    .withRemotePath("/")
                    .withTarInputStream(
                            new ByteArrayInputStream(Tars.atPath(path, content.getBytes(StandardCharsets.UTF_8), 0400)))
                    .exec());
            docker.startContainerCmd(id).exec();
            StringBuilder partial = new StringBuilder();
            AtomicBoolean closing = new AtomicBoolean();
            Closeable logs = docker.logContainerCmd(id)
                    .withFollowStream(true)
                    .withStdOut(true)
                    .withStdErr(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            int nl;
                            while ((nl = partial.indexOf("\n")) >= 0) {
                                onLine.accept(partial.substring(0, nl));
                                partial.delete(0, nl + 1);
                            }
                        }

                        @Override
                        public void onError(Throwable error) {
                            if (!closing.get()) {
                                super.onError(
                                        error); // else: the read our own close interrupted, not worth an ERROR line
                            }
                        }
                    });
            return new SidecarContainer(docker, id, logs, closing);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("start container " + name + " from " + image, e);
        }
    }

    @Override
    public void close() {
        closing.set(true);
        try {
            logs.close();
        } catch (java.io.IOException ignored) {
            // the stream ends with the container
        }
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
