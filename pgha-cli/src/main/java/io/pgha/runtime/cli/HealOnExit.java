package io.pgha.runtime.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (or any other exit) while a drill or a chaos run injects faults: the run is told it is cancelled, and the JVM
 * waits up to {@code grace} for it to heal its fault (and drop its tables) before it exits. Closing it, when the run
 * has ended, removes the hook, or lets a running hook return at once.
 */
final class HealOnExit implements AutoCloseable {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    HealOnExit(String threadName, Duration grace) {
        hook = new Thread(
                () -> {
                    cancelled.set(true);
                    try {
                        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                threadName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether the process is exiting: the run stops and heals. */
    BooleanSupplier cancelled() {
        return cancelled::get;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the hook is running: it returns now that the run has healed
        }
    }
}
