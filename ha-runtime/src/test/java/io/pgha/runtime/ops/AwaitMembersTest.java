package io.pgha.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.ClusterSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An operation session waits for a snapshot with members when the monitor settled before a slow source answered. */
class AwaitMembersTest {

    private static final ClusterSnapshot NO_MEMBERS =
            Snapshots.healthy().without("pg-0").without("pg-1").without("pg-2").build();
    private static final ClusterSnapshot MEMBERS = Snapshots.healthy().build();

    @Test
    void aSnapshotWithMembersAfterTheSettledOneIsAwaited() throws Exception {
        PublishingMonitor monitor = new PublishingMonitor(NO_MEMBERS);
        Thread late = Thread.ofVirtual().start(() -> {
            monitor.awaitListener();
            monitor.publish(NO_MEMBERS);
            monitor.publish(MEMBERS);
        });
        assertThat(monitor.awaitMembers(Duration.ofSeconds(10)).members()).hasSize(3);
        late.join();
    }

    @Test
    void withoutMembersWithinTheTimeoutTheLatestSnapshotIsReturned() {
        PublishingMonitor monitor = new PublishingMonitor(NO_MEMBERS);
        assertThat(monitor.awaitMembers(Duration.ofMillis(100)).members()).isEmpty();
        assertThat(monitor.listeners).as("its listener is removed").isEmpty();
    }

    @Test
    void aCompleteSnapshotWithMembersIsReturnedAtOnce() {
        PublishingMonitor monitor = new PublishingMonitor(MEMBERS);
        assertThat(monitor.awaitMembers(Duration.ofSeconds(10))).isSameAs(MEMBERS);
        assertThat(monitor.subscriptions).isZero();
    }
}
