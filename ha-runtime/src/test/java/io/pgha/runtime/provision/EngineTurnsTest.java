package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineTurnsTest {

    @Test
    void withNoTurnHeldBackgroundWorkGoesOnAtOnce() throws InterruptedException {
        EngineTurns turns = new EngineTurns();

        assertThat(turns.held()).isFalse();
        assertThat(turns.awaitFree(Duration.ZERO)).isTrue();
    }

    @Test
    void backgroundWorkWaitsUntilEveryTurnIsReleased() throws Exception {
        EngineTurns turns = new EngineTurns();
        EngineTurns.Hold creating = turns.hold();
        EngineTurns.Hold starting = turns.hold();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return turns.awaitFree(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        creating.release();
        assertThat(turns.held()).isTrue();
        assertThat(waiter).isNotDone();
        starting.release();

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(turns.held()).isFalse();
    }

    @Test
    void aTurnReleasedTwiceCountsOnce() throws InterruptedException {
        EngineTurns turns = new EngineTurns();
        EngineTurns.Hold first = turns.hold();
        turns.hold();

        first.release();
        first.release();

        assertThat(turns.held()).isTrue();
        assertThat(turns.awaitFree(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void aHeldTurnStallsBackgroundWorkOnlyUntilTheLimit() throws InterruptedException {
        EngineTurns turns = new EngineTurns();
        turns.hold();
        long start = System.nanoTime();

        boolean free = turns.awaitFree(Duration.ofMillis(200));

        assertThat(free).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theTurnsAreOverOnlyOnceEndedAndNoneIsHeld() {
        EngineTurns turns = new EngineTurns();
        EngineTurns.Hold starting = turns.hold();

        assertThat(turns.over()).isFalse();
        turns.end();
        assertThat(turns.over()).as("ended, but a turn is still held").isFalse();
        starting.release();

        assertThat(turns.over()).isTrue();
    }
}
