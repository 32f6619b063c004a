package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Work beside the steps of pgha up: its value or failure at the join, and an abandoned run that waits for it. */
class BesideTest {

    @Test
    void aJoinGivesTheValueOrTheFailureTheWorkThrew() {
        Beside beside = new Beside();
        assertThat(Beside.join(beside.run("value", () -> 42))).isEqualTo(42);
        CompletableFuture<Integer> failing = beside.run("failing", () -> {
            throw PghaException.timeout("the router did not start");
        });
        assertThatThrownBy(() -> Beside.join(failing))
                .isInstanceOf(PghaException.class)
                .hasMessage("the router did not start");
        CompletableFuture<Integer> bug = beside.run("bug", () -> {
            throw new IllegalStateException("a bug");
        });
        assertThatThrownBy(() -> Beside.join(bug))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("a bug");
    }

    @Test
    void anAbandonedRunWaitsForWhatIsUnderWayAndStartsNothingNew() throws InterruptedException {
        Beside beside = new Beside();
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        beside.run("slow start", () -> {
            begun.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
            return 1;
        });
        assertThat(begun.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200); // the slow start ends a while after the run is abandoned
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        Thread.currentThread().interrupt(); // a Cancel interrupts the run that abandons its work
        beside.abandon(Duration.ofSeconds(10));
        assertThat(Thread.interrupted())
                .as("the interrupt is kept for the caller")
                .isTrue();
        assertThat(finished)
                .as("abandon returned only once the start under way had ended")
                .isTrue();

        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Integer> late = beside.run("late", () -> {
            ran.set(true);
            return 2;
        });
        assertThatThrownBy(() -> Beside.join(late)).isInstanceOf(PghaException.class);
        assertThat(ran).as("nothing begins after the run was abandoned").isFalse();
    }

    @Test
    void abandonWaitsNoLongerThanItsLimit() {
        Beside beside = new Beside();
        CountDownLatch never = new CountDownLatch(1);
        beside.run("stuck", () -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
        long start = System.nanoTime();
        beside.abandon(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        never.countDown();
    }
}
