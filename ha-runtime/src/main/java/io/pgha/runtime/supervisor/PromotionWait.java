package io.pgha.runtime.supervisor;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Waits, bounded, until a new leader accepts writes. With a login the supervisor asks its PostgreSQL directly, every
 * 10 ms, on a connection it keeps open ({@link MemberConnections}): the answer comes within milliseconds of the
 * promotion and costs the new leader nothing, where each /patroni answer takes the interpreter lock of the Patroni
 * that is promoting. Whenever PostgreSQL cannot be asked (no login, refused, not up), its Patroni is asked, every 50 ms.
 */
final class PromotionWait {

    private final MemberReadiness readiness;
    private final Duration limit;
    private final BooleanSupplier stopped;

    PromotionWait(MemberReadiness readiness, Duration limit, BooleanSupplier stopped) {
        this.readiness = readiness;
        this.limit = limit;
        this.stopped = stopped;
    }

    /** True once the member accepts writes; false when the limit passed, the supervisor stopped or was interrupted. */
    boolean untilPrimary(String member) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && !stopped.getAsBoolean()) {
            Optional<Boolean> writable = readiness.postgresAcceptsWrites(member);
            if (writable.orElse(false) || writable.isEmpty() && readiness.patroniSaysPrimary(member)) {
                return true;
            }
            try {
                Thread.sleep(
                        writable.isPresent()
                                ? 10
                                : 50); // a bounded poll of one member, not synchronisation between threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
