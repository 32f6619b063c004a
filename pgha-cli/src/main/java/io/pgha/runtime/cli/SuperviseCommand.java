package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.dcs.EtcdClientFactory;
import io.pgha.runtime.dcs.EtcdCredentialsFile;
import io.pgha.runtime.prometheus.SupervisorMetricsEndpoint;
import io.pgha.runtime.stack.BackupSchedule;
import io.pgha.runtime.supervisor.ScheduledBackups;
import io.pgha.runtime.supervisor.Supervisor;
import io.pgha.runtime.supervisor.SupervisorFactory;
import io.pgha.runtime.supervisor.SupervisorMetrics;
import io.pgha.runtime.supervisor.SupervisorSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `pgha supervise`: the long-running fast-failover companion, run as a service inside the stack. */
@Command(
        name = "supervise",
        mixinStandardHelpOptions = true,
        description = {
            "Run the supervisor beside HAProxy: fence a primary whose container is gone and move the router's",
            "traffic at once on a leader change. Runs inside the stack network; every option has an environment default."
        })
public final class SuperviseCommand implements Callable<Integer> {

    @Option(
            names = "--scope",
            defaultValue = "${env:PGHA_SCOPE:-pg-ha}",
            description = "Patroni scope (default: ${DEFAULT-VALUE})")
    String scope;

    @Option(
            names = "--namespace",
            defaultValue = "${env:PGHA_NAMESPACE:-/service/}",
            description = "Patroni namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(
            names = "--etcd",
            defaultValue = "${env:PGHA_ETCD_HOSTS:-etcd-1:2379,etcd-2:2379,etcd-3:2379}",
            description = "etcd endpoints, host:port[,…] (default: ${DEFAULT-VALUE})")
    String etcd;

    @Option(
            names = "--etcd-ca",
            paramLabel = "FILE",
            defaultValue = "${env:PGHA_ETCD_CA:-}",
            description = {
                "CA certificate (PEM) that signed etcd's certificates: etcd is then reached over TLS (https) and",
                "its certificate verified against it, names included"
            })
    String etcdCa;

    @Option(
            names = "--etcd-cert",
            paramLabel = "FILE",
            defaultValue = "${env:PGHA_ETCD_CERT:-}",
            description = "client certificate (PEM) for etcd, when etcd asks for one")
    String etcdCert;

    @Option(
            names = "--etcd-key",
            paramLabel = "FILE",
            defaultValue = "${env:PGHA_ETCD_KEY:-}",
            description = "the client certificate's key (PKCS#8 PEM)")
    String etcdKey;

    @Option(
            names = "--etcd-credentials-file",
            paramLabel = "FILE",
            defaultValue = "${env:PGHA_ETCD_CREDENTIALS_FILE:-}",
            description = {
                "file holding the supervisor's etcd login as one line USER:PASSWORD, e.g.",
                "/run/pgha/secrets/etcd-supervisor; the password is never taken from the command line or environment"
            })
    String etcdCredentialsFile;

    @Option(
            names = "--members",
            defaultValue = "${env:PGHA_MEMBERS:-pg-0,pg-1,pg-2}",
            description = "Patroni members = container names = HAProxy server names (default: ${DEFAULT-VALUE})")
    String members;

    @Option(
            names = "--container-prefix",
            defaultValue = "${env:PGHA_CONTAINER_PREFIX:-}",
            description = "What precedes a member's name in its container name (empty in the default stack)")
    String containerPrefix;

    @Option(
            names = "--router-api",
            defaultValue = "${env:PGHA_ROUTER_API:-pg-router:9999}",
            description =
                    "HAProxy runtime API host:port, or unix:/path of its socket; several routers comma-separated (default: ${DEFAULT-VALUE})")
    String routerApi;

    @Option(names = "--patroni-port", defaultValue = "${env:PGHA_PATRONI_PORT:-8008}")
    int patroniPort;

    @Option(names = "--postgres-port", defaultValue = "${env:PGHA_POSTGRES_PORT:-5432}")
    int postgresPort;

    @Option(
            names = "--postgres-user",
            defaultValue = "${env:PGHA_POSTGRES_USER:-}",
            description = {
                "The role that asks a new leader's PostgreSQL whether it accepts writes yet (pg_monitor is enough;",
                "default PGHA_POSTGRES_USER, else PGUSER_SUPERUSER). Its password is read from the file",
                "PGHA_POSTGRES_PASSWORD (or PGPASSWORD_SUPERUSER) in the secrets directory, else from that variable,",
                "never from the command line. Without both, the member's Patroni is asked."
            })
    String postgresUser;

    @Option(
            names = "--secrets-dir",
            defaultValue = "${env:PGHA_SECRETS_DIR:-/run/pgha/secrets}",
            description = "Where files named after variables hold the secrets (default: ${DEFAULT-VALUE})")
    java.nio.file.Path secretsDir;

    @Option(
            names = "--ca-file",
            defaultValue = "${env:PGHA_CA_FILE:-}",
            description = {
                "The cluster CA's certificate: Patroni's REST API is asked over HTTPS and PostgreSQL over TLS,",
                "both verified against it"
            })
    String caFile;

    @Option(
            names = "--alive-file",
            defaultValue = "${env:PGHA_ALIVE_FILE:-}",
            description =
                    "A file touched whenever etcd answered the supervisor (every second), for Docker's health check")
    String aliveFile;

    @Option(
            names = "--metrics-port",
            defaultValue = "${env:PGHA_METRICS_PORT:-0}",
            description = "Serve the supervisor's Prometheus metrics on this port at /metrics (0: not at all)")
    int metricsPort;

    @Option(
            names = "--backup-full-every",
            defaultValue = "${env:PGHA_BACKUP_FULL_EVERY:-}",
            description = {
                "Run the stack's scheduled base backups with pgBackRest (docs/decisions/0027): a full one this often",
                "(7d, 24h, 30m); without it the supervisor takes no backup"
            })
    String backupFullEvery;

    @Option(
            names = "--backup-diff-every",
            defaultValue = "${env:PGHA_BACKUP_DIFF_EVERY:-}",
            description = "A differential backup this often between full ones (default: the full one's period)")
    String backupDiffEvery;

    @Option(
            names = "--backup-from-standby",
            defaultValue = "${env:PGHA_BACKUP_FROM_STANDBY:-false}",
            description = "Whether the stack's pgBackRest may back up from a standby (--backup-standby)")
    boolean backupFromStandby;

    @Option(
            names = "--backup-tick",
            defaultValue = "${env:PGHA_BACKUP_TICK:-15s}",
            description = "How often the backup schedule is checked, as 15s or 2m (default: ${DEFAULT-VALUE})")
    String backupTick;

    @Option(names = "--no-fence", description = "Never release the leader key of a dead primary")
    boolean noFence;

    @Option(names = "--no-route", description = "Never move HAProxy traffic; leave it to the health checks")
    boolean noRoute;

    @Override
    public Integer call() throws InterruptedException {
        SupervisorSettings settings = new SupervisorSettings(
                scope,
                namespace,
                EtcdClientFactory.endpoints(etcd),
                Arrays.stream(members.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList(),
                containerPrefix == null ? "" : containerPrefix,
                routerApi,
                patroniPort,
                !noFence,
                !noRoute,
                Duration.ofSeconds(15),
                postgresLogin(),
                postgresPort,
                aliveFile == null || aliveFile.isBlank()
                        ? Optional.empty()
                        : Optional.of(java.nio.file.Path.of(aliveFile.strip())),
                caFile == null || caFile.isBlank() ? Optional.empty() : Optional.of(caFile.strip()),
                etcdAuth());
        CountDownLatch stopped = new CountDownLatch(1);
        SupervisorMetrics metrics =
                metricsPort > 0 ? SupervisorMetricsEndpoint.serve(metricsPort) : SupervisorMetrics.NONE;
        Optional<BackupSchedule> schedule = backupSchedule();
        try (Supervisor supervisor = SupervisorFactory.live(settings, metrics);
                AutoCloseable backups = schedule.map(s -> startBackups(settings, s, supervisor::leading))
                        .orElse(() -> {})) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "pgha-supervisor-stop"));
            supervisor.start();
            stopped.await();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw PghaException.unavailable("the supervisor stopped: " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    /** The backup schedule the options give, when the supervisor is to run backups. */
    Optional<BackupSchedule> backupSchedule() {
        if (!given(backupFullEvery)) {
            return Optional.empty();
        }
        java.time.Duration full = BackupSchedule.parse("full_every", backupFullEvery);
        java.time.Duration diff = given(backupDiffEvery) ? BackupSchedule.parse("diff_every", backupDiffEvery) : full;
        return Optional.of(new BackupSchedule(full, diff));
    }

    /** The tick: "15s", "2m". */
    Duration backupTick() {
        String t = backupTick.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.matches("\\d+s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return BackupSchedule.parse("tick", t);
    }

    private AutoCloseable startBackups(
            SupervisorSettings settings, BackupSchedule schedule, java.util.function.BooleanSupplier leading) {
        String superuser = System.getenv("PGUSER_SUPERUSER");
        ScheduledBackups backups = SupervisorFactory.scheduledBackups(
                settings,
                schedule,
                backupFromStandby,
                superuser == null || superuser.isBlank() ? "postgres" : superuser,
                leading);
        backups.start(Duration.ofMinutes(1), backupTick());
        return backups;
    }

    /** The supervisor's etcd login and TLS files, as the options and their environment defaults give them. */
    Optional<EtcdAuth> etcdAuth() {
        if (given(etcdCert) != given(etcdKey)) {
            throw PghaException.invalidInput("--etcd-cert and --etcd-key go together");
        }
        return EtcdCredentialsFile.auth(
                path(etcdCredentialsFile).map(java.nio.file.Path::of), path(etcdCa), path(etcdCert), path(etcdKey));
    }

    private static boolean given(String option) {
        return option != null && !option.isBlank();
    }

    private static Optional<String> path(String option) {
        return given(option) ? Optional.of(option.strip()) : Optional.empty();
    }

    private Optional<StackCredentials.Login> postgresLogin() {
        boolean monitor = postgresUser != null && !postgresUser.isBlank();
        String user = monitor ? postgresUser.strip() : System.getenv("PGUSER_SUPERUSER");
        String password = secret(monitor ? "PGHA_POSTGRES_PASSWORD" : "PGPASSWORD_SUPERUSER");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StackCredentials.Login(user.strip(), password));
    }

    /** A secret from its file in the secrets directory (owner-only, never in the environment), else the variable. */
    private String secret(String name) {
        java.nio.file.Path file = secretsDir == null ? null : secretsDir.resolve(name);
        if (file != null && java.nio.file.Files.isRegularFile(file)) {
            try {
                return java.nio.file.Files.readString(file).strip();
            } catch (java.io.IOException e) {
                throw io.pgha.runtime.PghaException.invalidInput("cannot read " + file + ": " + e.getMessage());
            }
        }
        return System.getenv(name);
    }
}
