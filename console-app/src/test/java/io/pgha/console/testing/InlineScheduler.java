package io.pgha.console.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A background executor for view-model tests: runs submitted work at once on the caller's thread and keeps
 * delayed and periodic work until the test says {@link #runDue()}, so tests need neither threads nor waits.
 */
public final class InlineScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final List<Task> scheduled = new ArrayList<>();
    private long lastPeriodicFirstDelayMillis = -1;
    private boolean shutdown;

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    /** Runs every delayed task once (and removes it) and every periodic task once (and keeps it). */
    public void runDue() {
        for (Task task : List.copyOf(scheduled)) {
            if (!task.cancelled) {
                task.command.run();
            }
            if (!task.periodic || task.cancelled) {
                scheduled.remove(task);
            }
        }
    }

    /** The first delay asked by the latest periodic task, in milliseconds (-1 before any). */
    public long lastPeriodicFirstDelayMillis() {
        return lastPeriodicFirstDelayMillis;
    }

    public long pending() {
        return scheduled.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, false);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the console");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        lastPeriodicFirstDelayMillis = unit.toMillis(initialDelay);
        return add(command, true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, true);
    }

    private Task add(Runnable command, boolean periodic) {
        Task task = new Task(command, periodic);
        scheduled.add(task);
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private static final class Task extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        private final Runnable command;
        private final boolean periodic;
        private volatile boolean cancelled;

        Task(Runnable command, boolean periodic) {
            this.command = command;
            this.periodic = periodic;
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            return super.cancel(mayInterrupt);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return 0;
        }
    }
}
