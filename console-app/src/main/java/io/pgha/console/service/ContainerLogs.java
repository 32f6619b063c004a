package io.pgha.console.service;

import java.util.function.Consumer;

/** The logs of the stack's containers (docker logs). */
public interface ContainerLogs {

    /**
     * Sends the last {@code lines} lines of the container's log, then every new line until the tail is
     * closed. Lines and the failure arrive on the implementation's thread.
     *
     * @param failed called once if the tail stops for any reason other than {@link Tail#close()}
     */
    Tail tail(String container, int lines, Consumer<LogLine> sink, Consumer<RuntimeException> failed);

    /** A running tail. */
    interface Tail extends AutoCloseable {
        @Override
        void close();
    }
}
