package io.pgha.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.drill.DrillScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChaosPlanTest {

    private static final List<DrillScenario> FIVE =
            ChaosPlan.faults("kill-primary,switchover,crash-postgres,etcd-minority,kill-router");

    @ParameterizedTest(name = "seed {0}, {1} s, {2}")
    @CsvSource({
        "7, 120, 'kill-primary,switchover,crash-postgres,etcd-minority,kill-router'",
        "1, 120, 'kill-primary,switchover,crash-postgres,etcd-minority,kill-router'",
        "42, 120, 'kill-primary,switchover,crash-postgres,etcd-minority,kill-router'",
        "7, 420, ''", // every kind: at least WARMUP + LONGEST_STEP (23 s) per kind, 17 kinds
        "123456789, 600, ''",
        "-5, 30, 'switchover'",
    })
    void theSameSeedGivesTheSameScheduleAndEveryKindIsDrawn(long seed, int seconds, String faults) {
        List<DrillScenario> kinds = ChaosPlan.faults(faults);
        ChaosPlan a = ChaosPlan.of(seed, Duration.ofSeconds(seconds), kinds);
        ChaosPlan b = ChaosPlan.of(seed, Duration.ofSeconds(seconds), kinds);
        assertThat(a).isEqualTo(b);
        assertThat(a.drawsEveryKind()).as(a.steps().toString()).isTrue();
        long end = Duration.ofSeconds(seconds).toMillis();
        long previousEnd = 0;
        for (ChaosPlan.Step s : a.steps()) {
            assertThat(s.hold()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
            assertThat(s.injectAt().toMillis())
                    .as("one fault at a time, settled in between")
                    .isGreaterThanOrEqualTo(previousEnd);
            previousEnd = s.injectAt().plus(s.hold()).plus(ChaosPlan.SETTLE).toMillis();
            assertThat(previousEnd).as("every step fits the duration").isLessThanOrEqualTo(end);
        }
        assertThat(a.steps().getFirst().injectAt()).isEqualTo(ChaosPlan.WARMUP);
    }

    @Test
    void aKnownSeedGivesAKnownSchedule() {
        ChaosPlan plan = ChaosPlan.of(7, Duration.ofMinutes(2), FIVE);
        assertThat(plan.steps()).hasSizeBetween(5, 6);
        assertThat(plan.steps().subList(0, 5))
                .extracting(ChaosPlan.Step::fault)
                .containsExactlyInAnyOrderElementsOf(FIVE);
        assertThat(plan.steps()).extracting(ChaosPlan.Step::number).startsWith(1, 2, 3, 4, 5);
    }

    @Test
    void otherSeedsGiveOtherSchedules() {
        List<DrillScenario> all = ChaosPlan.faults("");
        assertThat(ChaosPlan.of(1, Duration.ofMinutes(10), all))
                .isNotEqualTo(ChaosPlan.of(2, Duration.ofMinutes(10), all));
    }

    @Test
    void everyKindIsDrawnWhenTheDurationAllowsIt() {
        List<DrillScenario> all = ChaosPlan.faults("");
        Duration enough = ChaosPlan.WARMUP.plus(ChaosPlan.LONGEST_STEP.multipliedBy(all.size()));
        for (long seed = 0; seed < 200; seed++) {
            assertThat(ChaosPlan.of(seed, enough, all).drawsEveryKind())
                    .as("seed " + seed)
                    .isTrue();
        }
        assertThat(ChaosPlan.of(3, Duration.ofSeconds(30), all).drawsEveryKind())
                .as("9 kinds do not fit in 30 s")
                .isFalse();
    }

    @Test
    void durationOutsideThirtySecondsToTwoHoursIsRefused() {
        assertThatThrownBy(() -> ChaosPlan.of(1, Duration.ofSeconds(29), FIVE))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("between 30s and 2h");
        assertThatThrownBy(() -> ChaosPlan.of(1, Duration.ofHours(2).plusSeconds(1), FIVE))
                .hasMessageContaining("between 30s and 2h");
        assertThat(ChaosPlan.of(1, Duration.ofHours(2), FIVE).steps()).isNotEmpty();
    }

    @Test
    void unknownFaultsAreNamedWithTheValidOnes() {
        assertThatThrownBy(() -> ChaosPlan.faults("kill-primary,explode,nope"))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.INVALID_INPUT))
                .hasMessageContaining("unknown fault 'explode', 'nope'")
                .hasMessageContaining("valid faults: kill-primary, stop-primary, crash-postgres");
        assertThat(ChaosPlan.faults(" switchover , kill-primary,switchover"))
                .containsExactly(DrillScenario.SWITCHOVER, DrillScenario.KILL_PRIMARY);
        assertThat(ChaosPlan.faults(null)).containsExactly(DrillScenario.values());
    }
}
