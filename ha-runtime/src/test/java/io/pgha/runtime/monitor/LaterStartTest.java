package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a light start's held-back sources start: the drawing, a failed Patroni round or a bounded delay; once. */
class LaterStartTest {

    private final AtomicInteger started = new AtomicInteger();
    private final LaterStart later = new LaterStart(started::incrementAndGet, Clock.systemUTC());

    @Test
    void patroniAnsweringDoesNotStartThemTheDrawingDoesOnce() {
        later.patroniReported(true);
        assertThat(started)
                .as("Patroni answered: the drawing is on its way, the others wait for it")
                .hasValue(0);
        assertThat(later.startedAt()).isEmpty();

        later.clusterShown();
        later.clusterShown();
        later.patroniReported(false);

        assertThat(started).as("started once, whatever comes after").hasValue(1);
        assertThat(later.startedAt()).isPresent();
    }

    @Test
    void aFailedPatroniRoundStartsThemAtOnce() {
        later.patroniReported(false);

        assertThat(started).as("the drawing may need etcd's view now").hasValue(1);
    }

    @Test
    void withoutADrawingTheyStartAtTheLatestAfterTheDelay() {
        Instant before = Instant.now();
        later.atTheLatest(Duration.ofMillis(300));
        assertThat(started).hasValue(0);

        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);
        assertThat(later.startedAt()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(before.plusMillis(300)));
    }

    @Test
    void theDelayAfterTheDrawingStartsNothingMore() {
        later.atTheLatest(Duration.ofMillis(200));
        later.clusterShown();
        Optional<Instant> at = later.startedAt();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> started.get() == 1);
        assertThat(later.startedAt()).isEqualTo(at);
    }

    @Test
    void whatWaitsForThemRunsOnceTheyHaveStartedOrAtOnceAfter() {
        AtomicInteger backups = new AtomicInteger();
        later.whenStarted(backups::incrementAndGet);
        assertThat(backups).hasValue(0);

        later.now();
        assertThat(backups).hasValue(1);
        later.whenStarted(backups::incrementAndGet);
        assertThat(backups).hasValue(2);
    }

    @Test
    void eventsAreDerivedOnlyOnceEverySourceHasHadItsTimeSinceItStarted() {
        Instant start = Instant.parse("2026-12-06T21:00:00Z");
        Duration settle = Duration.ofMillis(3500);

        assertThat(LiveClusterMonitor.settled(false, start.plusSeconds(10), Optional.empty(), settle))
                .as("sources still held back: not settled, however long since the monitor started")
                .isFalse();
        assertThat(LiveClusterMonitor.settled(false, start.plusSeconds(4), Optional.of(start.plusSeconds(2)), settle))
                .as("the held-back sources started 2 s in: 3.5 s from then")
                .isFalse();
        assertThat(LiveClusterMonitor.settled(false, start.plusMillis(5500), Optional.of(start.plusSeconds(2)), settle))
                .isTrue();
        assertThat(LiveClusterMonitor.settled(true, start.plusMillis(100), Optional.empty(), settle))
                .as("every source answered")
                .isTrue();
    }
}
