package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.pki.CertificateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdMemberTlsTest {

    private static final List<String> MEMBERS = List.of("etcd-1", "etcd-2", "etcd-3");
    private static final EtcdMemberTls.Files FILES = EtcdMemberTls.Files.in("/run/pgha/tls/");

    @Test
    void theMembersCertificateNamesItForPeersAndLocalClients() {
        CertificateRequest r = EtcdMemberTls.certificateRequest("etcd-2");
        assertThat(r.name()).isEqualTo("etcd-2");
        assertThat(r.dnsNames()).containsExactly("etcd-2", "localhost");
        assertThat(r.ipAddresses()).containsExactly("127.0.0.1");
    }

    @Test
    void clientsAndPeersSpeakTlsWithTheClusterCa() {
        Map<String, String> env = EtcdMemberTls.environment("etcd-2", MEMBERS, FILES, false);
        assertThat(env)
                .containsEntry("ETCD_LISTEN_CLIENT_URLS", "https://0.0.0.0:2379")
                .containsEntry("ETCD_ADVERTISE_CLIENT_URLS", "https://etcd-2:2379")
                .containsEntry("ETCD_LISTEN_PEER_URLS", "https://0.0.0.0:2380")
                .containsEntry("ETCD_INITIAL_ADVERTISE_PEER_URLS", "https://etcd-2:2380")
                .containsEntry(
                        "ETCD_INITIAL_CLUSTER",
                        "etcd-1=https://etcd-1:2380,etcd-2=https://etcd-2:2380,etcd-3=https://etcd-3:2380")
                .containsEntry("ETCD_CERT_FILE", "/run/pgha/tls/server.crt")
                .containsEntry("ETCD_KEY_FILE", "/run/pgha/tls/server.key")
                .doesNotContainKey("ETCD_TRUSTED_CA_FILE") // it would make etcd ask every client for a certificate
                .containsEntry("ETCD_CLIENT_CERT_AUTH", "false")
                .containsEntry("ETCD_PEER_CERT_FILE", "/run/pgha/tls/server.crt")
                .containsEntry("ETCD_PEER_KEY_FILE", "/run/pgha/tls/server.key")
                .containsEntry("ETCD_PEER_TRUSTED_CA_FILE", "/run/pgha/tls/ca.crt")
                .containsEntry("ETCD_PEER_CLIENT_CERT_AUTH", "true");
        assertThat(env.values()).noneMatch(v -> v.contains("http://"));
    }

    @Test
    void clientCertificatesCanBeRequired() {
        assertThat(EtcdMemberTls.environment("etcd-1", MEMBERS, FILES, true))
                .containsEntry("ETCD_CLIENT_CERT_AUTH", "true")
                .containsEntry("ETCD_TRUSTED_CA_FILE", "/run/pgha/tls/ca.crt");
    }

    @Test
    void theFlagsSayTheSame() {
        assertThat(EtcdMemberTls.arguments("etcd-1", MEMBERS, FILES, false))
                .contains(
                        "--listen-client-urls=https://0.0.0.0:2379",
                        "--advertise-client-urls=https://etcd-1:2379",
                        "--cert-file=/run/pgha/tls/server.crt",
                        "--key-file=/run/pgha/tls/server.key",
                        "--client-cert-auth=false",
                        "--peer-cert-file=/run/pgha/tls/server.crt",
                        "--peer-key-file=/run/pgha/tls/server.key",
                        "--peer-trusted-ca-file=/run/pgha/tls/ca.crt",
                        "--peer-client-cert-auth=true",
                        "--initial-cluster=etcd-1=https://etcd-1:2380,etcd-2=https://etcd-2:2380,etcd-3=https://etcd-3:2380");
    }

    @Test
    void theHealthCheckTrustsTheCaAndNeedsNoPassword() {
        assertThat(EtcdMemberTls.healthcheck(FILES))
                .containsExactly(
                        "CMD",
                        "etcdctl",
                        "--endpoints=https://127.0.0.1:2379",
                        "--cacert=/run/pgha/tls/ca.crt",
                        "endpoint",
                        "status");
    }

    @Test
    void aMemberMustBeOneOfTheCluster() {
        assertThatThrownBy(() -> EtcdMemberTls.environment("etcd-4", MEMBERS, FILES, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
