package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.postgres.WriteLoad;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a drill stops waiting for the cluster to take writes again. */
class RecoveredWhenTest {

    private static final long FAULT_NANOS = 1_000_000_000L;
    private static final long FAULT_MILLIS = 50_000L;
    private static final String OLD = "10.0.0.2";
    private static final String NEW = "10.0.0.3";

    private static WriteLoad.Ack ack(long afterFaultMillis, String server) {
        return new WriteLoad.Ack(afterFaultMillis, FAULT_NANOS + afterFaultMillis * 1_000_000L, server);
    }

    private static RecoveredWhen.Recovery recovery(
            Optional<String> leader, List<WriteLoad.Ack> acks, RoleSamples samples) {
        return new RecoveredWhen.Recovery("pg-0", OLD, FAULT_NANOS, FAULT_MILLIS, () -> leader, () -> acks, samples);
    }

    @Test
    void aNewLeaderCountsOnceAWriteAfterTheFaultReachedAnotherServer() {
        RecoveredWhen when = RecoveredWhen.NEW_LEADER_TAKES_WRITES;
        RoleSamples none = new RoleSamples();

        assertThat(when.test(recovery(Optional.of("pg-0"), List.of(ack(10, NEW)), none)))
                .as("the old leader still leads")
                .isFalse();
        assertThat(when.test(recovery(Optional.empty(), List.of(ack(10, NEW)), none)))
                .as("nobody leads")
                .isFalse();
        assertThat(when.test(recovery(Optional.of("pg-1"), List.of(ack(10, OLD)), none)))
                .as("writes still on the old server")
                .isFalse();
        assertThat(when.test(recovery(Optional.of("pg-1"), List.of(ack(-10, NEW)), none)))
                .as("a write before the fault")
                .isFalse();
        assertThat(when.test(recovery(Optional.of("pg-1"), List.of(ack(-10, OLD), ack(900, NEW)), none)))
                .isTrue();
    }

    @Test
    void writableAgainCountsARestartInPlaceOnceAWriteFollows() {
        RecoveredWhen when = RecoveredWhen.WRITABLE_AGAIN;
        RoleSamples samples = new RoleSamples();
        samples.add(new RoleSamples.Sample(FAULT_MILLIS + 100, "pg-0", RoleSamples.State.UNREACHABLE));

        assertThat(when.test(recovery(Optional.of("pg-0"), List.of(ack(50, OLD)), samples)))
                .as("still down")
                .isFalse();
        samples.add(new RoleSamples.Sample(FAULT_MILLIS + 900, "pg-0", RoleSamples.State.WRITABLE));
        assertThat(when.test(recovery(Optional.of("pg-0"), List.of(), samples)))
                .as("no write yet")
                .isFalse();
        assertThat(when.test(recovery(Optional.of("pg-0"), List.of(ack(950, OLD)), samples)))
                .isTrue();
    }

    @Test
    void aHeldFaultDoesNotWaitAtAll() {
        RecoveredWhen.Recovery nothingKnown = new RecoveredWhen.Recovery(
                "pg-0",
                null,
                FAULT_NANOS,
                FAULT_MILLIS,
                () -> {
                    throw new AssertionError("Patroni is not asked");
                },
                () -> {
                    throw new AssertionError("the writes are not looked at");
                },
                new RoleSamples());

        assertThat(RecoveredWhen.AT_ONCE.test(nothingKnown)).isTrue();
    }
}
