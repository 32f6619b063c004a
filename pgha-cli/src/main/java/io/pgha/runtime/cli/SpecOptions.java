package io.pgha.runtime.cli;

import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.PublishedAddress;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags that make a stack spec: a spec file, then single values that override it. */
final class SpecOptions {

    @Option(names = "--spec", paramLabel = "FILE", description = "YAML stack spec; the flags below override it")
    Path specFile;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "stack name (Patroni scope, network, container prefix); default pg-ha")
    String name;

    @Option(names = "--nodes", paramLabel = "N", description = "PostgreSQL nodes, 1-7; default 3")
    Integer nodes;

    @Option(names = "--etcd-members", paramLabel = "N", description = "etcd members, 1, 3 or 5; default 3")
    Integer etcdMembers;

    @Option(
            names = "--images",
            paramLabel = "PROFILE",
            description = "official, local or auto (default: official when present, "
                    + "local when built, else pull official)")
    String images;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description =
                    "host address every port is published on; default 127.0.0.1 (another address " + "needs --expose)")
    String bind;

    @Option(
            names = "--expose",
            description = "allow a --bind (or spec file) address other than loopback, where other machines can "
                    + "reach every port; it permits the address and changes nothing else")
    boolean expose;

    @Option(names = "--write-port", paramLabel = "PORT", description = "router port to the primary; default 5000")
    Integer writePort;

    @Option(names = "--read-port", paramLabel = "PORT", description = "router port to the replicas; default 5001")
    Integer readPort;

    @Option(names = "--stats-port", paramLabel = "PORT", description = "router stats and /metrics; default 8404")
    Integer statsPort;

    @Option(
            names = "--patroni-port",
            paramLabel = "PORT",
            description = "Patroni REST of pg-0 (pg-N on PORT+N); default 8008")
    Integer patroniPort;

    @Option(
            names = "--etcd-port",
            paramLabel = "PORT",
            description = "etcd client API of etcd-1 (etcd-N on PORT+N-1); default 23791")
    Integer etcdPort;

    @Option(
            names = "--exporter-port",
            paramLabel = "PORT",
            description = "exporter of pg-0 (pg-N on PORT+N); default 9187")
    Integer exporterPort;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Patroni leader key TTL (>= 20); default 20")
    Integer ttl;

    @Option(names = "--loop-wait", paramLabel = "SECONDS", description = "Patroni HA loop interval; default 2")
    Integer loopWait;

    @Option(
            names = "--retry-timeout",
            paramLabel = "SECONDS",
            description = "Patroni DCS/PostgreSQL retry timeout; default 5")
    Integer retryTimeout;

    @Option(
            names = "--synchronous-mode",
            paramLabel = "off|on|quorum",
            arity = "0..1",
            fallbackValue = "on",
            description = "commits wait for synchronous standbys; default quorum (any 1 replica)")
    String synchronousMode;

    @Option(
            names = "--synchronous-node-count",
            paramLabel = "N",
            description = "standbys a commit waits for; default 1")
    Integer synchronousNodeCount;

    @Option(names = "--no-supervisor", description = "do not run the supervisor (fencing, instant routing)")
    boolean noSupervisor;

    @Option(names = "--no-backups", description = "no WAL archive and no base backups (pgBackRest, on by default)")
    boolean noBackups;

    @Option(
            names = "--seed-settings",
            description = "the seed stack's settings: Patroni ttl 30/loop_wait 10, HAProxy checks "
                    + "every 3 s, asynchronous replication, no supervisor (for side-by-side benchmarks)")
    boolean seedSettings;

    @Option(
            names = "--seed-security",
            description = "the seed's open stack: no TLS, no logins on Patroni's REST API or HAProxy (the committed "
                    + "compose stack; never for a stack others can reach)")
    boolean seedSecurity;

    @Option(names = "--prometheus-port", paramLabel = "PORT", description = "the stack's Prometheus; default 9090")
    Integer prometheusPort;

    @Option(names = "--maximum-lag-on-failover", paramLabel = "BYTES", description = "default 1048576")
    Long maximumLagOnFailover;

    @Option(names = "--primary-start-timeout", paramLabel = "SECONDS", description = "default 10")
    Integer primaryStartTimeout;

    @Option(names = "--pg-param", paramLabel = "NAME=VALUE", description = "PostgreSQL parameter (repeatable)")
    Map<String, String> postgresParameters = new LinkedHashMap<>();

    StackSpec spec() {
        StackSpec.Builder start = specFile != null ? StackSpecFile.load(specFile) : StackSpec.builder();
        if (seedSettings) {
            start.seedSettings();
        }
        StackSpec base = start.build();
        StackSpec.Builder b = base.toBuilder();
        if (noSupervisor) {
            b.fastPaths(base.fastPaths().withSupervisor(false));
        }
        if (seedSecurity) {
            b.security(io.pgha.runtime.stack.StackSecurity.SEED);
        }
        if (noBackups) {
            b.backups(base.backups().withEnabled(false));
        }
        if (name != null) {
            b.name(name);
        }
        if (nodes != null) {
            b.nodes(nodes);
        }
        if (etcdMembers != null) {
            b.etcdMembers(etcdMembers);
        }
        if (images != null) {
            b.images(ImageProfile.parse(images));
        }
        if (bind != null) {
            b.bindAddress(bind);
        }
        StackPorts p = base.ports();
        b.ports(new StackPorts(
                or(writePort, p.write()),
                or(readPort, p.read()),
                or(statsPort, p.stats()),
                or(patroniPort, p.patroni()),
                or(etcdPort, p.etcd()),
                or(exporterPort, p.exporter()),
                or(prometheusPort, p.prometheus())));
        PatroniTuning t = base.patroni();
        b.patroni(new PatroniTuning(
                or(ttl, t.ttl()),
                or(loopWait, t.loopWait()),
                or(retryTimeout, t.retryTimeout()),
                synchronousMode != null
                        ? io.pgha.runtime.stack.SynchronousMode.parse(synchronousMode)
                        : t.synchronousMode(),
                or(synchronousNodeCount, t.synchronousNodeCount()),
                maximumLagOnFailover != null ? maximumLagOnFailover : t.maximumLagOnFailover(),
                or(primaryStartTimeout, t.primaryStartTimeout())));
        postgresParameters.forEach(b::postgresParameter);
        StackSpec spec = b.build();
        PublishedAddress.check(spec, expose, "add --expose");
        return spec;
    }

    private static int or(Integer flag, int otherwise) {
        return flag != null ? flag : otherwise;
    }
}
