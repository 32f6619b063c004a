package io.pgha.runtime.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a light start's held-back sources (etcd's client and watch, Docker, PostgreSQL's logins, the exporters, the
 * Swarm, the backups' watch: what the first drawing of the cluster does not need) start: once, at the first of
 *
 * <ul>
 *   <li>the viewer has drawn the cluster ({@link #clusterShown}): from then on they no longer share the two cores
 *       with the Patroni and router answers, the mapping and the first layout the drawing waits for;
 *   <li>Patroni's first round failed ({@link #patroniReported}): the drawing may then need etcd's view of the
 *       members, so nothing is gained by waiting;
 *   <li>a bounded delay after the monitor's start ({@link #atTheLatest}): a viewer that never draws (a window
 *       hidden at start, a cluster opened in the background) does not keep the sources from starting.
 * </ul>
 *
 * Until then those sources are "first answer pending": shown as checking, never as failed.
 */
final class LaterStart {

    private static final Logger LOG = LoggerFactory.getLogger(LaterStart.class);

    private final Runnable startThem;
    private final Clock clock;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final CompletableFuture<Instant> started = new CompletableFuture<>();

    /** @param startThem starts the held-back sources; must not block (each poller schedules on its own thread) */
    LaterStart(Runnable startThem, Clock clock) {
        this.startThem = startThem;
        this.clock = clock;
    }

    /** The viewer has drawn the cluster. */
    void clusterShown() {
        open("the cluster is drawn");
    }

    /** Patroni's first round has reported: a failure starts the others at once, an answer waits for the drawing. */
    void patroniReported(boolean available) {
        if (!available) {
            open("Patroni's first round failed");
        }
    }

    /** Starts them {@code delay} from now if nothing has before. */
    void atTheLatest(Duration delay) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> open("at the latest, " + delay.toMillis() + " ms after the start"));
    }

    /** Starts them now (a start that holds nothing back). */
    void now() {
        open("every source starts at once");
    }

    /** When they started; empty while they are held back. */
    Optional<Instant> startedAt() {
        return Optional.ofNullable(started.getNow(null));
    }

    /** Runs {@code action} once they have started (at once if they have), on the thread that started them. */
    void whenStarted(Runnable action) {
        started.thenRun(action);
    }

    private void open(String why) {
        if (opened.compareAndSet(false, true)) {
            LOG.debug("later sources starting: {}", why); // the attach's timeline (docs/BENCHMARKS.md)
            startThem.run();
            started.complete(clock.instant());
        }
    }
}
