package io.pgha.runtime.usecase;

import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.stack.ComposeRenderer;
import io.pgha.runtime.stack.HaproxyUsers;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSecurity;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a secure compose project reads besides its compose file: the cluster's CA and certificates in pki/ (owner-only,
 * the CA's key never leaves it), what each service reads in tls/SERVICE/ (mounted read-only at /run/pgha/tls), and
 * HAProxy's users.cfg, whose password comes from .env.postgres (export-compose, and pgha up --swarm). etcd gets TLS on both ports but no users: a compose project
 * has no step between etcd's quorum and Patroni's start to make them (docs/decisions/0019).
 */
public final class ComposeSecurityFiles {

    private ComposeSecurityFiles() {}

    public static void write(StackSpec spec, Path out) throws IOException {
        write(spec, out, List.of());
    }

    /**
     * As {@link #write(StackSpec, Path)}, the nodes' and members' certificates also naming {@code extraIps}: the hosts'
     * addresses pgha reaches a Swarm stack's published ports at (docs/decisions/0043).
     */
    public static void write(StackSpec spec, Path out, List<String> extraIps) throws IOException {
        StackSecurity security = spec.security();
        StackLayout layout = StackLayout.compose(spec);
        if (security.authentication()) {
            Files.writeString(
                    out.resolve(StackLayout.HAPROXY_USERS_FILE),
                    HaproxyUsers.fromEnvironment(ComposeRenderer.STATS_PASSWORD_VARIABLE));
        }
        if (!security.tls()) {
            return;
        }
        ClusterPki pki = new ClusterPki(out.resolve("pki"), spec.name(), Clock.systemUTC());
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
        if (!spec.bindAddress().equals("0.0.0.0") && !ips.contains(spec.bindAddress())) {
            ips.add(spec.bindAddress());
        }
        extraIps.stream().filter(ip -> !ips.contains(ip)).forEach(ips::add);
        for (String node : layout.pgNodes()) {
            // every name a client reaches the node by: on the compose network, through pg-router, on this machine
            List<String> dns = new ArrayList<>(List.of(node, layout.containerName(node)));
            dns.addAll(layout.routers());
            dns.add("localhost");
            pki.ensure(new CertificateRequest(node, dns, ips));
        }
        for (String member : layout.etcdMembers()) {
            // etcd's clients and peers on the compose network, and this machine through the published port
            pki.ensure(new CertificateRequest(member, List.of(member, layout.containerName(member), "localhost"), ips));
        }
        for (StackService s : layout.services()) {
            for (StackService.SecretFile f : s.secrets()) {
                if (!f.path().startsWith(StackSecurity.TLS_DIR + "/")) {
                    continue;
                }
                Path dir = out.resolve(ComposeRenderer.tlsDir(s.name()));
                Files.createDirectories(dir);
                String name = f.path().substring(f.path().lastIndexOf('/') + 1);
                Path source = switch (f.secret()) {
                    case CA_CERTIFICATE -> pki.caFile();
                    case NODE_CERTIFICATE -> pki.certificateFile(s.name());
                    case NODE_KEY -> pki.keyFile(s.name());
                    default -> throw new IllegalStateException(f.secret() + " is not a certificate");
                };
                Path target = dir.resolve(name);
                Files.writeString(target, pki.text(source));
                if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // certificates are public (HAProxy and the exporters read them as their own users); a key is not
                    Files.setPosixFilePermissions(
                            target, PosixFilePermissions.fromString(f.mode() == 0600 ? "rw-------" : "rw-r--r--"));
                }
            }
        }
    }
}
