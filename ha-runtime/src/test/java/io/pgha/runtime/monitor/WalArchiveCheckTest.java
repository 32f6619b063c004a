package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HealthCheck.Status;
import io.pgha.runtime.postgres.ArchiverStats;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WalArchiveCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
    private static final Optional<String> SEG_A = Optional.of("000000010000000000000007");
    private static final Optional<String> SEG_B = Optional.of("000000010000000000000008");

    private static Optional<Instant> ago(long seconds) {
        return Optional.of(NOW.minusSeconds(seconds));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // archive_mode off: nothing to check
                Arguments.of(new ArchiverStats(false, SEG_A, ago(5), SEG_B, ago(1), 3), null, null),
                // archived, never failed
                Arguments.of(
                        new ArchiverStats(true, SEG_A, ago(5), Optional.empty(), Optional.empty(), 0),
                        Status.PASS,
                        "000000010000000000000007 archived at 2026-12-06T21:59:55Z"),
                // a failure older than the last success: recovered
                Arguments.of(new ArchiverStats(true, SEG_B, ago(5), SEG_B, ago(30), 4), Status.PASS, "archiving"),
                // the last try failed: the window ends at the last archived segment
                Arguments.of(
                        new ArchiverStats(true, SEG_A, ago(600), SEG_B, ago(2), 17),
                        Status.FAIL,
                        "segment 000000010000000000000008 not archived (last try at 2026-12-06T21:59:58Z, 17 failed tries);"
                                + " a restore cannot go past 000000010000000000000007, archived at 2026-12-06T21:50:00Z."
                                + " pgha backup check"),
                // the last file archived was a backup label's: the segment it belongs to
                Arguments.of(
                        new ArchiverStats(
                                true,
                                Optional.of("000000020000000000000015.00000028.backup"),
                                ago(9),
                                Optional.of("000000020000000000000016"),
                                ago(0),
                                2),
                        Status.FAIL,
                        "a restore cannot go past 000000020000000000000015, archived at 2026-12-06T21:59:51Z"),
                // failing from the start
                Arguments.of(
                        new ArchiverStats(true, Optional.empty(), Optional.empty(), SEG_A, ago(1), 1),
                        Status.FAIL,
                        "no segment archived yet"),
                // nothing full yet
                Arguments.of(
                        new ArchiverStats(
                                true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0),
                        Status.PASS,
                        "no segment full yet"));
    }

    @org.junit.jupiter.api.Test
    void anUnchangedArchiverGivesTheSameDetailFromOneRoundToTheNext() {
        ArchiverStats stats = new ArchiverStats(true, SEG_A, ago(5), SEG_B, ago(30), 4);
        assertThat(WalArchiveCheck.of(Optional.of(stats), Optional.of("pg-1"), NOW.plusSeconds(7))
                        .orElseThrow()
                        .detail())
                .isEqualTo(WalArchiveCheck.of(Optional.of(stats), Optional.of("pg-1"), NOW)
                        .orElseThrow()
                        .detail());
    }

    @ParameterizedTest
    @MethodSource("table")
    void theArchiversLastTryDecides(ArchiverStats stats, Status status, String detail) {
        Optional<HealthCheck> check = WalArchiveCheck.of(Optional.of(stats), Optional.of("pg-1"), NOW);
        if (status == null) {
            assertThat(check).isEmpty();
            return;
        }
        assertThat(check).get().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(HealthCheck.Kind.WAL_ARCHIVE);
            assertThat(c.target()).isEqualTo("pg-1");
            assertThat(c.status()).isEqualTo(status);
            assertThat(c.detail()).contains(detail);
        });
    }
}
