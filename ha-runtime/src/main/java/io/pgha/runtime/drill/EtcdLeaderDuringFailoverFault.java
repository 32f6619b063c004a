package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two faults close together (issue 22): the primary's container and the etcd leader's killed at the same moment, so
 * that Patroni's failover needs an etcd that is itself electing a new leader. The remaining etcd members must elect one
 * and a replica must be promoted; both containers are started again at the heal, which counts only once etcd is
 * healthy with every member again (besides every PostgreSQL member streaming).
 */
final class EtcdLeaderDuringFailoverFault implements HandoverFault {

    private static final Duration STATUS_DEADLINE = Duration.ofSeconds(2);

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        String etcdLeader = etcdLeaderContainer(tools.target(), status(tools.target()));
        String primary = tools.target().containerOf(leader);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread etcdKill = Thread.ofVirtual().name("pgha-drill-etcd-kill").start(() -> {
            try {
                tools.docker().kill(etcdLeader);
            } catch (RuntimeException e) {
                failed.compareAndSet(null, e);
            }
        });
        try {
            tools.docker().kill(primary);
        } catch (RuntimeException e) {
            failed.compareAndSet(null, e);
        }
        join(etcdKill);
        InjectedFault injected = InjectedFault.healedBy(() -> {
                    tools.docker().start(etcdLeader);
                    tools.docker().start(primary);
                })
                .withNote("killed the etcd leader " + etcdLeader + " together with the primary " + leader);
        if (failed.get() != null) {
            try {
                injected.heal();
            } catch (RuntimeException alsoFailed) {
                failed.get().addSuppressed(alsoFailed);
            }
            throw failed.get();
        }
        return injected;
    }

    /** etcd answers for every member again, each healthy, with one leader. */
    @Override
    public boolean healed(FaultTools tools) {
        try {
            return allHealthy(
                    status(tools.target()), tools.target().etcdMembers().size());
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    static boolean allHealthy(EtcdClusterStatus status, int expected) {
        List<EtcdMember> members = status.members();
        return members.size() == expected
                && members.stream().allMatch(m -> m.health() == Health.UP)
                && members.stream().filter(EtcdMember::leader).count() == 1;
    }

    /**
     * The container of the member etcd names its raft leader: the container of that name, or the one that ends with
     * "-" and it (a stack not called pg-ha prefixes its containers with its name).
     */
    static String etcdLeaderContainer(DrillTarget target, EtcdClusterStatus status) {
        EtcdMember leader = status.members().stream()
                .filter(EtcdMember::leader)
                .findFirst()
                .orElseThrow(() -> PghaException.unavailable(
                        "etcd names no leader now; the etcd-leader-during-failover drill needs one to kill"));
        return containerOf(target.etcdMembers(), leader.name())
                .orElseThrow(() -> PghaException.unavailable("etcd's leader is " + leader.name()
                        + ", but no container of the stack runs it (etcd containers: "
                        + String.join(", ", target.etcdMembers()) + ")"));
    }

    static Optional<String> containerOf(List<String> etcdContainers, String memberName) {
        if (memberName == null || memberName.isEmpty()) {
            return Optional.empty();
        }
        return etcdContainers.stream()
                .filter(c -> c.equals(memberName))
                .findFirst()
                .or(() -> etcdContainers.stream()
                        .filter(c -> c.endsWith("-" + memberName))
                        .findFirst());
    }

    private static EtcdClusterStatus status(DrillTarget target) {
        if (target.etcdEndpoints().isEmpty()) {
            throw PghaException.invalidInput("no etcd endpoint is known for " + target.scope()
                    + ": the etcd-leader-during-failover drill asks etcd for its leader");
        }
        try (Dcs dcs = Dcs.connect(target.etcdEndpoints(), target.etcdAuth(), target.caFile())) {
            return dcs.status(STATUS_DEADLINE);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
