package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.model.Source;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A source that fails before it has ever answered well is asked again after the burst interval, not a whole poll
 * interval later (a cold start under load kept the cluster off screen for 5 s); once it has been available, a
 * failure waits for the interval as before.
 */
class PolledSourceTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void failuresBeforeTheFirstGoodReadingAreRetriedAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        try (PolledSource<String> source = new PolledSource<>(
                Source.PATRONI,
                "test-poll",
                r -> LONG,
                Clock.systemUTC(),
                previous -> polls.incrementAndGet() <= 2
                        ? Reading.degraded(
                                Source.PATRONI,
                                Optional.empty(),
                                false,
                                "cold",
                                Clock.systemUTC().instant())
                        : Reading.ok(Source.PATRONI, "up", Clock.systemUTC().instant()),
                () -> {})) {
            source.start();

            await().atMost(Duration.ofSeconds(3)).until(() -> source.reading().available());
            assertThat(polls).hasValue(3);
            assertThat(source.firstReport()).isCompleted();
        }
    }

    @Test
    void aFailureAfterAGoodReadingWaitsForTheInterval() {
        AtomicInteger polls = new AtomicInteger();
        try (PolledSource<String> source = new PolledSource<>(
                Source.PATRONI,
                "test-poll",
                r -> r.available() ? Duration.ZERO : LONG,
                Clock.systemUTC(),
                previous -> polls.incrementAndGet() == 1
                        ? Reading.ok(Source.PATRONI, "up", Clock.systemUTC().instant())
                        : Reading.degraded(
                                Source.PATRONI,
                                Optional.empty(),
                                false,
                                "down",
                                Clock.systemUTC().instant()),
                () -> {})) {
            source.start();

            await().atMost(Duration.ofSeconds(3)).until(() -> polls.get() == 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 2);
        }
    }

    @Test
    void aReadingStillPendingOnAnotherSourceIsNotRetriedEarly() {
        AtomicInteger polls = new AtomicInteger();
        try (PolledSource<String> source = new PolledSource<>(
                Source.EXPORTER,
                "test-poll",
                r -> LONG,
                Clock.systemUTC(),
                previous -> {
                    polls.incrementAndGet();
                    return Reading.pending(Source.EXPORTER, Clock.systemUTC().instant());
                },
                () -> {})) {
            source.start();

            await().atMost(Duration.ofSeconds(3)).until(() -> polls.get() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 1);
        }
    }

    @Test
    void slowedDownItWaitsTheLongerIntervalAndBackToNormalItPollsAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        try (PolledSource<String> source = new PolledSource<>(
                Source.PATRONI,
                "test-poll",
                r -> Duration.ofMillis(100),
                Clock.systemUTC(),
                previous -> {
                    polls.incrementAndGet();
                    return Reading.ok(Source.PATRONI, "up", Clock.systemUTC().instant());
                },
                () -> {})) {
            source.start();
            await().atMost(Duration.ofSeconds(3)).until(() -> polls.get() >= 3);

            source.slowDown(100); // 10 s between polls from the next one on
            int afterTheNext = polls.get() + 1;
            await().atMost(Duration.ofSeconds(3)).until(() -> polls.get() >= afterTheNext);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> polls.get() == afterTheNext);

            source.slowDown(1);
            await().atMost(Duration.ofMillis(500)).until(() -> polls.get() > afterTheNext);
        }
    }
}
