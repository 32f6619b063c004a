package io.pgha.runtime.testsupport;

import io.pgha.runtime.dcs.EtcdHealthEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Asks every etcd member's {@code /health} (published client ports, over TLS) every 200 ms while a change runs, and
 * counts the polls at which no member answered healthy. etcd answers healthy only with a leader and a quorum read
 * behind it, so a poll with one healthy member is a poll at which the cluster had its quorum.
 */
public final class EtcdQuorumWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration ASK = Duration.ofSeconds(2);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger withoutQuorum = new AtomicInteger();
    private final AtomicInteger fewestHealthy = new AtomicInteger(Integer.MAX_VALUE);
    private final Thread thread;

    /** @param ports the client ports of the members there are now (asked again at each poll) */
    public EtcdQuorumWatch(Supplier<List<Integer>> ports, String caFile) {
        thread = Thread.ofVirtual().name("etcd-quorum-watch").start(() -> {
            while (running.get()) {
                long healthy = ports.get().stream()
                        .filter(p -> EtcdHealthEndpoint.healthy("https://127.0.0.1:" + p, Optional.of(caFile), ASK))
                        .count();
                polls.incrementAndGet();
                fewestHealthy.accumulateAndGet((int) healthy, Math::min);
                if (healthy == 0) {
                    withoutQuorum.incrementAndGet();
                }
                try {
                    Thread.sleep(POLL.toMillis()); // the watch's own pace, not a synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    public int polls() {
        return polls.get();
    }

    public int pollsWithoutQuorum() {
        return withoutQuorum.get();
    }

    public int fewestHealthy() {
        return fewestHealthy.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(10));
    }
}
