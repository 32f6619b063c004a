package io.pgha.runtime.supervisor;

import io.pgha.runtime.docker.ContainerDeaths;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import java.io.Closeable;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** {@link ContainerPort} on the local Docker engine; connects on first use, so a missing engine is retried. */
final class DockerContainerPort implements ContainerPort {

    private final SupervisorSettings settings;
    private ContainerDeaths deaths;
    private DockerEngine exec;

    DockerContainerPort(SupervisorSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized Closeable listenForDeaths(
            BiConsumer<String, Instant> onMemberDeath, Consumer<Throwable> onError) {
        Set<String> containers = new HashSet<>(
                settings.members().stream().map(settings::containerOf).toList());
        return engine().listen(
                        containers,
                        (container, at) ->
                                settings.memberOf(container).ifPresent(member -> onMemberDeath.accept(member, at)),
                        onError);
    }

    @Override
    public synchronized boolean confirmedNotRunning(String member) {
        return engine().confirmedNotRunning(settings.containerOf(member));
    }

    @Override
    public HolderWrites askWrites(String member) {
        return HolderQuestion.ask(
                execEngine(),
                settings.containerOf(member),
                settings.postgresLogin().map(l -> l.user()).orElse("postgres"));
    }

    private synchronized DockerEngine execEngine() {
        if (exec == null) {
            exec = DockerJavaEngine.local();
        }
        return exec;
    }

    private ContainerDeaths engine() {
        if (deaths == null) {
            deaths = ContainerDeaths.connect();
        }
        return deaths;
    }
}
