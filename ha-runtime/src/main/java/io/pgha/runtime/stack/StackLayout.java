package io.pgha.runtime.stack;

import io.pgha.runtime.stack.StackImages.ImageKind;
import io.pgha.runtime.stack.StackService.ConfigFile;
import io.pgha.runtime.stack.StackService.Healthcheck;
import io.pgha.runtime.stack.StackService.PortMapping;
import io.pgha.runtime.stack.StackService.Role;
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
 */
public record StackLayout(StackSpec spec) {

    public static final String ROUTER = "pg-router";
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

    public static final String DOCKER_SOCKET = "/var/run/docker.sock";
    public static final int ROUTER_API_PORT = 9999;

    public static StackLayout of(StackSpec spec) {
        return new StackLayout(spec);
    }

    public List<String> pgNodes() {
        return IntStream.range(0, spec.nodes()).mapToObj(n -> "pg-" + n).toList();
    }

    public List<String> etcdMembers() {
        return IntStream.rangeClosed(1, spec.etcdMembers())
                .mapToObj(m -> "etcd-" + m)
                .toList();
    }

    public String containerName(String service) {
        return spec.isDefaultName() ? service : spec.name() + "-" + service;
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
        return v;
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
        s.add(router());
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
        Healthcheck health = new Healthcheck(
                List.of("CMD", "etcdctl", "--endpoints=http://127.0.0.1:2379", "endpoint", "health"), 5, 3, 3, 0);
        return new StackService(
                name,
                Role.ETCD,
                ImageKind.ETCD,
                env,
                false,
                List.of(new VolumeUse(name + "-data", ETCD_DATA_MOUNT)),
                List.of(new PortMapping(spec.ports().etcdOf(member), 2379)),
                Optional.of(health),
                List.of(),
                Optional.empty(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of());
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
        env.put("ALLOW_NOSSL", "true");
        env.put("PATRONI_POSTGRESQL_LISTEN", "0.0.0.0:5432");
        env.put("SPILO_CONFIGURATION", SpiloConfiguration.render(spec));
        if (spec.fastPaths().fastHandover()) {
            env.put("PGHA_FAST_HANDOVER", "1");
        }
        return new StackService(
                name,
                Role.POSTGRES,
                ImageKind.SPILO,
                env,
                true,
                List.of(new VolumeUse(name + "-data", PGDATA_MOUNT)),
                List.of(new PortMapping(spec.ports().patroniOf(node), 8008)),
                Optional.of(HealthChecks.postgres(spec.users().superuser())),
                spec.fastPaths().shortDnsTimeouts() ? List.of("timeout:1", "attempts:1") : List.of(),
                Optional.of(30),
                etcdMembers(),
                Map.of(),
                List.of(),
                List.of(),
                List.of());
    }

    private StackService exporter(int node) {
        String pg = "pg-" + node;
        return new StackService(
                pg + "-exporter",
                Role.EXPORTER,
                ImageKind.EXPORTER,
                Map.of("DATA_SOURCE_URI", pg + ":5432/postgres?sslmode=require"),
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
                List.of());
    }

    private StackService router() {
        String traefik = "traefik.http.routers." + containerName("pg-haproxy");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("traefik.enable", "true");
        labels.put(traefik + ".rule", "Host(`" + containerName("pg-haproxy") + ".${DEFAULT_URL:-localhost}`)");
        labels.put("traefik.http.services." + containerName("pg-haproxy") + ".loadbalancer.server.port", "8404");
        StackPorts p = spec.ports();
        return new StackService(
                ROUTER,
                Role.ROUTER,
                ImageKind.HAPROXY,
                Map.of(),
                false,
                List.of(),
                List.of(
                        new PortMapping(p.write(), 5000),
                        new PortMapping(p.read(), 5001),
                        new PortMapping(p.stats(), 8404)),
                Optional.of(HealthChecks.ROUTER),
                List.of(),
                Optional.empty(),
                pgNodes(),
                labels,
                List.of(new ConfigFile(HAPROXY_CONFIG_FILE, HAPROXY_CONFIG_PATH, HaproxyRenderer.render(spec))),
                List.of(),
                List.of());
    }

    /**
     * `pgha supervise` beside the router: the Docker socket, etcd, the members, HAProxy's runtime API, and the
     * superuser's login to ask a new leader's PostgreSQL whether it accepts writes yet (the exporters log in as it too).
     */
    private StackService supervisor() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHA_SCOPE", spec.scope());
        env.put("PGHA_ETCD_HOSTS", etcdMembers().stream().map(m -> m + ":2379").collect(Collectors.joining(",")));
        env.put("PGHA_MEMBERS", String.join(",", pgNodes()));
        env.put(
                "PGHA_CONTAINER_PREFIX",
                containerName("pg-0").substring(0, containerName("pg-0").length() - "pg-0".length()));
        env.put("PGHA_ROUTER_API", ROUTER + ":" + ROUTER_API_PORT);
        env.put("PGHA_ALIVE_FILE", HealthChecks.SUPERVISOR_ALIVE_FILE);
        env.put("PGHA_METRICS_PORT", String.valueOf(SUPERVISOR_METRICS_PORT));
        return new StackService(
                SUPERVISOR,
                Role.SUPERVISOR,
                ImageKind.SUPERVISOR,
                env,
                true,
                List.of(),
                List.of(),
                Optional.of(HealthChecks.SUPERVISOR),
                List.of(),
                Optional.empty(),
                List.of(ROUTER),
                Map.of(),
                List.of(),
                List.of(DOCKER_SOCKET + ":" + DOCKER_SOCKET),
                List.of());
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
                command);
    }
}
