package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleSamplesTest {

    private final RoleSamples samples = new RoleSamples();

    private void feed(String... lines) {
        for (String l : lines) {
            samples.addLine(l);
        }
    }

    @Test
    void aCleanHandOverIsNotASplitBrain() {
        feed(
                "S 1000 pg-0 w",
                "S 1000 pg-1 r",
                "S 1050 pg-0 w",
                "S 1050 pg-1 r",
                "S 1100 pg-0 r",
                "S 1100 pg-1 r",
                "S 1150 pg-0 r",
                "S 1150 pg-1 w",
                "S 1200 pg-1 w");
        assertThat(samples.splitBrainOverlaps()).isZero();
        assertThat(samples.firstWritableOtherThan("pg-0", 1000))
                .map(RoleSamples.Sample::epochMillis)
                .contains(1150L);
    }

    @Test
    void twoWritableNodesAtOnceAreASplitBrain() {
        feed("S 1000 pg-0 w", "S 1050 pg-1 w", "S 1100 pg-0 w", "S 1150 pg-1 w", "S 1200 pg-0 r");
        assertThat(samples.splitBrainOverlaps()).isEqualTo(1);
    }

    @Test
    void anUnreachableNodeStaysWritableUntilSeenReadOnly() {
        feed("S 1000 pg-0 w", "S 1100 pg-0 u", "S 1200 pg-1 w", "S 1300 pg-0 w", "S 1400 pg-0 r");
        assertThat(samples.splitBrainOverlaps())
                .as("pg-0 was writable from 1000 to 1300, pg-1 at 1200")
                .isEqualTo(1);
    }

    @Test
    void aKilledPrimaryEndsAtItsLastWritableSample() {
        feed("S 1000 pg-0 w", "S 1050 pg-0 w", "S 1100 pg-0 u", "S 1150 pg-0 u", "S 1200 pg-1 w");
        assertThat(samples.splitBrainOverlaps()).isZero();
    }

    @Test
    void linesThatAreNotSamplesAreIgnored() {
        feed("Picked up JAVA_TOOL_OPTIONS", "S notanumber pg-0 w", "S 1000 pg-0 w");
        assertThat(samples.snapshot()).hasSize(1);
    }

    @Test
    void aPrimaryRestartedInPlaceIsWritableAgainOnlyAfterItWasDown() {
        feed("S 1000 pg-0 w", "S 1050 pg-1 r", "S 1100 pg-0 w");
        assertThat(samples.writableAgainAfterOutageOf("pg-0", 1000))
                .as("never down yet")
                .isFalse();
        feed("S 1150 pg-0 u", "S 1200 pg-0 u");
        assertThat(samples.writableAgainAfterOutageOf("pg-0", 1000))
                .as("down, not back")
                .isFalse();
        feed("S 1250 pg-0 w");
        assertThat(samples.writableAgainAfterOutageOf("pg-0", 1000))
                .as("restarted in place")
                .isTrue();
        assertThat(samples.writableAgainAfterOutageOf("pg-0", 1260))
                .as("nothing after the given moment")
                .isFalse();
    }

    @Test
    void anotherMemberTakingOverAfterTheCrashCountsAsWritableAgain() {
        feed("S 1000 pg-0 w", "S 1100 pg-0 u", "S 1200 pg-1 r", "S 1300 pg-1 w");
        assertThat(samples.writableAgainAfterOutageOf("pg-0", 1000)).isTrue();
    }

    @Test
    void aPostgresThatDoesNotAnswerEndsAWritableRunAndCountsAsRefusing() {
        samples.add(new RoleSamples.Sample(1000, "pg-0", RoleSamples.State.WRITABLE));
        samples.add(new RoleSamples.Sample(1100, "pg-0", RoleSamples.State.UNREACHABLE));
        samples.add(new RoleSamples.Sample(1200, "pg-0", RoleSamples.State.NOT_ANSWERING));
        samples.add(new RoleSamples.Sample(1300, "pg-1", RoleSamples.State.WRITABLE));
        samples.add(new RoleSamples.Sample(1400, "pg-0", RoleSamples.State.WRITABLE));
        assertThat(samples.splitBrainOverlaps())
                .as("pg-0 refused before pg-1 took writes")
                .isZero();
        assertThat(samples.firstNotWritable("pg-0", 1000))
                .map(RoleSamples.Sample::epochMillis)
                .contains(1200L);
        assertThat(samples.writableRunStartedAfter("pg-0", 1000)).isTrue();
        assertThat(samples.writableRunStartedAfter("pg-0", 1400)).isFalse();
        assertThat(samples.answeredAll(java.util.List.of("pg-0", "pg-1"))).isTrue();
        assertThat(samples.answeredAll(java.util.List.of("pg-0", "pg-2"))).isFalse();
    }

    @Test
    void aPrimaryWokenFromAFreezeWithoutItsStandbysEndsItsWritableRunAndIsNotASplitBrain() {
        feed("S 1000 pg-0 w", "S 1100 pg-0 u", "S 1200 pg-1 w", "S 1300 pg-0 q", "S 1350 pg-1 w", "S 1400 pg-0 r");
        assertThat(samples.splitBrainOverlaps())
                .as("pg-0's commits would wait for standbys that follow pg-1: its run ended at 1000")
                .isZero();
        assertThat(samples.firstNotWritable("pg-0", 1100))
                .as("waiting for standbys is not refusing: a local commit is still made")
                .map(RoleSamples.Sample::epochMillis)
                .hasValue(1400L);
    }

    @Test
    void aPrimaryWokenFromAFreezeThatStillAcknowledgesIsASplitBrain() {
        feed("S 1000 pg-0 w", "S 1100 pg-0 u", "S 1200 pg-1 w", "S 1300 pg-0 w", "S 1400 pg-0 r");
        assertThat(samples.splitBrainOverlaps()).isEqualTo(1);
    }
}
