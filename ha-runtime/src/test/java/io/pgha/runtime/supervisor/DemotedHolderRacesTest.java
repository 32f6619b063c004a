package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cut-off primary fenced once it demoted itself (docs/decisions/0073-fence-a-demoted-holder), with the real decisions
 * and effects against the in-memory stack: what happens between the supervisor's questions.
 */
class DemotedHolderRacesTest {

    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");
    private static final HolderWrites IN_RECOVERY =
            new HolderWrites(HolderWrites.Kind.IN_RECOVERY, "pg_is_in_recovery() = t");

    private final InMemoryStack stack = new InMemoryStack("pg-0", "pg-1", "pg-2");

    /** pg-0 holds the key and has not renewed its lease for 7 s; a supervisor's heartbeat comes. */
    private SteppedSupervisor heartbeatWhileCutOff(HolderWrites pg0Says) {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor s = new SteppedSupervisor(stack, MEMBERS).receive(new LeaderKeyRead(stack.key()));
        s.runToEnd();
        stack.holderUnrenewedFor(Duration.ofSeconds(7)).answersThroughItsEngine("pg-0", pg0Says);
        return s.receive(new HeartbeatDue());
    }

    @Test
    void aDemotedCutOffHolderLosesItsKeyAndItsSessions() {
        SteppedSupervisor s = heartbeatWhileCutOff(IN_RECOVERY);
        long modRevision = stack.key().modRevision();
        s.runToEnd();

        assertThat(stack.deletions).containsExactly("pg-0@" + modRevision);
        assertThat(stack.holder()).isEmpty();
        assertThat(s.state().lastAction())
                .isEqualTo("fenced pg-0: it demoted itself, cut off from etcd, leader key released");
        assertThat(stack.routerLog()).contains("primary/pg-0 down", "shut primary/pg-0");
    }

    @Test
    void aPartitionHealedBetweenTheAnswerAndTheDeleteKeepsTheKey() {
        SteppedSupervisor s = heartbeatWhileCutOff(IN_RECOVERY);
        s.step().step().step(); // publishes its heartbeat, reads the lease (7 s), asks pg-0: in recovery
        stack.holderUnrenewedFor(Duration.ZERO); // its Patroni reaches etcd again and keeps its lease alive
        s.runToEnd();

        assertThat(stack.deletions).isEmpty();
        assertThat(stack.holder()).contains("pg-0");
        assertThat(s.done()).noneMatch(line -> line.startsWith("delete key"));
    }

    @Test
    void aHolderThatStillAcceptsWritesOrCannotBeAskedKeepsTheKey() {
        heartbeatWhileCutOff(new HolderWrites(HolderWrites.Kind.ACCEPTS_WRITES, "pg_is_in_recovery() = f"))
                .runToEnd();
        assertThat(stack.deletions).isEmpty();

        heartbeatWhileCutOff(HolderWrites.unknown("exec failed: container is paused"))
                .runToEnd();
        assertThat(stack.deletions).isEmpty();
        assertThat(stack.holder()).contains("pg-0");
    }
}
