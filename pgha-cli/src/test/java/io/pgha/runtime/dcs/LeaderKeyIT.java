package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's compare-and-delete against a real etcd (the compose stack's), on a scope no Patroni uses: the key
 * goes only while it names the member and has not been written since it was read.
 */
class LeaderKeyIT {

    private static final List<String> ETCD =
            List.of("http://127.0.0.1:23791", "http://127.0.0.1:23792", "http://127.0.0.1:23793");
    private static final String SCOPE = "pgha-leader-key-it";

    private static EtcdSession session;
    private static Client writer;
    private static LeaderKey key;

    @BeforeAll
    static void etcd() {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.restoreHealthy();
        session = EtcdSession.open(ETCD, Duration.ofSeconds(2));
        key = session.leaderKey("/service/", SCOPE, Duration.ofSeconds(3));
        writer = EtcdClientFactory.create(ETCD, Duration.ofSeconds(2));
    }

    @AfterAll
    static void close() throws Exception {
        if (writer != null) {
            writer.getKVClient().delete(bytes(key.path())).get(3, TimeUnit.SECONDS);
            writer.close();
        }
        if (session != null) {
            session.close();
        }
    }

    @BeforeEach
    void noKey() throws Exception {
        writer.getKVClient().delete(bytes(key.path())).get(3, TimeUnit.SECONDS);
    }

    private static void put(String member) throws Exception {
        writer.getKVClient().put(bytes(key.path()), bytes(member)).get(3, TimeUnit.SECONDS);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void deletesTheKeyItReadWhileItIsUnchanged() throws Exception {
        put("pg-0");
        LeaderKey.Holder read = key.read();

        assertThat(read.member()).contains("pg-0");
        assertThat(read.modRevision()).isPositive();
        assertThat(key.deleteIfHeldBy("pg-0", read.modRevision())).isTrue();
        assertThat(key.read().member()).isEmpty();
        assertThat(key.read().modRevision()).isZero();
    }

    @Test
    void keepsAKeyTheSameMemberWroteAgainSinceItWasRead() throws Exception {
        put("pg-0");
        LeaderKey.Holder read = key.read();
        put("pg-0"); // the member's container restarted and its Patroni took the key again

        assertThat(key.deleteIfHeldBy("pg-0", read.modRevision())).isFalse();
        assertThat(key.read().member()).contains("pg-0");
    }

    @Test
    void keepsAKeyThatNamesAnotherMember() throws Exception {
        put("pg-0");
        LeaderKey.Holder read = key.read();

        assertThat(key.deleteIfHeldBy("pg-1", read.modRevision())).isFalse();
        assertThat(key.read().member()).contains("pg-0");
    }

    @Test
    void ofTwoSupervisorsThatReadTheSameKeyOnlyOneDeletesIt() throws Exception {
        put("pg-0");
        LeaderKey.Holder a = key.read();
        LeaderKey.Holder b = key.read();

        assertThat(List.of(key.deleteIfHeldBy("pg-0", a.modRevision()), key.deleteIfHeldBy("pg-0", b.modRevision())))
                .containsExactly(true, false);
    }

    @Test
    void aWatchReportsTheModRevisionOfEachWrite() throws Exception {
        LeaderKey.Holder before = key.read();
        List<LeaderKey.Holder> seen = new CopyOnWriteArrayList<>();
        try (LeaderKey.Subscription watch = key.watch(before.revision(), seen::add, e -> {})) {
            put("pg-2");
            await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        }
        LeaderKey.Holder change = seen.get(0);
        assertThat(change.member()).isEqualTo(Optional.of("pg-2"));
        assertThat(change.modRevision()).isEqualTo(key.read().modRevision());
    }
}
