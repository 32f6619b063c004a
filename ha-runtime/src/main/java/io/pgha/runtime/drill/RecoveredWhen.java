package io.pgha.runtime.drill;

import io.pgha.runtime.postgres.WriteLoad;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** When a drill counts the cluster as taking writes again after its fault. */
enum RecoveredWhen {

    /** Another member leads, and a write acknowledged after the fault came from a server other than the old leader. */
    NEW_LEADER_TAKES_WRITES {
        @Override
        boolean test(Recovery r) {
            return r.leader().get().filter(l -> !l.equals(r.oldLeader())).isPresent()
                    && r.acks().get().stream()
                            .anyMatch(a -> a.atNanos() > r.faultNanos()
                                    && !a.serverAddress().equals(r.oldLeaderAddress()));
        }
    },
    /**
     * double-failover: a third member leads, neither the old leader nor the first member seen taking writes after the
     * fault (its successor, killed too), and a write was acknowledged after the watcher first saw it take writes.
     */
    THIRD_MEMBER_TAKES_WRITES {
        @Override
        boolean test(Recovery r) {
            Optional<RoleSamples.Sample> successor =
                    r.samples().firstWritableOtherThan(r.oldLeader(), r.faultEpochMillis());
            if (successor.isEmpty()) {
                return false;
            }
            String second = successor.get().node();
            Optional<String> third = r.leader().get().filter(l -> !l.equals(r.oldLeader()) && !l.equals(second));
            Optional<Long> writableAt = third.flatMap(t -> r.samples().snapshot().stream()
                    .filter(s -> s.node().equals(t)
                            && s.state() == RoleSamples.State.WRITABLE
                            && s.epochMillis() > successor.get().epochMillis())
                    .map(RoleSamples.Sample::epochMillis)
                    .findFirst());
            if (writableAt.isEmpty()) {
                return false;
            }
            long since = r.faultNanos() + (writableAt.get() - r.faultEpochMillis()) * 1_000_000L;
            return r.acks().get().stream().anyMatch(a -> a.atNanos() > since);
        }
    },
    /** Some member accepts writes again after the old leader stopped (Patroni restarts a crashed postmaster in place when it can). */
    WRITABLE_AGAIN {
        @Override
        boolean test(Recovery r) {
            return r.samples().writableAgainAfterOutageOf(r.oldLeader(), r.faultEpochMillis())
                    && r.acks().get().stream().anyMatch(a -> a.atNanos() > r.faultNanos());
        }
    },
    /** A write was acknowledged after the fault (through a router that is still alive, kill-router). */
    WRITES_AFTER_FAULT {
        @Override
        boolean test(Recovery r) {
            return r.acks().get().stream().anyMatch(a -> a.atNanos() > r.faultNanos());
        }
    },
    /** Nothing to wait for: the fault is held for its duration, then healed. */
    AT_ONCE {
        @Override
        boolean test(Recovery r) {
            return true;
        }
    };

    abstract boolean test(Recovery r);

    /**
     * What a drill knows while it waits; Patroni and the writes are asked only when a test needs them.
     *
     * @param oldLeaderAddress the old leader's address on the stack network, null when unknown
     */
    record Recovery(
            String oldLeader,
            String oldLeaderAddress,
            long faultNanos,
            long faultEpochMillis,
            Supplier<Optional<String>> leader,
            Supplier<List<WriteLoad.Ack>> acks,
            RoleSamples samples) {}
}
