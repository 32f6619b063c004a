package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedWaitTest {

    private final BoundedWait waits = new BoundedWait("the drill", "drill", () -> false);

    @AfterEach
    void clearTheInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    void aConditionThatComesTrueEndsTheWait() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(waits.quietly(Duration.ofSeconds(10), () -> asked.incrementAndGet() == 3))
                .isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void aConditionThatNeverHoldsIsFalseAfterTheLimitAndUntilNamesIt() {
        assertThat(waits.quietly(Duration.ofMillis(250), () -> false)).isFalse();
        assertThatThrownBy(() -> waits.until("a leader", Duration.ofMillis(250), () -> false))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.TIMEOUT))
                .hasMessage("drill gave up waiting for a leader after 0 s");
    }

    @Test
    void aCancelledRunStopsWaitingAtOnce() {
        BoundedWait cancelled = new BoundedWait("the chaos run", "chaos", () -> true);
        assertThatThrownBy(() -> cancelled.quietly(Duration.ofMinutes(5), () -> true))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.REFUSED))
                .hasMessage("the chaos run was cancelled");
    }

    @Test
    void anInterruptedThreadStopsWaitingAndKeepsItsFlag() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> waits.quietly(Duration.ofMinutes(5), () -> false))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.REFUSED));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
