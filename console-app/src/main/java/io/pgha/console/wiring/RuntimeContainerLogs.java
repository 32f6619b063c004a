package io.pgha.console.wiring;

import io.pgha.console.service.ContainerLogs;
import io.pgha.console.service.LogLine;
import io.pgha.runtime.docker.ContainerLogFollower;
import java.util.function.Consumer;

/** {@code docker logs --follow} of the stack's containers, through the runtime's docker package. */
final class RuntimeContainerLogs implements ContainerLogs {

    @Override
    public Tail tail(String container, int lines, Consumer<LogLine> sink, Consumer<RuntimeException> failed) {
        ContainerLogFollower follower = ContainerLogFollower.follow(
                container, lines, l -> sink.accept(new LogLine(l.at(), l.stderr(), l.text())), failed);
        return follower::close;
    }
}
