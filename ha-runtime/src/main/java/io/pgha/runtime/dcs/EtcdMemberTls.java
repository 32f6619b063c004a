package io.pgha.runtime.dcs;

import io.pgha.runtime.pki.CertificateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An etcd member's configuration for TLS on both its ports, as a pure function of its name, its peers and where its
 * certificate files are inside its container: the environment (ETCD_*) a stack gives the member, or the same as
 * command-line flags. Clients and peers connect with {@code https://}; peers must show a certificate of the cluster's
 * CA (peer client-cert auth). Clients must show one only when {@code requireClientCertificates}: etcd then also takes a
 * client certificate's common name as the etcd user when no password login is made, so the cluster's CA must never
 * issue a certificate named like a user (root, patroni, pgha, pgha-supervisor). Otherwise (the default) etcd's users and
 * passwords authenticate clients, and TLS keeps them private and proves the server.
 */
public final class EtcdMemberTls {

    public static final int CLIENT_PORT = 2379;
    public static final int PEER_PORT = 2380;

    /** Where the local images look for a component's TLS files (PGHA_TLS_DIR of the Spilo entrypoint too). */
    public static final String DEFAULT_TLS_DIR = "/run/pgha/tls";

    /**
     * The member's files as seen inside its container.
     *
     * @param caFile   the cluster CA's certificate (PEM)
     * @param certFile the member's certificate (PEM), issued for {@link #certificateRequest}
     * @param keyFile  its private key (PKCS#8 PEM), readable by the etcd process only
     */
    public record Files(String caFile, String certFile, String keyFile) {
        public Files {
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }

        /** ca.crt, server.crt and server.key in {@code dir}, e.g. {@link #DEFAULT_TLS_DIR}. */
        public static Files in(String dir) {
            String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            return new Files(d + "/ca.crt", d + "/server.crt", d + "/server.key");
        }
    }

    private EtcdMemberTls() {}

    /** The certificate member {@code member} (e.g. etcd-1) serves: named as its peers and local clients reach it. */
    public static CertificateRequest certificateRequest(String member) {
        return new CertificateRequest(member, List.of(member, "localhost"), List.of("127.0.0.1"));
    }

    /**
     * The member's ETCD_* variables for TLS: listen and advertise URLs with https (client and peer), the initial
     * cluster with https peer URLs, and the certificate files. Variables a stack sets besides these (ETCD_NAME,
     * ETCD_DATA_DIR, the cluster token, compaction) stay its own.
     *
     * @param members every member's name, e.g. etcd-1, etcd-2, etcd-3; each is also its host name on the network
     */
    public static Map<String, String> environment(
            String member, List<String> members, Files files, boolean requireClientCertificates) {
        if (!members.contains(member)) {
            throw new IllegalArgumentException(member + " is not one of the members " + members);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ETCD_LISTEN_CLIENT_URLS", "https://0.0.0.0:" + CLIENT_PORT);
        env.put("ETCD_ADVERTISE_CLIENT_URLS", clientUrl(member));
        env.put("ETCD_LISTEN_PEER_URLS", "https://0.0.0.0:" + PEER_PORT);
        env.put("ETCD_INITIAL_ADVERTISE_PEER_URLS", peerUrl(member));
        env.put("ETCD_INITIAL_CLUSTER", initialCluster(members));
        env.put("ETCD_CERT_FILE", files.certFile());
        env.put("ETCD_KEY_FILE", files.keyFile());
        if (requireClientCertificates) {
            // etcd asks every client for a certificate whenever it has a trusted CA for clients, whatever
            // client-cert-auth says: only then
            env.put("ETCD_TRUSTED_CA_FILE", files.caFile());
        }
        env.put("ETCD_CLIENT_CERT_AUTH", Boolean.toString(requireClientCertificates));
        env.put("ETCD_PEER_CERT_FILE", files.certFile());
        env.put("ETCD_PEER_KEY_FILE", files.keyFile());
        env.put("ETCD_PEER_TRUSTED_CA_FILE", files.caFile());
        env.put("ETCD_PEER_CLIENT_CERT_AUTH", "true");
        return env;
    }

    /** {@link #environment} as etcd's command-line flags: ETCD_CERT_FILE=x becomes --cert-file=x. */
    public static List<String> arguments(
            String member, List<String> members, Files files, boolean requireClientCertificates) {
        List<String> args = new ArrayList<>();
        environment(member, members, files, requireClientCertificates)
                .forEach((k, v) -> args.add("--"
                        + k.substring("ETCD_".length()).toLowerCase(Locale.ROOT).replace('_', '-') + "=" + v));
        return args;
    }

    /** The client URL other containers of the stack use for {@code member}. */
    public static String clientUrl(String member) {
        return "https://" + member + ":" + CLIENT_PORT;
    }

    public static String peerUrl(String member) {
        return "https://" + member + ":" + PEER_PORT;
    }

    public static String initialCluster(List<String> members) {
        return members.stream().map(m -> m + "=" + peerUrl(m)).collect(Collectors.joining(","));
    }

    /**
     * A health check to run inside the member's container that needs no password and no shell: {@code etcdctl endpoint
     * status} over TLS, trusting the cluster's CA. With authentication on, {@code etcdctl endpoint health} fails without a
     * user ("user name is empty") and a user would put a password in the container's configuration; the official etcd
     * image has no curl for {@code /health}. Whether the cluster has quorum, pgha asks etcd's {@code /health}
     * ({@link EtcdHealthEndpoint#healthy(String, java.util.Optional, java.time.Duration)}), which answers anonymously.
     */
    public static List<String> healthcheck(Files files) {
        return List.of(
                "CMD",
                "etcdctl",
                "--endpoints=https://127.0.0.1:" + CLIENT_PORT,
                "--cacert=" + files.caFile(),
                "endpoint",
                "status");
    }
}
