package io.pgha.runtime.stack;

import io.pgha.runtime.dcs.EtcdMemberTls;
import io.pgha.runtime.stack.StackImages.ImageKind;
import io.pgha.runtime.stack.StackService.ConfigFile;
import io.pgha.runtime.stack.StackService.Healthcheck;
import io.pgha.runtime.stack.StackService.PortMapping;
import io.pgha.runtime.stack.StackService.Role;
import io.pgha.runtime.stack.StackService.Secret;
import io.pgha.runtime.stack.StackService.SecretFile;
import io.pgha.runtime.stack.StackService.VolumeUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The services, names, volumes and network a spec makes, in start order. Service names (pg-0, etcd-1,
 * pg-router, pg-0-exporter) are also host names on the stack's own network, the same in every stack;
 * container names carry the stack name as a prefix, except in the default stack pg-ha, whose names are
 * the compose ones (docs/decisions/0003).
 *
 * @param etcdUsers whether etcd has users and roles (docs/decisions/0019): Patroni and the supervisor then log in to it.
 *                  {@code pgha up} makes them after etcd has quorum and before Patroni starts; a compose project has no
 *                  step that could, so its etcd has TLS but no users ({@link #compose})
 */
public record StackLayout(StackSpec spec, boolean etcdUsers) {

    public static final String ROUTER = "pg-router";
    /** The second router of a stack with two (docs/decisions/0030): the same configuration, its own ports. */
    public static final String ROUTER_2 = "pg-router-2";
    /** Where the supervisor finds the second router's runtime API socket (the first one's at ROUTER_SOCKET_DIR). */
    public static final String ROUTER_2_SOCKET_DIR = StackSecurity.ROUTER_SOCKET_DIR + "-2";

    public static final String HAPROXY_CONFIG_PATH = "/usr/local/etc/haproxy/haproxy.cfg";
    public static final String HAPROXY_CONFIG_FILE = "haproxy/haproxy.cfg";
    public static final String PROMETHEUS = "pg-prometheus";
    public static final String PROMETHEUS_DATA_MOUNT = "/prometheus";
    static final String PROMETHEUS_VOLUME = "prometheus-data";
    public static final String PGDATA_MOUNT = "/home/postgres/pgdata";
    public static final String ETCD_DATA_MOUNT = "/etcd-data";
    public static final String SUPERVISOR = "pg-supervisor";
    /** The supervisor's /metrics on the stack network (not published), scraped by the stack's Prometheus. */
    public static final int SUPERVISOR_METRICS_PORT = 9188;
    /** Touched by the supervisor whenever etcd answered it (its Docker health check reads it). */
    public static final String SUPERVISOR_ALIVE_FILE = HealthChecks.SUPERVISOR_ALIVE_FILE;

    public static final String DOCKER_SOCKET = "/var/run/docker.sock";
    public static final int ROUTER_API_PORT = 9999;
    /** HAProxy's Prometheus /metrics on the stack network only (never published) when its stats page needs a login. */
    public static final int ROUTER_METRICS_PORT = 8405;

    static final String ROUTER_API_VOLUME = "router-api";
    static final String ROUTER_2_API_VOLUME = "router-2-api";
    /** HAProxy's stats login (a userlist with a crypt(3) hash), read beside haproxy.cfg when the stack has logins. */
    public static final String HAPROXY_USERS_PATH = "/usr/local/etc/haproxy/users.cfg";

    public static final String HAPROXY_USERS_FILE = "haproxy/users.cfg";
    private static final int ROOT = 0;
    /** The exporter images' user (nobody, on both profiles). */
    private static final int NOBODY = 65534;

    /** The stack {@code pgha up} makes: etcd has users when the spec asks for authentication. */
    public StackLayout(StackSpec spec) {
        this(spec, spec.security().authentication());
    }

    public static StackLayout of(StackSpec spec) {
        return new StackLayout(spec);
    }

    /** The stack a compose file holds: etcd without users, since nothing in compose can make them. */
    public static StackLayout compose(StackSpec spec) {
        return new StackLayout(spec, false);
    }

    /** The etcd member's TLS files inside its container. */
    static final EtcdMemberTls.Files ETCD_TLS = EtcdMemberTls.Files.in(StackSecurity.TLS_DIR);

    /** The supervisor's etcd login (USER:PASSWORD) inside its container. */
    public static final String SUPERVISOR_ETCD_LOGIN = StackSecurity.SECRETS_DIR + "/etcd-supervisor";

    public List<String> pgNodes() {
        return IntStream.range(0, spec.nodes()).mapToObj(n -> "pg-" + n).toList();
    }

    public List<String> etcdMembers() {
        return IntStream.rangeClosed(1, spec.etcdMembers())
                .mapToObj(m -> "etcd-" + m)
                .toList();
    }

    public String containerName(String service) {
        return containerName(spec.name(), service);
    }

    /** A service's container in the stack of that name: the service name in pg-ha, prefixed with the stack's elsewhere. */
    public static String containerName(String stack, String service) {
        return StackSpec.DEFAULT_NAME.equals(stack) ? service : stack + "-" + service;
    }

    public String network() {
        return spec.name();
    }

    /** The Docker name of a volume, as compose names it: project_volume. */
    public String volumeName(String volume) {
        return spec.name() + "_" + volume;
    }

    public List<String> volumes() {
        List<String> v = new ArrayList<>();
        etcdMembers().forEach(m -> v.add(m + "-data"));
        pgNodes().forEach(n -> v.add(n + "-data"));
        if (spec.monitoring().prometheus()) {
            v.add(PROMETHEUS_VOLUME);
        }
        if (spec.security().authentication()) {
            v.add(ROUTER_API_VOLUME);
            if (spec.routers() > 1) {
                v.add(ROUTER_2_API_VOLUME);
            }
        }
        if (archives()) {
            v.add(Backups.VOLUME);
        }
        return v;
    }

    /**
     * Whether the stack archives WAL and takes backups with pgBackRest: when its spec asks for them and it runs the local
     * images, which have pgBackRest (the official Spilo image's WAL-G is not wired yet, docs/decisions/0021).
     */
    public boolean archives() {
        return spec.backups().enabled() && spec.images() == ImageProfile.LOCAL;
    }

    public List<StackService> services() {
        List<StackService> s = new ArrayList<>();
        for (int m = 1; m <= spec.etcdMembers(); m++) {
            s.add(etcd(m));
        }
        for (int n = 0; n < spec.nodes(); n++) {
            s.add(postgres(n));
        }
        for (int n = 0; n < spec.nodes(); n++) {
            s.add(exporter(n));
        }
        s.add(router(ROUTER));
        if (spec.routers() > 1) {
            s.add(router(ROUTER_2));
        }
        if (spec.fastPaths().supervisor()) {
            s.add(supervisor());
        }
        if (spec.monitoring().prometheus()) {
            s.add(prometheus());
        }
        return s;
    }

    private StackService etcd(int member) {
        String name = "etcd-" + member;
        return new StackService(
                name,
                Role.ETCD,
                ImageKind.ETCD,
                etcdEnvironment(name),
                false,
                List.of(new VolumeUse(name + "-data", ETCD_DATA_MOUNT)),
                List.of(new PortMapping(spec.ports().etcdOf(member), 2379)),
                Optional.of(etcdHealthcheck()),
                List.of(),
                Optional.empty(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                etcdSecrets(name));
    }

    /**
     * etcd's settings for one member, the one place its listeners, peers and client/peer TLS are decided: https on both
     * ports with the member's certificate of the cluster CA when the spec has TLS (docs/decisions/0019; its users and
     * roles are made at {@code pgha up}, not configured here).
     */
    Map<String, String> etcdEnvironment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ETCD_NAME", name);
        env.put("ETCD_DATA_DIR", ETCD_DATA_MOUNT);
        env.put("ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:2379");
        env.put("ETCD_ADVERTISE_CLIENT_URLS", "http://" + name + ":2379");
        env.put("ETCD_LISTEN_PEER_URLS", "http://0.0.0.0:2380");
        env.put("ETCD_INITIAL_ADVERTISE_PEER_URLS", "http://" + name + ":2380");
        env.put(
                "ETCD_INITIAL_CLUSTER",
                etcdMembers().stream().map(m -> m + "=http://" + m + ":2380").collect(Collectors.joining(",")));
        env.put("ETCD_INITIAL_CLUSTER_STATE", "new");
        env.put("ETCD_INITIAL_CLUSTER_TOKEN", spec.name());
        env.put("ETCD_AUTO_COMPACTION_MODE", "periodic");
        env.put("ETCD_AUTO_COMPACTION_RETENTION", "1h");
        if (spec.security().tls()) {
            // client certificates are not asked for: etcd's users authenticate clients, TLS keeps their passwords
            // private
            env.putAll(EtcdMemberTls.environment(name, etcdMembers(), ETCD_TLS, false));
        }
        return env;
    }

    /**
     * etcd's health check, asked inside its container: over TLS, trusting the cluster CA, a check that needs no user
     * ({@code endpoint status}; {@code endpoint health} wants one once authentication is on).
     */
    Healthcheck etcdHealthcheck() {
        List<String> test = spec.security().tls()
                ? EtcdMemberTls.healthcheck(ETCD_TLS)
                : List.of("CMD", "etcdctl", "--endpoints=http://127.0.0.1:2379", "endpoint", "health");
        return new Healthcheck(test, HealthChecks.INTERVAL, 3, 3, 0);
    }

    /** The files etcd reads: the CA's certificate and the member's own certificate and key when it speaks TLS. */
    List<SecretFile> etcdSecrets(String member) {
        if (!spec.security().tls()) {
            return List.of();
        }
        return List.of(
                new SecretFile(ETCD_TLS.caFile(), Secret.CA_CERTIFICATE, 0644, ROOT),
                new SecretFile(ETCD_TLS.certFile(), Secret.NODE_CERTIFICATE, 0644, ROOT),
                new SecretFile(ETCD_TLS.keyFile(), Secret.NODE_KEY, 0600, ROOT));
    }

    private StackService postgres(int node) {
        String name = "pg-" + node;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SCOPE", spec.scope());
        env.put(
                "ETCD3_HOSTS",
                etcdMembers().stream().map(m -> "'" + m + ":2379'").collect(Collectors.joining(",")));
        env.put("SPILO_PROVIDER", "local");
        env.put("PGVERSION", "17");
        StackSecurity security = spec.security();
        if (!security.tls()) {
            env.put("ALLOW_NOSSL", "true");
        }
        env.put("PATRONI_POSTGRESQL_LISTEN", "0.0.0.0:5432");
        env.put("SPILO_CONFIGURATION", SpiloConfiguration.render(spec, etcdUsers));
        if (spec.fastPaths().fastHandover()) {
            env.put("PGHA_FAST_HANDOVER", "1");
        }
        if (security.authentication()) {
            env.put("PATRONI_RESTAPI_USERNAME", StackSecurity.API_USER);
        }
        List<SecretFile> secrets = new ArrayList<>();
        if (security.tls()) {
            secrets.add(new SecretFile(StackSecurity.TLS_DIR + "/ca.crt", Secret.CA_CERTIFICATE, 0644, ROOT));
            secrets.add(new SecretFile(StackSecurity.TLS_DIR + "/server.crt", Secret.NODE_CERTIFICATE, 0644, ROOT));
            secrets.add(new SecretFile(StackSecurity.TLS_DIR + "/server.key", Secret.NODE_KEY, 0600, ROOT));
        }
        secrets.add(secret("PGPASSWORD_SUPERUSER", Secret.SUPERUSER_PASSWORD, ROOT));
        secrets.add(secret("PGPASSWORD_STANDBY", Secret.REPLICATION_PASSWORD, ROOT));
        secrets.add(secret("PGPASSWORD_ADMIN", Secret.ADMIN_PASSWORD, ROOT));
        if (security.authentication()) {
            secrets.add(secret("PATRONI_RESTAPI_PASSWORD", Secret.REST_API_PASSWORD, ROOT));
        }
        if (etcdUsers) {
            // Patroni's etcd3 password; the entrypoint writes it into Patroni's owner-only configuration
            secrets.add(secret(SpiloConfiguration.ETCD_PASSWORD_VARIABLE, Secret.ETCD_PATRONI_PASSWORD, ROOT));
        }
        List<VolumeUse> volumes = new ArrayList<>(List.of(new VolumeUse(name + "-data", PGDATA_MOUNT)));
        List<ConfigFile> configFiles = new ArrayList<>();
        if (archives()) {
            volumes.add(new VolumeUse(Backups.VOLUME, Backups.REPOSITORY_MOUNT));
            configFiles.add(new ConfigFile(Backups.CONFIG_FILE, Backups.CONFIG_PATH, PgBackRestConfig.render(spec)));
        }
        return new StackService(
                name,
                Role.POSTGRES,
                ImageKind.SPILO,
                env,
                true,
                volumes,
                List.of(new PortMapping(spec.ports().patroniOf(node), 8008)),
                Optional.of(HealthChecks.postgres(spec.users().superuser(), security.tls())),
                spec.fastPaths().shortDnsTimeouts() ? List.of("timeout:1", "attempts:1") : List.of(),
                Optional.of(30),
                etcdMembers(),
                Map.of(),
                configFiles,
                List.of(),
                List.of(),
                secrets);
    }

    /** A password file named after the variable it stands for, in the secrets directory, readable by {@code uid} only. */
    private static SecretFile secret(String variable, Secret secret, int uid) {
        return new SecretFile(StackSecurity.SECRETS_DIR + "/" + variable, secret, 0400, uid);
    }

    /** The role exporters, probes and the supervisor log in as: pg_monitor when the stack has logins, else the superuser. */
    public String monitorRole() {
        return spec.security().authentication()
                ? StackSecurity.MONITOR_ROLE
                : spec.users().superuser();
    }

    private StackService exporter(int node) {
        String pg = "pg-" + node;
        StackSecurity security = spec.security();
        String uri = pg + ":5432/postgres?sslmode="
                + (security.tls() ? "verify-full&sslrootcert=" + security.caFile() : "require");
        List<SecretFile> secrets = new ArrayList<>();
        if (security.tls()) {
            secrets.add(new SecretFile(security.caFile(), Secret.CA_CERTIFICATE, 0644, ROOT));
        }
        secrets.add(secret(
                "DATA_SOURCE_PASS",
                security.authentication() ? Secret.MONITOR_PASSWORD : Secret.SUPERUSER_PASSWORD,
                NOBODY));
        return new StackService(
                pg + "-exporter",
                Role.EXPORTER,
                ImageKind.EXPORTER,
                Map.of("DATA_SOURCE_URI", uri),
                true,
                List.of(),
                List.of(new PortMapping(spec.ports().exporterOf(node), 9187)),
                Optional.of(HealthChecks.EXPORTER),
                List.of(),
                Optional.empty(),
                List.of(pg),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                secrets);
    }

    /** The routers' service names: pg-router, and pg-router-2 on a stack with two. */
    public List<String> routers() {
        return spec.routers() > 1 ? List.of(ROUTER, ROUTER_2) : List.of(ROUTER);
    }

    /**
     * Where the supervisor reaches each router's runtime API, comma-separated: the unix sockets on the volumes it shares
     * with them when the stack has logins, else their TCP port on the stack network.
     */
    String routerApis() {
        if (spec.security().authentication()) {
            return routers().stream()
                    .map(r -> "unix:" + supervisorSocketDir(r) + "/admin.sock")
                    .collect(Collectors.joining(","));
        }
        return routers().stream().map(r -> r + ":" + ROUTER_API_PORT).collect(Collectors.joining(","));
    }

    private static String supervisorSocketDir(String router) {
        return ROUTER.equals(router) ? StackSecurity.ROUTER_SOCKET_DIR : ROUTER_2_SOCKET_DIR;
    }

    private static String apiVolume(String router) {
        return ROUTER.equals(router) ? ROUTER_API_VOLUME : ROUTER_2_API_VOLUME;
    }

    private StackService router(String name) {
        boolean first = ROUTER.equals(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (first) {
            String traefik = "traefik.http.routers." + containerName("pg-haproxy");
            labels.put("traefik.enable", "true");
            labels.put(traefik + ".rule", "Host(`" + containerName("pg-haproxy") + ".${DEFAULT_URL:-localhost}`)");
            labels.put("traefik.http.services." + containerName("pg-haproxy") + ".loadbalancer.server.port", "8404");
        }
        StackPorts p = spec.ports();
        StackSecurity security = spec.security();
        List<SecretFile> secrets = new ArrayList<>();
        if (security.tls()) {
            secrets.add(new SecretFile(security.caFile(), Secret.CA_CERTIFICATE, 0644, ROOT));
        }
        List<String> command = List.of();
        List<VolumeUse> volumes = List.of();
        if (security.authentication()) {
            // HAProxy runs as its image's user, whose id differs between the images: the file holds only a crypt(3)
            // hash, readable in this container alone
            secrets.add(new SecretFile(HAPROXY_USERS_PATH, Secret.ROUTER_USERS, 0444, ROOT));
            command = List.of("haproxy", "-W", "-db", "-f", HAPROXY_CONFIG_PATH, "-f", HAPROXY_USERS_PATH);
            volumes = List.of(new VolumeUse(apiVolume(name), StackSecurity.ROUTER_SOCKET_DIR));
        }
        // the second router's stats page stays on the stack network (the console reads the first one's)
        List<PortMapping> ports = first
                ? List.of(
                        new PortMapping(p.write(), 5000),
                        new PortMapping(p.read(), 5001),
                        new PortMapping(p.stats(), 8404))
                : List.of(new PortMapping(p.secondWrite(), 5000), new PortMapping(p.secondRead(), 5001));
        return new StackService(
                name,
                Role.ROUTER,
                ImageKind.HAPROXY,
                Map.of(),
                false,
                volumes,
                ports,
                Optional.of(HealthChecks.ROUTER),
                List.of(),
                Optional.empty(),
                pgNodes(),
                labels,
                List.of(new ConfigFile(HAPROXY_CONFIG_FILE, HAPROXY_CONFIG_PATH, HaproxyRenderer.render(spec))),
                List.of(),
                command,
                secrets);
    }

    /**
     * `pgha supervise` beside the router: the Docker socket, etcd, the members, HAProxy's runtime API (a unix socket on a
     * volume only the two share, when the stack has logins), and a login to ask a new leader's PostgreSQL whether it
     * accepts writes yet (pg_monitor, or the superuser on the seed's stack).
     */
    private StackService supervisor() {
        StackSecurity security = spec.security();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHA_SCOPE", spec.scope());
        env.put("PGHA_ETCD_HOSTS", etcdMembers().stream().map(m -> m + ":2379").collect(Collectors.joining(",")));
        env.put("PGHA_MEMBERS", String.join(",", pgNodes()));
        env.put(
                "PGHA_CONTAINER_PREFIX",
                containerName("pg-0").substring(0, containerName("pg-0").length() - "pg-0".length()));
        env.put("PGHA_ROUTER_API", routerApis());
        env.put("PGHA_ALIVE_FILE", HealthChecks.SUPERVISOR_ALIVE_FILE);
        env.put("PGHA_METRICS_PORT", String.valueOf(SUPERVISOR_METRICS_PORT));
        if (archives()) {
            // the supervisor runs the scheduled base backups (docs/decisions/0027), from a replica when every node runs
            // pgBackRest's TLS server (PgBackRestConfig#standbyBackups)
            BackupSchedule schedule = spec.backups().schedule();
            env.put("PGHA_BACKUP_FULL_EVERY", BackupSchedule.text(schedule.fullEvery()));
            env.put("PGHA_BACKUP_DIFF_EVERY", BackupSchedule.text(schedule.diffEvery()));
            env.put("PGHA_BACKUP_FROM_STANDBY", String.valueOf(PgBackRestConfig.standbyBackups(spec)));
        }
        List<SecretFile> secrets = new ArrayList<>();
        if (security.tls()) {
            env.put("PGHA_CA_FILE", security.caFile());
            env.put("PGHA_ETCD_CA", security.caFile());
            secrets.add(new SecretFile(security.caFile(), Secret.CA_CERTIFICATE, 0644, ROOT));
        }
        if (etcdUsers) {
            env.put("PGHA_ETCD_CREDENTIALS_FILE", SUPERVISOR_ETCD_LOGIN);
            secrets.add(new SecretFile(SUPERVISOR_ETCD_LOGIN, Secret.ETCD_SUPERVISOR_LOGIN, 0400, ROOT));
        }
        if (security.authentication()) {
            // its user (PGHA_POSTGRES_USER) is the provisioner's to give: a compose project has no such role
            secrets.add(secret("PGHA_POSTGRES_PASSWORD", Secret.MONITOR_PASSWORD, ROOT));
        } else {
            secrets.add(secret("PGPASSWORD_SUPERUSER", Secret.SUPERUSER_PASSWORD, ROOT));
        }
        return new StackService(
                SUPERVISOR,
                Role.SUPERVISOR,
                ImageKind.SUPERVISOR,
                env,
                true,
                security.authentication()
                        ? routers().stream()
                                .map(r -> new VolumeUse(apiVolume(r), supervisorSocketDir(r)))
                                .toList()
                        : List.of(),
                List.of(),
                Optional.of(HealthChecks.SUPERVISOR),
                List.of(),
                Optional.empty(),
                routers(),
                Map.of(),
                List.of(),
                List.of(DOCKER_SOCKET + ":" + DOCKER_SOCKET),
                List.of(),
                secrets);
    }

    /**
     * Prometheus with the history the console's charts read: its data on a volume of its own (owner-only, the image's
     * user), kept for the spec's retention, its API published on the bind address like every other port.
     */
    private StackService prometheus() {
        List<String> command = List.of(
                "--config.file=" + PrometheusRenderer.CONFIG_PATH,
                "--storage.tsdb.path=" + PROMETHEUS_DATA_MOUNT,
                "--storage.tsdb.retention.time=" + spec.monitoring().retention(),
                "--web.listen-address=:9090");
        return new StackService(
                PROMETHEUS,
                Role.PROMETHEUS,
                ImageKind.PROMETHEUS,
                Map.of(),
                false,
                List.of(new VolumeUse(PROMETHEUS_VOLUME, PROMETHEUS_DATA_MOUNT)),
                List.of(new PortMapping(spec.ports().prometheus(), 9090)),
                Optional.of(HealthChecks.PROMETHEUS),
                List.of(),
                Optional.empty(),
                List.of(ROUTER),
                Map.of(),
                List.of(new ConfigFile(
                        PrometheusRenderer.CONFIG_FILE,
                        PrometheusRenderer.CONFIG_PATH,
                        PrometheusRenderer.render(spec))),
                List.of(),
                command,
                List.of());
    }
}
