package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.attach.AttachRequest;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attach, as both front ends call it, against real sockets on loopback: what it refuses, and that it saves nothing then. */
class AttachClusterTest {

    @TempDir
    Path config;

    @Test
    void aKnownNameIsRefusedUnlessReplacing() {
        ClusterRegistry registry = new ClusterRegistry(config);
        registry.save(new ClusterConnection(
                "billing",
                "pg-ha",
                List.of("http://127.0.0.1:1"),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED));
        AttachCluster attach = new AttachCluster(registry);

        assertThatThrownBy(() -> attach.checkName("billing", false))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("a cluster named 'billing' is already known")
                .hasMessageContaining("--force");
        attach.checkName("billing", true);
        assertThatThrownBy(() -> attach.checkName("Billing!", false)).hasMessageContaining("invalid cluster name");
    }

    @Test
    void anUnreachableEtcdIsAClearErrorAndNothingIsSaved() throws IOException {
        ClusterRegistry registry = new ClusterRegistry(config);
        String endpoint = "http://127.0.0.1:" + closedPort();
        AttachRequest request = new AttachRequest(
                "billing",
                Optional.of("pg-ha"),
                List.of(endpoint),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty());

        assertThatThrownBy(() -> new AttachCluster(registry).attach(request, false, Optional.empty()))
                .isInstanceOf(PghaException.class)
                .hasMessage("no etcd endpoint answers: " + endpoint
                        + " (connection refused). Check the addresses and ports, " + "and that etcd is running.");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void neitherEtcdNorPatroniIsAskedFor() {
        AttachRequest request = new AttachRequest(
                "billing",
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty());
        assertThatThrownBy(
                        () -> new AttachCluster(new ClusterRegistry(config)).attach(request, false, Optional.empty()))
                .hasMessageContaining("--etcd")
                .hasMessageContaining("--patroni");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
