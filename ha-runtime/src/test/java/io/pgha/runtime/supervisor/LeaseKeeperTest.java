package io.pgha.runtime.supervisor;

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
import org.junit.jupiter.api.Test;

/**
 * The lease keeper's rounds, one at a time on the test's thread with a clock the test moves: a standby takes a free key,
 * the holder's tenure lasts until its last renewal sent plus the TTL less the margin, and no longer, whatever etcd says
 * or fails to say.
 */
class LeaseKeeperTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 100 * SECOND;
    private boolean held;
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
            return new SupervisorLease.Seen(held, 50);
        }

        @Override
        public Optional<Tenure> campaign(String value) {
            calls.add("campaign " + value);
            down();
            if (held) {
                return Optional.empty();
            }
            held = true;
            return Optional.of(new Tenure(51, 9));
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
            held = false;
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
        held = true;
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
        assertThat(held).isFalse();
        assertThat(keeper.current()).isEmpty();
    }
}
