package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.attach.AttachRequest;
import io.pgha.runtime.attach.ClusterDiscovery;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.usecase.AttachCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgha attach}: remembers how to reach a Patroni cluster pgha did not create. */
@Command(
        name = "attach",
        mixinStandardHelpOptions = true,
        description = {
            "Attach to a running Patroni cluster and remember it under NAME.",
            "Give its etcd endpoints and scope, or its Patroni REST URLs. Members' REST APIs and the router are",
            "found among the local Docker containers' published ports when the cluster runs here."
        })
final class AttachCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "pgha's name for the cluster (lower-case letters, digits, '-')")
    private String name;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Patroni's scope (the name under /service/ in etcd)")
    private String scope;

    @Option(
            names = "--etcd",
            split = ",",
            paramLabel = "URL",
            description = "etcd client URLs, e.g. http://127.0.0.1:23791,…")
    private List<String> etcd = new ArrayList<>();

    @Option(names = "--etcd-user", paramLabel = "USER", description = "etcd user, when etcd has authentication on")
    private String etcdUser;

    @Option(
            names = "--etcd-password-file",
            paramLabel = "FILE",
            description = "file holding the etcd password (or set PGHA_ETCD_PASSWORD)")
    private Path etcdPasswordFile;

    @Option(
            names = "--ca",
            paramLabel = "FILE",
            description = "the cluster's CA certificate (PEM) when its Patroni REST API and PostgreSQL use TLS (e.g."
                    + " pki/ca.crt of `pgha export-compose`); also etcd's, unless --etcd-ca says otherwise")
    private Path ca;

    @Option(
            names = "--etcd-ca",
            paramLabel = "FILE",
            description = "CA certificate (PEM) that signed etcd's certificates")
    private Path etcdCa;

    @Option(names = "--etcd-cert", paramLabel = "FILE", description = "client certificate (PEM) for etcd")
    private Path etcdCert;

    @Option(names = "--etcd-key", paramLabel = "FILE", description = "client key (PKCS#8 PEM) for etcd")
    private Path etcdKey;

    @Option(
            names = "--patroni",
            paramLabel = "[NAME=]URL",
            description =
                    "a member's Patroni REST URL as reachable from here, e.g. pg-0=http://127.0.0.1:8008 (repeatable)")
    private List<String> patroni = new ArrayList<>();

    @Option(
            names = "--stats-url",
            paramLabel = "URL",
            description = "HAProxy's stats page, e.g. http://127.0.0.1:8404/")
    private String statsUrl;

    @Option(
            names = "--router-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "router host (default: ${DEFAULT-VALUE})")
    private String routerHost;

    @Option(
            names = "--write-port",
            paramLabel = "PORT",
            defaultValue = "5000",
            description = "router's write port (default: ${DEFAULT-VALUE})")
    private int writePort;

    @Option(
            names = "--read-port",
            paramLabel = "PORT",
            defaultValue = "5001",
            description = "router's read port (default: ${DEFAULT-VALUE})")
    private int readPort;

    @Option(
            names = "--docker-stack",
            paramLabel = "PROJECT",
            description = "compose project of the cluster's containers (found from the members when not given)")
    private String dockerStack;

    @Option(names = "--no-docker", description = "do not look at the local Docker engine")
    private boolean noDocker;

    @Option(names = "--pg-user", paramLabel = "USER", description = "PostgreSQL login for pgha's probes")
    private String pgUser;

    @Option(names = "--pg-password-file", paramLabel = "FILE", description = "file holding that login's password")
    private Path pgPasswordFile;

    @Option(names = "--force", description = "replace a cluster already known under NAME")
    private boolean force;

    @Override
    public Integer call() {
        AttachCluster attach = new AttachCluster(new ClusterRegistry());
        attach.checkName(name, force);
        Map<String, String> named = new LinkedHashMap<>();
        List<String> unnamed = new ArrayList<>();
        for (String p : patroni) {
            int eq = p.indexOf('=');
            if (eq > 0 && !p.substring(0, eq).contains("/")) {
                named.put(p.substring(0, eq), p.substring(eq + 1));
            } else {
                unnamed.add(p);
            }
        }
        Optional<RouterEndpoints> router =
                Optional.ofNullable(statsUrl).map(u -> new RouterEndpoints(routerHost, writePort, readPort, u));
        AttachRequest request = new AttachRequest(
                name,
                Optional.ofNullable(scope),
                etcd,
                etcdAuth(),
                named,
                unnamed,
                router,
                Optional.ofNullable(dockerStack),
                !noDocker,
                caFile());
        print(attach.attach(request, force, probeLogin()));
        return ExitCodes.OK;
    }

    private Optional<String> caFile() {
        if (ca == null) {
            return Optional.empty();
        }
        if (!java.nio.file.Files.isReadable(ca)) {
            throw PghaException.invalidInput("--ca " + ca + " cannot be read; give the cluster CA's certificate (PEM)");
        }
        return Optional.of(ca.toAbsolutePath().toString());
    }

    private Optional<StackCredentials.Login> probeLogin() {
        if (pgUser == null) {
            return Optional.empty();
        }
        if (pgPasswordFile == null) {
            throw PghaException.invalidInput("--pg-user needs --pg-password-file");
        }
        return Optional.of(new StackCredentials.Login(pgUser, readSecret(pgPasswordFile)));
    }

    private Optional<EtcdAuth> etcdAuth() {
        Optional<String> password = Optional.ofNullable(etcdPasswordFile)
                .map(AttachCommand::readSecret)
                .or(() -> Optional.ofNullable(System.getenv("PGHA_ETCD_PASSWORD")));
        if (etcdUser == null && password.isEmpty() && etcdCa == null && etcdCert == null) {
            return Optional.empty();
        }
        if ((etcdCert == null) != (etcdKey == null)) {
            throw PghaException.invalidInput("--etcd-cert and --etcd-key go together");
        }
        return Optional.of(
                new EtcdAuth(Optional.ofNullable(etcdUser), password, path(etcdCa), path(etcdCert), path(etcdKey)));
    }

    private static Optional<String> path(Path p) {
        return Optional.ofNullable(p).map(x -> x.toAbsolutePath().toString());
    }

    static String readSecret(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void print(ClusterDiscovery.Result r) {
        PrintWriter out = spec.commandLine().getOut();
        ClusterConnection c = r.connection();
        out.printf(
                "attached %s (scope %s): leader %s, %d member%s%n",
                c.name(),
                c.scope(),
                r.leader().orElse("none"),
                r.members().size(),
                r.members().size() == 1 ? "" : "s");
        new java.util.TreeMap<>(c.patroniUrls()).forEach((member, url) -> out.printf("  %-10s %s%n", member, url));
        if (!c.etcdEndpoints().isEmpty()) {
            out.printf("  etcd       %s%n", String.join(",", c.etcdEndpoints()));
        }
        c.router()
                .ifPresent(x -> out.printf(
                        "  router     %s write %d, read %d, stats %s%n",
                        x.host(), x.writePort(), x.readPort(), x.statsUrl()));
        c.dockerStack().ifPresent(s -> out.printf("  containers compose project %s%n", s));
        r.notes().forEach(n -> out.println("note: " + n));
        out.printf("next: pgha status %s%n", c.name());
        out.flush();
    }
}
