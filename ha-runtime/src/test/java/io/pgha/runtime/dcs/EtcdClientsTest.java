package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdClientsTest {

    private static Optional<EtcdAuth> ca(String file) {
        return Optional.of(new EtcdAuth(
                Optional.empty(), Optional.empty(), Optional.of(file), Optional.empty(), Optional.empty()));
    }

    @Test
    void bareEndpointsArePlainWithoutTlsFiles() {
        assertThat(EtcdClients.uris(List.of("etcd-1:2379", "http://etcd-2:2379"), Optional.empty()))
                .containsExactly(URI.create("http://etcd-1:2379"), URI.create("http://etcd-2:2379"));
    }

    @Test
    void aCaFileOrHttpsMakesEveryBareEndpointHttps() {
        assertThat(EtcdClients.uris(List.of("etcd-1:2379", "etcd-2:2379"), ca("/ca.crt")))
                .containsExactly(URI.create("https://etcd-1:2379"), URI.create("https://etcd-2:2379"));
        assertThat(EtcdClients.uris(List.of("https://127.0.0.1:23791", "127.0.0.1:23792"), Optional.empty()))
                .containsExactly(URI.create("https://127.0.0.1:23791"), URI.create("https://127.0.0.1:23792"));
    }

    @Test
    void plainHttpWithTlsFilesIsRefused() {
        assertThatThrownBy(() -> EtcdClients.uris(List.of("http://127.0.0.1:23791"), ca("/ca.crt")))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("use https://");
        assertThatThrownBy(() -> EtcdClients.uris(
                        List.of("https://127.0.0.1:23791", "http://127.0.0.1:23792"), Optional.empty()))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("others are https://");
    }

    @Test
    void aMissingCaFileIsNamed() {
        assertThatThrownBy(() -> EtcdClients.create(
                        List.of("https://127.0.0.1:1"), ca("/no/such/ca.crt"), Duration.ofSeconds(1), false))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("/no/such/ca.crt");
    }

    @Test
    void aUserNeedsAPassword() {
        Optional<EtcdAuth> userOnly = Optional.of(new EtcdAuth(
                Optional.of("pgha"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> EtcdClients.create(List.of("127.0.0.1:1"), userOnly, Duration.ofSeconds(1), false))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("no password");
    }

    @Test
    void theClustersCaStandsForEtcdsWhenNoneWasGiven() {
        ClusterConnection c = new ClusterConnection(
                        "c",
                        "pg-ha",
                        List.of("https://127.0.0.1:23791"),
                        Optional.of(new EtcdAuth(
                                Optional.of("pgha"),
                                Optional.of("pw"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        ClusterConnection.Origin.PROVISIONED)
                .withCaFile(Optional.of("/pki/ca.crt"));
        EtcdAuth auth = EtcdClients.authOf(c).orElseThrow();
        assertThat(auth.caFile()).contains("/pki/ca.crt");
        assertThat(auth.user()).contains("pgha");
        assertThat(EtcdClients.authOf(c.withCaFile(Optional.empty()))).isEqualTo(c.etcdAuth());
        EtcdAuth own = EtcdClients.authOf(new ClusterConnection(
                                "c",
                                "pg-ha",
                                List.of(),
                                ca("/etcd-ca.crt"),
                                Map.of(),
                                Optional.empty(),
                                Optional.empty(),
                                ClusterConnection.Origin.ATTACHED)
                        .withCaFile(Optional.of("/pki/ca.crt")))
                .orElseThrow();
        assertThat(own.caFile()).contains("/etcd-ca.crt");
    }
}
