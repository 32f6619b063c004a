package io.pgha.runtime.supervisor;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.dcs.SupervisorLease;
import io.pgha.runtime.dcs.SupervisorLease.Tenure;
import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The supervisor's ports over a stack held in memory: a leader key with etcd's revision rules (every write and delete
 * takes the next revision; compare-and-delete on value and mod revision), containers that run or not, members that
 * accept writes or not, and a record of what was sent to the router and published; and the supervisors' leadership
 * key, created only when absent, bound to a lease that lives until the test lets it expire (docs/decisions/0035).
 * Shared by several supervisors, it shows what only one of them can do.
 */
final class InMemoryStack {

    private long revision = 100;
    private Optional<String> holder = Optional.empty();
    private long modRevision;
    private final Set<String> running = new HashSet<>();
    private final Set<String> writable = new HashSet<>();
    private final List<Consumer<LeaderKey.Holder>> watchers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, Instant>> deathListeners = new CopyOnWriteArrayList<>();
    /** Whether Docker's die events say when the death happened (now); otherwise they say so long ago that the
     * supervisor asks the engine to confirm (docs/decisions/0072). */
    private boolean freshDeaths;

    final List<String> routerLog = new CopyOnWriteArrayList<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    final List<String> deletions = new CopyOnWriteArrayList<>();
    /** The members the supervisor asked the engine about, in order. */
    final List<String> inspections = new CopyOnWriteArrayList<>();

    private long leaseKeyCreated; // 0: nobody holds the supervisors' key
    private long leaseKeyLease;
    private long nextLease = 7000;
    private final Set<Long> liveLeases = new HashSet<>();
    private final List<Runnable> releaseWatchers = new CopyOnWriteArrayList<>();
    private volatile boolean quorumLost;
    private java.time.Duration unrenewedFor = java.time.Duration.ZERO;
    private final java.util.Map<String, HolderWrites> engineAnswers = new java.util.HashMap<>();

    InMemoryStack(String... members) {
        running.addAll(List.of(members));
    }

    // what happens in the stack

    /** Patroni on {@code member} takes the key (or takes it again with a new lease): a new mod revision. */
    synchronized InMemoryStack keyTakenBy(String member) {
        holder = Optional.of(member);
        modRevision = ++revision;
        notifyWatchers(new LeaderKey.Holder(holder, modRevision, modRevision));
        return this;
    }

    synchronized InMemoryStack keyReleased() {
        holder = Optional.empty();
        modRevision = 0;
        notifyWatchers(new LeaderKey.Holder(holder, ++revision, 0));
        return this;
    }

    synchronized InMemoryStack containerDies(String member) {
        running.remove(member);
        writable.remove(member);
        Instant at = freshDeaths ? Instant.now() : Instant.EPOCH;
        deathListeners.forEach(l -> l.accept(member, at));
        return this;
    }

    /** From now on a death is reported with the moment it happened, as Docker's die events are. */
    synchronized InMemoryStack withFreshDeaths() {
        freshDeaths = true;
        return this;
    }

    synchronized InMemoryStack containerStarts(String member) {
        running.add(member);
        return this;
    }

    synchronized InMemoryStack acceptsWrites(String member) {
        writable.add(member);
        return this;
    }

    /** A switchover's old leader, demoted: a replica. */
    synchronized InMemoryStack refusesWrites(String member) {
        writable.remove(member);
        return this;
    }

    synchronized Optional<String> holder() {
        return holder;
    }

    /** The holder's Patroni last kept its lease alive {@code d} ago (docs/decisions/0073-fence-a-demoted-holder). */
    synchronized InMemoryStack holderUnrenewedFor(java.time.Duration d) {
        unrenewedFor = d;
        return this;
    }

    /** What {@code member} says through its engine when asked whether it still accepts writes. */
    synchronized InMemoryStack answersThroughItsEngine(String member, HolderWrites writes) {
        engineAnswers.put(member, writes);
        return this;
    }

    /** The key as a read or a watch would report it now. */
    synchronized LeaderKey.Holder key() {
        return new LeaderKey.Holder(holder, revision, modRevision);
    }

    /**
     * etcd loses its quorum: every read and write of the supervisor fails, and no lease expires (only an etcd leader
     * expires leases; the next one gives each a fresh TTL), so the supervisors' key stays bound to its lease.
     */
    InMemoryStack quorumLost() {
        quorumLost = true;
        return this;
    }

    InMemoryStack quorumBack() {
        quorumLost = false;
        return this;
    }

    private void answer() {
        if (quorumLost) {
            throw PghaException.unavailable("etcd did not answer: no quorum", null);
        }
    }

    /** The lease the supervisors' key is bound to (0: nobody holds it). */
    synchronized long supervisorKeyLease() {
        return leaseKeyCreated == 0 ? 0 : leaseKeyLease;
    }

    /** The supervisors' key's holder dies: its lease expires, etcd deletes the key, standbys are told. */
    InMemoryStack supervisorLeaseExpires() {
        Runnable notify;
        synchronized (this) {
            if (leaseKeyCreated == 0) {
                return this;
            }
            liveLeases.remove(leaseKeyLease);
            leaseKeyCreated = 0;
            revision++;
            notify = () -> releaseWatchers.forEach(Runnable::run);
        }
        notify.run();
        return this;
    }

    /** The tenure that holds the supervisors' key now (its create revision), if any. */
    synchronized java.util.OptionalLong supervisorTenure() {
        return leaseKeyCreated == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(leaseKeyCreated);
    }

    /** Whether {@code tenure} still holds the supervisors' key with a live lease. */
    synchronized boolean holds(Tenure tenure) {
        return leaseKeyCreated == tenure.createRevision() && liveLeases.contains(tenure.leaseId());
    }

    private void notifyWatchers(LeaderKey.Holder h) {
        watchers.forEach(w -> w.accept(h));
    }

    // the ports

    SupervisorPorts ports() {
        return new SupervisorPorts(
                leaderKey(),
                containers(),
                readiness(),
                router(),
                (tenure, heartbeat) -> {
                    answer();
                    synchronized (InMemoryStack.this) {
                        if (leaseKeyCreated != tenure.createRevision()) {
                            return false;
                        }
                    }
                    heartbeats.add(heartbeat);
                    return true;
                },
                leadership(),
                () -> {});
    }

    LeadershipPort leadership() {
        return new LeadershipPort() {
            @Override
            public String path() {
                return "/pgha/pg-ha/supervisor";
            }

            @Override
            public SupervisorLease.Seen read() {
                answer();
                synchronized (InMemoryStack.this) {
                    return new SupervisorLease.Seen(leaseKeyCreated != 0, revision, supervisorKeyLease());
                }
            }

            @Override
            public java.util.Optional<Tenure> campaign(String value) {
                answer();
                synchronized (InMemoryStack.this) {
                    if (leaseKeyCreated != 0) {
                        return java.util.Optional.empty();
                    }
                    leaseKeyLease = ++nextLease;
                    liveLeases.add(leaseKeyLease);
                    leaseKeyCreated = ++revision;
                    return java.util.Optional.of(new Tenure(leaseKeyCreated, leaseKeyLease));
                }
            }

            @Override
            public boolean renew(Tenure tenure) {
                answer();
                return holds(tenure);
            }

            @Override
            public boolean publish(Tenure tenure, String value) {
                answer();
                return holds(tenure);
            }

            @Override
            public void resign(Tenure tenure) {
                answer();
                if (holds(tenure)) {
                    supervisorLeaseExpires();
                }
            }

            @Override
            public LeaderKey.Subscription watchReleased(
                    long afterRevision, Runnable onReleased, Consumer<Throwable> onError) {
                releaseWatchers.add(onReleased);
                return () -> releaseWatchers.remove(onReleased);
            }
        };
    }

    private LeaderKeyPort leaderKey() {
        return new LeaderKeyPort() {
            @Override
            public String path() {
                return "/service/pg-ha/leader";
            }

            @Override
            public LeaderKey.Holder read() {
                answer();
                return key();
            }

            @Override
            public LeaderKey.Subscription watch(
                    long afterRevision, Consumer<LeaderKey.Holder> onChange, Consumer<Throwable> onError) {
                watchers.add(onChange);
                return () -> watchers.remove(onChange);
            }

            @Override
            public LeaderKey.Renewal readRenewal() {
                answer();
                synchronized (InMemoryStack.this) {
                    return new LeaderKey.Renewal(
                            key(), holder.isPresent() ? Optional.of(unrenewedFor) : Optional.empty());
                }
            }

            @Override
            public boolean deleteIfHeldBy(String member, long expectedModRevision, long tenure) {
                synchronized (InMemoryStack.this) {
                    if (!holder.equals(Optional.of(member))
                            || modRevision != expectedModRevision
                            || leaseKeyCreated != tenure) {
                        return false;
                    }
                    deletions.add(member + "@" + expectedModRevision);
                    keyReleased();
                    return true;
                }
            }
        };
    }

    private ContainerPort containers() {
        return new ContainerPort() {
            @Override
            public Closeable listenForDeaths(BiConsumer<String, Instant> onMemberDeath, Consumer<Throwable> onError) {
                deathListeners.add(onMemberDeath);
                return () -> deathListeners.remove(onMemberDeath);
            }

            @Override
            public HolderWrites askWrites(String member) {
                synchronized (InMemoryStack.this) {
                    return engineAnswers.getOrDefault(member, HolderWrites.unknown("not asked in this test"));
                }
            }

            @Override
            public boolean confirmedNotRunning(String member) {
                inspections.add(member);
                synchronized (InMemoryStack.this) {
                    return !running.contains(member);
                }
            }
        };
    }

    private MemberReadiness readiness() {
        return new MemberReadiness() {
            @Override
            public Optional<Boolean> postgresAcceptsWrites(String member) {
                synchronized (InMemoryStack.this) {
                    return Optional.of(writable.contains(member));
                }
            }

            @Override
            public boolean patroniSaysPrimary(String member) {
                return false;
            }
        };
    }

    private RouterPort router() {
        return new RouterPort() {
            @Override
            public void forceHealth(String listener, String member, boolean up) {
                routerLog.add(listener + "/" + member + (up ? " up" : " down"));
            }

            @Override
            public void shutdownSessions(String listener, String member) {
                routerLog.add("shut " + listener + "/" + member);
            }
        };
    }

    List<String> routerLog() {
        return new ArrayList<>(routerLog);
    }
}
