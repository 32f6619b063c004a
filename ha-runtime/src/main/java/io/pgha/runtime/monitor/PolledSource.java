package io.pgha.runtime.monitor;

import io.pgha.runtime.model.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One polled source on its own named daemon thread: runs the poll, keeps the latest {@link Reading}
 * and tells the monitor. A poll that throws marks the source unavailable with the message. Polls never
 * overlap; {@link #trigger()} polls now, {@link #burst} polls faster for a while (after a leader change). Until the
 * source has been available once, for its first {@link #START_RETRIES}, a poll that fails is repeated after
 * {@link #BURST_INTERVAL}: the first calls of a cold JVM (class loading, TLS handshakes) often miss the deadline on a
 * busy machine, and waiting a whole interval for the next try kept the cluster off screen for seconds.
 */
final class PolledSource<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolledSource.class);
    static final Duration BURST_INTERVAL = Duration.ofMillis(250);
    static final Duration START_RETRIES = Duration.ofSeconds(10);

    private final Source source;
    private final Function<Reading<T>, Reading<T>> poll;
    private final Function<Reading<T>, Duration> interval;
    private final Runnable onUpdate;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Reading<T> reading;
    private volatile Instant burstUntil = Instant.MIN;
    private volatile Instant retryFailuresUntil = Instant.MIN;
    private volatile int slowdown = 1;
    private boolean everAvailable; // the poll thread's alone
    private final CompletableFuture<Void> firstReport = new CompletableFuture<>();
    private ScheduledFuture<?> next;
    private volatile boolean closed;
    private boolean running;
    private boolean triggeredWhileRunning;

    /**
     * @param poll gets the previous reading and returns the new one (throwing is fine: it means unavailable)
     */
    /**
     * @param interval how long to wait after a reading before the next poll, given that reading
     */
    PolledSource(
            Source source,
            String threadName,
            Function<Reading<T>, Duration> interval,
            Clock clock,
            Function<Reading<T>, Reading<T>> poll,
            Runnable onUpdate) {
        this.source = source;
        this.poll = poll;
        this.interval = interval;
        this.onUpdate = onUpdate;
        this.clock = clock;
        this.reading = Reading.pending(source, clock.instant());
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(threadName).factory());
    }

    Reading<T> reading() {
        return reading;
    }

    void start() {
        retryFailuresUntil = clock.instant().plus(START_RETRIES);
        schedule(Duration.ZERO);
    }

    /** Completes when the first poll has reported, whatever it found. */
    CompletableFuture<Void> firstReport() {
        return firstReport;
    }

    /** Polls as soon as the current poll (if any) is done. */
    synchronized void trigger() {
        if (running) {
            triggeredWhileRunning = true;
        } else {
            schedule(Duration.ZERO);
        }
    }

    /** Polls every {@link #BURST_INTERVAL} until the given time, starting now. */
    void burst(Instant until) {
        burstUntil = until;
        trigger();
    }

    /**
     * Waits {@code factor} times the interval between polls from the next one on (a console whose window is hidden);
     * back to a smaller factor, polls at once, so what is shown again is current. Bursts and early retries keep their
     * pace.
     */
    void slowDown(int factor) {
        int before = slowdown;
        slowdown = factor;
        if (factor < before) {
            trigger();
        }
    }

    /** Replaces whatever poll is pending, so there is only ever one. */
    private synchronized void schedule(Duration delay) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = thread.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    private void runOnce() {
        synchronized (this) {
            if (closed) {
                return;
            }
            running = true;
            next = null;
        }
        Reading<T> previous = reading;
        try {
            reading = poll.apply(previous);
        } catch (RuntimeException e) {
            LOG.debug("{} poll failed", source, e);
            reading = Reading.degraded(
                    source,
                    Optional.empty(),
                    false,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    clock.instant());
        }
        if (!previous.answered() && reading.answered()) {
            // the attach's timeline (docs/BENCHMARKS.md, "Console")
            LOG.debug("{}: first answer{}", source, reading.available() ? "" : ", unavailable: " + reading.reason());
        }
        everAvailable |= reading.available();
        onUpdate.run();
        firstReport.complete(null);
        synchronized (this) {
            running = false;
            boolean again = triggeredWhileRunning;
            triggeredWhileRunning = false;
            Instant now = clock.instant();
            // a reading still pending waits for another source, which triggers it: only a failure is retried early
            boolean retry = !everAvailable && reading.answered() && !reading.available();
            boolean fast = now.isBefore(burstUntil) || (retry && now.isBefore(retryFailuresUntil));
            schedule(
                    again
                            ? Duration.ZERO
                            : fast ? BURST_INTERVAL : interval.apply(reading).multipliedBy(slowdown));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        thread.shutdownNow();
    }
}
