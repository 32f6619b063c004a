package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.EtcdSession;
import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.dcs.SupervisorLease;
import io.pgha.runtime.router.HaproxyRuntimeApi;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** The one place the supervisor's ports meet the stack: etcd, Docker, PostgreSQL and Patroni, HAProxy's runtime API. */
public final class SupervisorFactory {

    private static final Duration CALL = Duration.ofSeconds(2);
    /** The lease's calls: short, so that a slow etcd leaves time for another renewal before the TTL runs out. */
    private static final Duration LEASE_CALL = Duration.ofMillis(1500);

    private SupervisorFactory() {}

    /** A supervisor of the stack {@code settings} describe, not yet started. */
    public static Supervisor live(SupervisorSettings settings) {
        return live(settings, SupervisorMetrics.NONE);
    }

    /** The supervisor of a stack, reporting its work to {@code metrics} (closed with it). */
    public static Supervisor live(SupervisorSettings settings, SupervisorMetrics metrics) {
        return new Supervisor(settings, ports(settings), metrics);
    }

    /**
     * The stack's scheduled backups (docs/decisions/0027), not yet started: pgBackRest in the members' containers.
     *
     * @param standbyBackups whether the stack's pgBackRest may back up from a standby
     * @param superuser      the PostgreSQL superuser's name
     * @param leading        whether this supervisor holds the supervisors' lease: a standby takes no backup
     */
    public static ScheduledBackups scheduledBackups(
            SupervisorSettings settings,
            BackupSchedule schedule,
            boolean standbyBackups,
            String superuser,
            java.util.function.BooleanSupplier leading) {
        return new ScheduledBackups(
                schedule,
                new PgBackRestBackupPort(settings, superuser),
                standbyBackups,
                java.time.Clock.systemUTC(),
                leading);
    }

    static SupervisorPorts ports(SupervisorSettings settings) {
        RouterPort router = RouterPort.of(routerApis(settings.routerApi()).stream()
                .map(api -> router(HaproxyRuntimeApi.parse(api, CALL)))
                .toList());
        EtcdSession etcd = EtcdSession.open(settings.etcdEndpoints(), settings.etcdAuth(), CALL);
        LeaderKey leaderKey = etcd.leaderKey(settings.namespace(), settings.scope(), CALL);
        Optional<MemberConnections> postgres = settings.postgresLogin()
                .map(login ->
                        new MemberConnections(settings.members(), settings.postgresPort(), login, settings.caFile()));
        AutoCloseable resources = () -> {
            postgres.ifPresent(MemberConnections::close);
            etcd.close();
        };
        LeadershipPort leadership = leadership(etcd.supervisorLease(settings.stateKey(), LeaseKeeper.TTL, LEASE_CALL));
        return new SupervisorPorts(
                leaderKey(leaderKey, settings.stateKey()),
                new DockerContainerPort(settings),
                new LiveMemberReadiness(postgres, settings.patroniPort(), settings.caFile()),
                router,
                new EtcdHeartbeat(leadership),
                leadership,
                resources);
    }

    private static LeadershipPort leadership(SupervisorLease lease) {
        return new LeadershipPort() {
            @Override
            public String path() {
                return lease.path();
            }

            @Override
            public SupervisorLease.Seen read() {
                return lease.read();
            }

            @Override
            public Optional<SupervisorLease.Tenure> campaign(String value) {
                return lease.campaign(value);
            }

            @Override
            public boolean renew(SupervisorLease.Tenure tenure) {
                return lease.renew(tenure);
            }

            @Override
            public boolean publish(SupervisorLease.Tenure tenure, String value) {
                return lease.publish(tenure, value);
            }

            @Override
            public void resign(SupervisorLease.Tenure tenure) {
                lease.resign(tenure);
            }

            @Override
            public LeaderKey.Subscription watchReleased(
                    long afterRevision, Runnable onReleased, Consumer<Throwable> onError) {
                return lease.watchReleased(afterRevision, onReleased, onError);
            }
        };
    }

    /** The routers' runtime APIs, comma-separated (a stack with two routers names both, docs/decisions/0030). */
    static java.util.List<String> routerApis(String value) {
        java.util.List<String> apis = java.util.Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (apis.isEmpty()) {
            throw io.pgha.runtime.PghaException.invalidInput("no router runtime API given");
        }
        return apis;
    }

    private static LeaderKeyPort leaderKey(LeaderKey key, String leaseKey) {
        return new LeaderKeyPort() {
            @Override
            public String path() {
                return key.path();
            }

            @Override
            public LeaderKey.Holder read() {
                return key.read();
            }

            @Override
            public LeaderKey.Subscription watch(
                    long afterRevision, Consumer<LeaderKey.Holder> onChange, Consumer<Throwable> onError) {
                return key.watch(afterRevision, onChange, onError);
            }

            @Override
            public boolean deleteIfHeldBy(String member, long modRevision, long tenure) {
                return key.deleteIfHeldBy(member, modRevision, Optional.of(new LeaderKey.Fence(leaseKey, tenure)));
            }

            @Override
            public LeaderKey.Renewal readRenewal() {
                return key.readRenewal();
            }
        };
    }

    private static RouterPort router(HaproxyRuntimeApi api) {
        return new RouterPort() {
            @Override
            public void forceHealth(String listener, String member, boolean up) {
                api.forceHealth(listener, member, up);
            }

            @Override
            public void shutdownSessions(String listener, String member) {
                api.shutdownSessions(listener, member);
            }
        };
    }
}
