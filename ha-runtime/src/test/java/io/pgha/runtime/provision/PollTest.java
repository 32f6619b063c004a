package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    private static final Duration SHORT = Duration.ofMillis(1);

    @Test
    void untilReturnsTheFirstValueTheCheckYields() {
        AtomicInteger looks = new AtomicInteger();
        int value = Poll.until(
                "three looks",
                Duration.ofSeconds(5),
                SHORT,
                () -> looks.incrementAndGet() == 3 ? Optional.of(42) : Optional.empty(),
                () -> "look " + looks.get());
        assertThat(value).isEqualTo(42);
        assertThat(looks).hasValue(3);
    }

    @Test
    void aTimeoutSaysWhatWasAwaitedAndWhatWasLastSeen() {
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> Poll.until(
                        "the leader", Duration.ZERO, SHORT, () -> looks.incrementAndGet() < 0, () -> "no leader"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("the leader did not happen within 0 s")
                .hasMessageContaining("last seen: no leader");
        assertThat(looks).hasValue(1);
    }

    @Test
    void lastLookStopsWhenEnoughOrAtTheDeadlineAndNeverThrows() {
        AtomicInteger looks = new AtomicInteger();
        assertThat(Poll.lastLook(Duration.ofSeconds(5), SHORT, looks::incrementAndGet, n -> n == 4))
                .isEqualTo(4);
        assertThat(Poll.lastLook(Duration.ZERO, SHORT, () -> "still", s -> false))
                .isEqualTo("still");
    }
}
