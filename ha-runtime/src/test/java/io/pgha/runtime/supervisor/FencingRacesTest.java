package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.supervisor.SupervisorEvent.ContainerDied;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What happens in the stack between the supervisor's questions: a container that restarts, a key taken again, a
 * second supervisor, a lease that runs out. The stack is held in memory with etcd's revision rules; decisions and
 * effects are the real ones.
 */
class FencingRacesTest {

    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");

    private final InMemoryStack stack = new InMemoryStack("pg-0", "pg-1", "pg-2");

    /** A supervisor that starts now: it reads the key as it is. */
    private SteppedSupervisor supervisorStarting() {
        return new SteppedSupervisor(stack, MEMBERS).receive(new LeaderKeyRead(stack.key()));
    }

    @Test
    void aContainerRestartedBetweenTheInspectAndTheDeleteKeepsTheKeyItTookAgain() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor s = supervisorStarting();
        stack.containerDies("pg-0");
        s.receive(new ContainerDied("pg-0"));

        s.step().step(); // reads the key (pg-0), asks Docker: not running
        stack.containerStarts("pg-0").keyTakenBy("pg-0"); // restarted; its Patroni takes the key with a new lease
        s.runToEnd();

        assertThat(stack.holder()).contains("pg-0");
        assertThat(stack.deletions).isEmpty();
        assertThat(s.state().lastAction()).isEqualTo("container pg-0 stopped but the leader key had already moved");
    }

    @Test
    void aKeyThatMovedBetweenTheReadAndTheDeleteStays() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor s = supervisorStarting();
        stack.containerDies("pg-0");
        s.receive(new ContainerDied("pg-0"));

        s.step(); // reads the key: pg-0
        stack.keyReleased().keyTakenBy("pg-1"); // Patroni's TTL ran out meanwhile and pg-1 was elected
        s.runToEnd();

        assertThat(stack.holder()).contains("pg-1");
        assertThat(stack.deletions).isEmpty();
    }

    @Test
    void ofTwoSupervisorsSeeingTheSameDeathOnlyTheOneHoldingTheLeaseActs() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor a = supervisorStarting();
        SteppedSupervisor b = supervisorStarting();
        assertThat(List.of(a.leading(), b.leading())).containsExactly(true, false);
        stack.containerDies("pg-0");
        a.receive(new ContainerDied("pg-0"));
        b.receive(new ContainerDied("pg-0"));

        a.runToEnd();
        b.runToEnd();

        assertThat(stack.deletions).hasSize(1);
        assertThat(a.state().lastAction()).isEqualTo("fenced pg-0: its container stopped, leader key released");
        assertThat(b.done()).as("the standby's actions").isEmpty();
        assertThat(stack.routerLog()).containsExactly("primary/pg-0 down");
    }

    @Test
    void theStandbyActsOnceTheLeadersLeaseExpired() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor a = supervisorStarting();
        SteppedSupervisor b = supervisorStarting();
        stack.containerDies("pg-0");
        a.receive(new ContainerDied("pg-0")).runToEnd();
        b.receive(new ContainerDied("pg-0")).runToEnd();
        stack.keyTakenBy("pg-1");
        long pg1 = stack.key().modRevision();

        stack.supervisorLeaseExpires(); // a is killed: its lease runs out and etcd deletes the key
        b.lookAtTheLease();
        stack.containerDies("pg-1");
        b.receive(new LeaderKeyChanged(stack.key())).receive(new ContainerDied("pg-1"));
        b.runToEnd();

        assertThat(b.leading()).isTrue();
        assertThat(stack.deletions).hasSize(2);
        assertThat(b.done())
                .containsSubsequence(
                        "log: leading the supervisors (lease tenure "
                                + stack.supervisorTenure().getAsLong() + "): this supervisor fences and routes",
                        "read key (leading)",
                        "inspect pg-1",
                        "warn: leading: the leader key names pg-1 but its container is not running; fencing it",
                        "delete key if pg-1@" + pg1,
                        "log: fenced pg-1: its container stopped, leader key released",
                        "read key (pg-1 died)");
    }

    @Test
    void aLeaseLostBetweenTheQuestionsLeavesTheKeyAlone() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor a = supervisorStarting();
        stack.containerDies("pg-0");
        a.receive(new ContainerDied("pg-0"));

        a.step(); // reads the key: pg-0; asks Docker next
        stack.supervisorLeaseExpires(); // a is cut off from etcd long enough
        a.runToEnd();

        assertThat(stack.holder()).contains("pg-0");
        assertThat(stack.deletions).isEmpty();
        assertThat(stack.routerLog()).isEmpty();
        assertThat(a.done()).noneMatch(line -> line.startsWith("delete key"));
    }

    @Test
    void aLeaseLostBetweenTheDecisionAndTheDeleteIsRefusedByTheFence() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor a = supervisorStarting();
        stack.containerDies("pg-0");
        a.receive(new ContainerDied("pg-0"));

        a.step().step(); // reads the key, asks Docker: not running; the delete is decided
        stack.supervisorLeaseExpires(); // the lease runs out before the delete reaches etcd
        // Docker restarts pg-0 before another supervisor takes the lease: that one finds it running (ADR 68's
        // start-time
        // check) and leaves the key, so only the tenure can refuse a's delete
        stack.containerStarts("pg-0");
        SteppedSupervisor b = new SteppedSupervisor(stack, MEMBERS);
        a.runToEnd();

        assertThat(b.leading()).isTrue();
        assertThat(a.done()).contains("delete key if pg-0@" + stack.key().modRevision());
        assertThat(stack.deletions)
                .as("the transaction compared a's tenure, which is over")
                .isEmpty();
        assertThat(stack.holder()).contains("pg-0");
        assertThat(stack.routerLog()).isEmpty();
    }

    @Test
    void startedWhileNobodyHoldsTheKeyItRoutesTheNextLeaderOnceItAcceptsWrites() {
        stack.keyTakenBy("pg-0").containerDies("pg-0").keyReleased();
        SteppedSupervisor s = supervisorStarting();

        stack.acceptsWrites("pg-1").keyTakenBy("pg-1");
        s.receive(new LeaderKeyChanged(stack.key())).runToEnd();

        assertThat(stack.routerLog())
                .containsExactly(
                        "primary/pg-1 up",
                        "primary/pg-0 down",
                        "shut primary/pg-0",
                        "primary/pg-2 down",
                        "shut primary/pg-2",
                        "replicas/pg-1 down");
        assertThat(s.state().routedTo()).contains("pg-1");
        assertThat(stack.heartbeats)
                .last()
                .satisfies(h ->
                        assertThat(h.lastAction()).isEqualTo("routed writes to pg-1: its PostgreSQL accepts writes"));
    }

    @Test
    void aNewLeaderStillInRecoveryIsNotRouted() {
        stack.keyTakenBy("pg-0");
        SteppedSupervisor s = supervisorStarting();

        stack.keyTakenBy("pg-1");
        s.receive(new LeaderKeyChanged(stack.key())).runToEnd();

        assertThat(stack.routerLog()).isEmpty();
        assertThat(s.state().routedTo()).isEmpty();
    }
}
