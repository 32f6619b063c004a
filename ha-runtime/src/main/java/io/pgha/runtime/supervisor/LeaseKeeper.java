package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.dcs.SupervisorLease;
import io.pgha.runtime.dcs.SupervisorLease.Tenure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds, or waits for, the supervisors' lease (docs/decisions/0035) on a thread of its own, so that a long action on the
 * supervisor's loop (a promotion awaited up to 15 s) never lets the lease run out. Every second: the holder renews it;
 * a standby reads the key and takes it when nobody holds it (and at once when its watch sees it deleted). The tenure is
 * valid by this process's monotonic clock until the last renewal <em>sent</em> plus the TTL less a margin — never later
 * than etcd's own expiry, which counts from the renewal's arrival — so this supervisor stops acting before another
 * can take the key. A tenure lost while etcd could not be reached (a quorum loss) may still hold the key when etcd
 * answers again — its lease could not be revoked, and a new etcd leader gives every lease a fresh TTL — so this
 * supervisor, seeing the key bound to its own lost lease, revokes that lease and takes the key at once instead of
 * standing by for the TTL while nobody routes.
 */
final class LeaseKeeper implements AutoCloseable {

    /** The lease's TTL: how long a dead leader's key outlives it (docs/decisions/0035 says why 5 s). */
    static final Duration TTL = Duration.ofSeconds(5);
    /** How often the holder renews and a standby looks. */
    static final Duration EVERY = Duration.ofSeconds(1);
    /** Taken off the TTL for the local deadline: clock-rate differences and the renewal's own way to etcd. */
    static final Duration MARGIN = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private record Held(Tenure tenure, long validUntilNanos) {}

    /** What a supervisor that does not hold the lease does after reading the key. */
    enum Look {
        /** Nobody holds the key: take it. */
        TAKE,
        /** This supervisor's own lost lease still holds it: revoke that lease, then take the key. */
        TAKE_BACK,
        /** Another supervisor holds it: watch it. */
        STAND_BY
    }

    /** Decides on a read of the key, {@code lost} being the tenure this supervisor lost and could not revoke. */
    static Look look(SupervisorLease.Seen seen, Optional<Tenure> lost) {
        if (!seen.held()) {
            return Look.TAKE;
        }
        return lost.isPresent() && lost.get().leaseId() == seen.leaseId() ? Look.TAKE_BACK : Look.STAND_BY;
    }

    private final LeadershipPort port;
    private final Duration ttl;
    private final LongSupplier nanos;
    private final Supplier<String> value;
    private final Runnable onChange;
    private final Runnable onAlive;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgha-supervisor-lease");
        t.setDaemon(true);
        return t;
    });
    private volatile Held held;
    private Optional<Tenure> lost = Optional.empty(); // a lost tenure whose lease was not revoked (etcd unreachable)
    private LeaderKey.Subscription watch; // on the keeper's thread only
    private boolean saidStandby;
    private String lastFailure = "";
    private volatile boolean closed;

    /**
     * @param value    the key's value when this supervisor takes it (its heartbeat)
     * @param onChange called on the keeper's thread when this supervisor takes the lease or loses it
     * @param onAlive  called whenever etcd answered (the alive file of Docker's health check)
     */
    LeaseKeeper(
            LeadershipPort port,
            Duration ttl,
            LongSupplier nanos,
            Supplier<String> value,
            Runnable onChange,
            Runnable onAlive) {
        this.port = port;
        this.ttl = ttl;
        this.nanos = nanos;
        this.value = value;
        this.onChange = onChange;
        this.onAlive = onAlive;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::tickQuietly, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The tenure while its lease is valid by this process's clock; empty for a standby. */
    Optional<Tenure> current() {
        Held h = held;
        return h != null && nanos.getAsLong() - h.validUntilNanos() < 0 ? Optional.of(h.tenure()) : Optional.empty();
    }

    /** Looks again now (the key was seen deleted, or a write to it was refused). */
    void lookNow() {
        if (!closed) {
            thread.execute(this::tickQuietly);
        }
    }

    /** One round: the holder renews; a standby reads and, if nobody holds the key, takes it. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        Held h = held;
        if (h != null) {
            renewOrLose(h);
        } else {
            lookOrTake();
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("supervisor lease: {}", e.getMessage());
        }
    }

    private void renewOrLose(Held h) {
        long sent = nanos.getAsLong();
        try {
            if (port.renew(h.tenure())) {
                held = new Held(h.tenure(), sent + validity());
                lastFailure = "";
                onAlive.run();
            } else {
                lose(h, "etcd no longer has it");
            }
        } catch (RuntimeException e) {
            if (nanos.getAsLong() - h.validUntilNanos() >= 0) {
                lose(h, "it could not be renewed within " + ttl.toSeconds() + " s (" + e.getMessage() + ")");
            } else if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                lastFailure = String.valueOf(e.getMessage());
                LOG.warn("could not renew the supervisor lease ({}); retrying while it lasts", e.getMessage());
            }
        }
    }

    private void lose(Held h, String why) {
        held = null;
        saidStandby = false;
        LOG.warn(
                "supervisor lease {} (tenure {}) lost: {}",
                port.path(),
                h.tenure().createRevision(),
                why);
        try {
            port.resign(h.tenure()); // so that the key goes at once if etcd still has it
            lost = Optional.empty();
        } catch (RuntimeException e) {
            lost = Optional.of(h.tenure()); // revoked when etcd answers again, if it still holds the key
            LOG.debug("the lost lease was not revoked: {}", e.getMessage());
        }
        onChange.run();
    }

    private void lookOrTake() {
        try {
            var seen = port.read();
            onAlive.run();
            if (watch == null) {
                watch = port.watchReleased(seen.revision(), this::lookNow, e -> thread.execute(() -> watch = null));
            }
            Look next = look(seen, lost);
            if (next == Look.TAKE_BACK) {
                LOG.warn(
                        "supervisor lease {}: still held by this supervisor's lost lease (tenure {}); revoking it and"
                                + " taking the key back now",
                        port.path(),
                        lost.orElseThrow().createRevision());
                try {
                    port.resign(lost.orElseThrow());
                } catch (RuntimeException e) {
                    // expired meanwhile, or etcd went again: the campaign below says whether the key is free
                    LOG.debug("the lost lease was not revoked: {}", e.getMessage());
                }
            } else if (next == Look.STAND_BY) {
                lost = Optional.empty(); // the key is bound to another lease: the lost one is gone
                if (!saidStandby) {
                    saidStandby = true;
                    LOG.info(
                            "standby: another supervisor holds {}; watching it, acting only once this one holds it",
                            port.path());
                }
                return;
            }
            long sent = nanos.getAsLong();
            Optional<Tenure> taken = port.campaign(value.get());
            if (taken.isPresent()) {
                lost = Optional.empty();
                held = new Held(taken.get(), sent + validity());
                lastFailure = "";
                onChange.run();
            }
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                lastFailure = String.valueOf(e.getMessage());
                LOG.warn("cannot look at the supervisor lease {}: {}; retrying", port.path(), e.getMessage());
            }
        }
    }

    private long validity() {
        return ttl.minus(MARGIN).toNanos();
    }

    /** Stops; a held lease is given up so that a standby takes over at once. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        LeaderKey.Subscription w = watch;
        if (w != null) {
            w.close();
        }
        Held h = held;
        held = null;
        if (h != null) {
            try {
                port.resign(h.tenure());
                LOG.info("supervisor lease {} given up", port.path());
            } catch (RuntimeException e) {
                LOG.debug("the lease was not revoked: {}", e.getMessage());
            }
        }
    }
}
