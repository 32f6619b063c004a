package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.pgha.console.service.AttachRequest;
import io.pgha.console.testing.LocalPorts;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attach stand-in against real sockets on loopback: a closed port, and a server answering like etcd's gateway. */
class HttpAttachmentTest {

    @TempDir
    Path config;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aClosedEtcdPortIsAClearErrorAndNothingIsSaved() throws IOException {
        ClusterRegistry registry = new ClusterRegistry(config);
        String endpoint = "http://127.0.0.1:" + LocalPorts.closed();

        assertThatThrownBy(() -> new HttpAttachment(registry).attach(new AttachRequest("billing", "pg-ha", List.of(endpoint), Map.of())))
                .isInstanceOf(PghaException.class)
                .hasMessage("no etcd endpoint answers: " + endpoint + " (connection refused). Check the addresses and ports, "
                        + "and that etcd is running.");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void anEtcdWithoutTheScopeSaysToCheckTheScope() throws IOException {
        String endpoint = etcdAnswering("{\"header\":{},\"count\":\"0\"}");

        assertThatThrownBy(() -> new HttpAttachment(new ClusterRegistry(config))
                .attach(new AttachRequest("billing", "nope", List.of(endpoint), Map.of())))
                .hasMessageContaining("holds no Patroni cluster with scope 'nope'");
    }

    @Test
    void anEtcdHoldingTheScopeIsSavedAsAnAttachedCluster() throws IOException {
        ClusterRegistry registry = new ClusterRegistry(config);
        String endpoint = etcdAnswering("{\"header\":{},\"count\":\"9\"}");

        ClusterConnection c = new HttpAttachment(registry).attach(new AttachRequest("billing", "pg-ha", List.of(endpoint), Map.of()));

        assertThat(c.origin()).isEqualTo(ClusterConnection.Origin.ATTACHED);
        assertThat(registry.get("billing").etcdEndpoints()).containsExactly(endpoint);
    }

    private String etcdAnswering(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/kv/range", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
