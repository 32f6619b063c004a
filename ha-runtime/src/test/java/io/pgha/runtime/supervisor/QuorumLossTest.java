package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An etcd quorum loss as the supervisor lives it (docs/decisions/0035): its lease keeper cannot renew, so the tenure
 * is lost, and the lease cannot be revoked, so when quorum comes back etcd still binds the supervisors' key to it — for
 * a fresh TTL. The keeper takes the key back at once, and the supervisor, leading again, reads the leader key and routes
 * writes to whoever leads now. The real lease keeper, decisions and effects, over {@link InMemoryStack}, with a clock
 * the test moves; each step is what the keeper's thread or the supervisor's loop would do next.
 */
class QuorumLossTest {

    private static final long SECOND = 1_000_000_000L;
    private static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");
    private static final String ROUTED_PG1 = "routed writes to pg-1: its PostgreSQL accepts writes";

    private final InMemoryStack stack = new InMemoryStack("pg-0", "pg-1", "pg-2");
    private long now = 100 * SECOND;
    private final LeaseKeeper keeper =
            new LeaseKeeper(stack.leadership(), Duration.ofSeconds(5), () -> now, () -> "{}", () -> {}, () -> {});

    /** pg-0 leads and takes writes; the supervisor leads and has routed writes to it; then quorum is lost for 6 s. */
    private SteppedSupervisor leadingThroughAQuorumLoss() {
        stack.keyTakenBy("pg-0").acceptsWrites("pg-0");
        keeper.tick();
        SteppedSupervisor s = new SteppedSupervisor(stack, MEMBERS, keeper::current);
        s.receive(new LeaderKeyRead(stack.key())).runToEnd();
        assertThat(s.leading()).isTrue();
        assertThat(s.state().lastAction())
                .as("having taken the lease, it routed to the leader it read")
                .isEqualTo("routed writes to pg-0: its PostgreSQL accepts writes");

        stack.quorumLost();
        now += 6 * SECOND;
        keeper.tick();
        s.receive(new HeartbeatDue()).runToEnd();
        assertThat(s.leading()).as("the lease could not be renewed: lost").isFalse();
        assertThat(stack.supervisorKeyLease())
                .as("etcd still binds the key to the lost lease: it could not be revoked")
                .isNotZero();
        stack.quorumBack();
        return s;
    }

    @Test
    void aSwitchoverWhileTheKeyIsStillBoundToTheLostLeaseIsRoutedOnceTheSupervisorTakesItBack() {
        SteppedSupervisor s = leadingThroughAQuorumLoss();
        long lostLease = stack.supervisorKeyLease();
        int routed = stack.routerLog().size();
        stack.keyTakenBy("pg-1").acceptsWrites("pg-1").refusesWrites("pg-0"); // a switchover, seen as a standby
        s.receive(new LeaderKeyChanged(stack.key())).runToEnd();
        assertThat(stack.routerLog()).as("a standby routes nothing").hasSize(routed);

        now += SECOND;
        keeper.tick(); // one round after quorum is back: not a TTL later
        assertThat(stack.supervisorKeyLease())
                .as("the lost lease revoked, the key bound to a new one")
                .isNotZero()
                .isNotEqualTo(lostLease);
        s.receive(new HeartbeatDue()).runToEnd();

        assertThat(s.leading()).isTrue();
        assertThat(s.state().lastAction()).isEqualTo(ROUTED_PG1);
        assertThat(s.done())
                .containsSubsequence(
                        "read key (leading)",
                        "log: leading: the leader key names pg-1; routing writes to it",
                        "await writes on pg-1",
                        "router: primary/pg-1 up, primary/pg-0 down, shut primary/pg-0, primary/pg-2 down, "
                                + "shut primary/pg-2, replicas/pg-1 down",
                        "heartbeat: " + ROUTED_PG1);
        assertThat(stack.routerLog().subList(routed, stack.routerLog().size()))
                .startsWith("primary/pg-1 up", "primary/pg-0 down", "shut primary/pg-0");
        assertThat(stack.heartbeats.getLast().lastAction()).as("published").isEqualTo(ROUTED_PG1);
    }

    @Test
    void withNoChangeMeanwhileItRoutesToTheSameLeaderAgain() {
        SteppedSupervisor s = leadingThroughAQuorumLoss();
        int routed = stack.routerLog().size();

        now += SECOND;
        keeper.tick();
        s.receive(new HeartbeatDue()).runToEnd();

        assertThat(s.leading()).isTrue();
        assertThat(stack.routerLog().subList(routed, stack.routerLog().size()))
                .as("a forced health lasts only until a check: the routing is applied again")
                .startsWith("primary/pg-0 up");
    }

    @Test
    void aChangeSeenAfterTheKeyIsTakenBackIsRoutedAsUsual() {
        SteppedSupervisor s = leadingThroughAQuorumLoss();
        now += SECOND;
        keeper.tick();
        s.receive(new HeartbeatDue()).runToEnd();

        stack.keyTakenBy("pg-1").acceptsWrites("pg-1").refusesWrites("pg-0");
        s.receive(new LeaderKeyChanged(stack.key())).runToEnd();

        assertThat(s.state().lastAction()).isEqualTo(ROUTED_PG1);
    }
}
