package io.pgha.runtime.supervisor;

import static io.pgha.runtime.supervisor.LeaseKeeper.Look.STAND_BY;
import static io.pgha.runtime.supervisor.LeaseKeeper.Look.TAKE;
import static io.pgha.runtime.supervisor.LeaseKeeper.Look.TAKE_BACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.dcs.SupervisorLease;
import io.pgha.runtime.dcs.SupervisorLease.Tenure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lease keeper's rounds, one at a time on the test's thread with a clock the test moves: a standby takes a free key,
 * the holder's tenure lasts until its last renewal sent plus the TTL less the margin, and no longer, whatever etcd says
 * or fails to say.
 */
class LeaseKeeperTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 100 * SECOND;
    private long keyLease; // the lease the key is bound to; 0: nobody holds it
    private long nextLease = 9;
    private long nextRevision = 51;
    private boolean etcdDown;
    private boolean leaseGone;
    private final List<String> calls = new ArrayList<>();
    private int changes;
    private int alive;

    private final LeadershipPort port = new LeadershipPort() {
        @Override
        public String path() {
            return "/pgha/pg-ha/supervisor";
        }

        @Override
        public SupervisorLease.Seen read() {
            calls.add("read");
            down();
            return new SupervisorLease.Seen(keyLease != 0, 50, keyLease);
        }

        @Override
        public Optional<Tenure> campaign(String value) {
            calls.add("campaign " + value);
            down();
            if (keyLease != 0) {
                return Optional.empty();
            }
            keyLease = nextLease++;
            return Optional.of(new Tenure(nextRevision++, keyLease));
        }

        @Override
        public boolean renew(Tenure tenure) {
            calls.add("renew");
            down();
            return !leaseGone;
        }

        @Override
        public boolean publish(Tenure tenure, String value) {
            return true;
        }

        @Override
        public void resign(Tenure tenure) {
            calls.add("resign");
            down();
            if (keyLease == tenure.leaseId()) {
                keyLease = 0;
            }
        }

        @Override
        public LeaderKey.Subscription watchReleased(
                long afterRevision, Runnable onReleased, Consumer<Throwable> onError) {
            calls.add("watch after " + afterRevision);
            return () -> {};
        }
    };

    private void down() {
        if (etcdDown) {
            throw PghaException.unavailable("etcd did not answer", null);
        }
    }

    private final LeaseKeeper keeper = new LeaseKeeper(
            port, Duration.ofSeconds(5), () -> now, () -> "{\"state\":\"active\"}", () -> changes++, () -> alive++);

    @Test
    void aStandbyTakesAFreeKeyAndHoldsItUntilTheTtlLessTheMarginAfterItsLastRenewal() {
        keeper.tick();
        assertThat(keeper.current()).contains(new Tenure(51, 9));
        assertThat(calls).containsExactly("read", "watch after 50", "campaign {\"state\":\"active\"}");
        assertThat(changes).isEqualTo(1);

        now += SECOND;
        keeper.tick(); // renewed at 101 s: valid until 105.5 s
        etcdDown = true;
        now += 2 * SECOND;
        keeper.tick(); // etcd does not answer: still within the lease
        assertThat(keeper.current()).isPresent();
        now = 105 * SECOND + SECOND / 2 - 1;
        assertThat(keeper.current()).as("just before the deadline").isPresent();
        now += 1;
        assertThat(keeper.current())
                .as("at the deadline, before any round noticed")
                .isEmpty();
        keeper.tick();
        assertThat(changes).as("the round after the deadline says it was lost").isEqualTo(2);
        assertThat(calls).endsWith("renew", "resign");
    }

    @Test
    void aLeaseEtcdNoLongerHasIsLostAtOnce() {
        keeper.tick();
        leaseGone = true;
        now += SECOND;
        keeper.tick();
        assertThat(keeper.current()).isEmpty();
        assertThat(changes).isEqualTo(2);
    }

    @Test
    void aStandbyOnlyReadsWhileAnotherHoldsTheKey() {
        keyLease = 77;
        keeper.tick();
        keeper.tick();
        assertThat(keeper.current()).isEmpty();
        assertThat(calls).containsExactly("read", "watch after 50", "read");
        assertThat(changes).isZero();
        assertThat(alive).as("etcd answered: the container is healthy").isEqualTo(2);
    }

    @Test
    void closingGivesTheLeaseUp() {
        keeper.tick();
        keeper.close();
        assertThat(keyLease).isZero();
        assertThat(keeper.current()).isEmpty();
    }

    @Test
    void aTenureLostWhileEtcdHadNoQuorumIsTakenBackAtOnceWhenItAnswersAgain() {
        keeper.tick(); // takes the key: lease 9
        etcdDown = true;
        now += 5 * SECOND;
        keeper.tick(); // no renewal within the lease: lost, and the revoke did not reach etcd
        assertThat(keeper.current()).isEmpty();
        assertThat(keyLease).as("etcd still binds the key to the lost lease").isEqualTo(9);
        calls.clear();

        etcdDown = false; // quorum is back; a new etcd leader gave the lease a fresh TTL
        now += SECOND;
        keeper.tick();

        assertThat(calls).containsExactly("read", "resign", "campaign {\"state\":\"active\"}");
        assertThat(keeper.current()).as("taken back in the same round").contains(new Tenure(52, 10));
        assertThat(changes).as("took, lost, took back").isEqualTo(3);
    }

    @Test
    void aKeyBoundToAnotherSupervisorsLeaseAfterTheQuorumLossIsLeftToIt() {
        keeper.tick();
        etcdDown = true;
        now += 5 * SECOND;
        keeper.tick();
        keyLease = 77; // our lease expired meanwhile and another supervisor took the key
        etcdDown = false;
        keeper.tick();
        keeper.tick();

        assertThat(keeper.current()).isEmpty();
        assertThat(calls).endsWith("renew", "resign", "read", "read");
        assertThat(keyLease).isEqualTo(77);
    }

    record LookRow(String name, SupervisorLease.Seen seen, Optional<Tenure> lost, LeaseKeeper.Look look) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LookRow> looks() {
        Tenure lost = new Tenure(51, 9);
        return Stream.of(
                new LookRow("free, nothing lost", new SupervisorLease.Seen(false, 60, 0), Optional.empty(), TAKE),
                new LookRow(
                        "free, a lost tenure's lease expired",
                        new SupervisorLease.Seen(false, 60, 0),
                        Optional.of(lost),
                        TAKE),
                new LookRow(
                        "another's, nothing lost", new SupervisorLease.Seen(true, 60, 77), Optional.empty(), STAND_BY),
                new LookRow(
                        "another's after ours was lost",
                        new SupervisorLease.Seen(true, 60, 77),
                        Optional.of(lost),
                        STAND_BY),
                new LookRow(
                        "still bound to our lost lease",
                        new SupervisorLease.Seen(true, 60, 9),
                        Optional.of(lost),
                        TAKE_BACK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looks")
    void decidesOnWhatItReads(LookRow row) {
        assertThat(LeaseKeeper.look(row.seen(), row.lost())).isEqualTo(row.look());
    }
}
