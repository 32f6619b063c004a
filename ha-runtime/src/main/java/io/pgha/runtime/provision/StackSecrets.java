package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.dcs.EtcdAccessPolicy;
import io.pgha.runtime.dcs.EtcdCredentialsFile;
import io.pgha.runtime.dcs.EtcdMemberTls;
import io.pgha.runtime.docker.ContainerFile;
import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.provision.DockerPlan.Planned;
import io.pgha.runtime.stack.HaproxyUsers;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService.Secret;
import io.pgha.runtime.stack.StackService.SecretFile;
import io.pgha.runtime.stack.StackSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cluster's own material for its containers: the certificates its CA issued (kept owner-only in {@code pki/} of the
 * cluster's config directory) and the generated passwords, as the files each container reads.
 */
final class StackSecrets {

    static final String PKI = "pki";

    private final StackCredentials credentials;
    private final Optional<ClusterPki> pki;
    private final Path pkiDir;
    private final String routerUsers;

    private StackSecrets(StackCredentials credentials, Optional<ClusterPki> pki, Path pkiDir, String routerUsers) {
        this.credentials = credentials;
        this.pki = pki;
        this.pkiDir = pkiDir;
        this.routerUsers = routerUsers;
    }

    /** Issues what the plan's spec needs that is not issued yet (the CA on first use; a node's certificate when missing). */
    static StackSecrets of(DockerPlan plan, StackCredentials credentials, Path clusterDir) {
        StackSpec spec = plan.spec();
        Path dir = clusterDir.resolve(PKI);
        Optional<ClusterPki> pki = Optional.empty();
        if (spec.security().tls()) {
            ClusterPki p = new ClusterPki(dir, spec.name(), Clock.systemUTC());
            for (CertificateRequest r : requests(spec)) {
                p.ensure(r);
            }
            pki = Optional.of(p);
        }
        String users = spec.security().authentication()
                ? HaproxyUsers.render(credentials.router().password())
                : "";
        return new StackSecrets(credentials, pki, dir, users);
    }

    /**
     * A certificate per PostgreSQL node with every name a client reaches it by: its service and container names on the
     * stack network, pg-router (HAProxy passes TLS through to it), and this machine's loopback and bind address (the
     * published ports); one per etcd member, for its clients and its peers alike (docs/decisions/0019).
     */
    static List<CertificateRequest> requests(StackSpec spec) {
        StackLayout layout = StackLayout.of(spec);
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
        String bind = spec.bindAddress();
        if (!bind.equals("0.0.0.0") && !bind.equals("::") && !ips.contains(bind)) {
            ips.add(bind);
        }
        List<CertificateRequest> requests = new ArrayList<>();
        for (String node : layout.pgNodes()) {
            List<String> dns = new ArrayList<>(List.of(node));
            if (!layout.containerName(node).equals(node)) {
                dns.add(layout.containerName(node));
            }
            dns.addAll(layout.routers());
            dns.add("localhost");
            requests.add(new CertificateRequest(node, dns, ips));
        }
        for (String member : layout.etcdMembers()) {
            // as its peers and the stack's containers reach it (etcd-N), and as this machine does (the published port)
            CertificateRequest etcd = EtcdMemberTls.certificateRequest(member);
            List<String> dns = new ArrayList<>(etcd.dnsNames());
            if (!layout.containerName(member).equals(member)) {
                dns.add(layout.containerName(member));
            }
            List<String> addresses = new ArrayList<>(etcd.ipAddresses());
            ips.stream().filter(ip -> !addresses.contains(ip)).forEach(addresses::add);
            requests.add(new CertificateRequest(member, dns, addresses));
        }
        return requests;
    }

    Path pkiDir() {
        return pkiDir;
    }

    /** The CA's certificate on this machine, for pgha's own clients, when the stack has TLS. */
    Optional<String> caFile() {
        return pki.map(p -> p.caFile().toString());
    }

    /** The files to copy into a planned container. */
    List<ContainerFile> files(Planned planned) {
        List<ContainerFile> files = new ArrayList<>();
        for (SecretFile f : planned.files()) {
            byte[] content = text(f.secret(), planned.service().name()).getBytes(StandardCharsets.UTF_8);
            files.add(new ContainerFile(f.path(), content, f.mode(), f.uid(), f.uid()));
        }
        return files;
    }

    private String text(Secret secret, String service) {
        return switch (secret) {
            case CA_CERTIFICATE -> tls().text(tls().caFile());
            case NODE_CERTIFICATE -> tls().text(tls().certificateFile(service));
            case NODE_KEY -> tls().text(tls().keyFile(service));
            case ROUTER_USERS -> routerUsers;
            case ETCD_SUPERVISOR_LOGIN ->
                EtcdCredentialsFile.text(
                        EtcdAccessPolicy.SUPERVISOR, credentials.etcd().supervisor());
            default -> DockerPlan.password(credentials, secret);
        };
    }

    private ClusterPki tls() {
        return pki.orElseThrow(() -> new IllegalStateException("a certificate was asked of a stack without TLS"));
    }

    /** Removes the cluster's certificates and CA (with its data, at pgha down --volumes). */
    static void deletePki(Path clusterDir) {
        Path dir = clusterDir.resolve(PKI);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw PghaException.unavailable("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
