package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EtcdGatewayStatusTest {

    /** As etcd 3.5's gateway answers POST /v3/maintenance/status (a member of the secure stack). */
    static final String REPLY = "{\"header\":{\"cluster_id\":\"16834106380834388768\", \"member_id\":"
            + "\"10730282574777863355\", \"revision\":\"762\", \"raft_term\":\"2\"}, \"version\":\"3.5.16\","
            + " \"dbSize\":\"286720\", \"leader\":\"6555446988187117322\", \"raftIndex\":\"2194\", \"raftTerm\":\"2\","
            + " \"raftAppliedIndex\":\"2194\", \"dbSizeInUse\":\"286720\"}";

    @Test
    void readsTheMemberTheLeaderTheTermAndTheSizeAsEtcdsUnsignedIds() {
        EtcdGatewayStatus.Answer a = EtcdGatewayStatus.parse(REPLY);

        assertThat(Long.toUnsignedString(a.memberId())).isEqualTo("10730282574777863355");
        assertThat(a.leader()).isEqualTo(6555446988187117322L);
        assertThat(a.raftTerm()).isEqualTo(2);
        assertThat(a.dbSize()).isEqualTo(286720);
    }

    @Test
    void aMemberWithoutALeaderHasNoLeaderFieldAtAll() {
        EtcdGatewayStatus.Answer a = EtcdGatewayStatus.parse(
                "{\"header\":{\"member_id\":\"42\"}, \"version\":\"3.5.16\", \"dbSize\":\"20480\", \"raftTerm\":\"7\"}");

        assertThat(a.leader()).as("proto3's JSON leaves zero out").isZero();
        assertThat(a.memberId()).isEqualTo(42);
    }

    @Test
    void anythingButEtcdsReplyMeansNoGateway() {
        assertThatThrownBy(() -> EtcdGatewayStatus.parse("404 page not found"))
                .isInstanceOf(EtcdGatewayStatus.NoGateway.class);
        assertThatThrownBy(() -> EtcdGatewayStatus.parse("{\"error\":\"x\"}"))
                .isInstanceOf(EtcdGatewayStatus.NoGateway.class);
    }

    @Test
    void statusCallsToAMemberShareOneKeptAliveConnection() throws Exception {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/maintenance/status", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] body = REPLY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            EtcdGatewayStatus gateway = EtcdGatewayStatus.of(Optional.empty()).orElseThrow();
            for (int i = 0; i < 3; i++) {
                assertThat(gateway.status(endpoint, Duration.ofSeconds(5)).get().raftTerm())
                        .isEqualTo(2);
            }

            assertThat(clientPorts)
                    .as("one connection for every round, where a gRPC status call opens a channel each time")
                    .hasSize(3)
                    .containsOnly(clientPorts.getFirst());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anEndpointWithoutTheGatewayIsToldApartFromAFailingMember() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            EtcdGatewayStatus gateway = EtcdGatewayStatus.of(Optional.empty()).orElseThrow();

            assertThatThrownBy(() ->
                            gateway.status(endpoint, Duration.ofSeconds(5)).join())
                    .hasCauseInstanceOf(EtcdGatewayStatus.NoGateway.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withAClientCertificateTheGRpcCallIsUsed() {
        var auth = new io.pgha.runtime.cluster.ClusterConnection.EtcdAuth(
                Optional.empty(),
                Optional.empty(),
                Optional.of("/ca.crt"),
                Optional.of("/client.crt"),
                Optional.of("/client.key"));

        assertThat(EtcdGatewayStatus.of(Optional.of(auth))).isEmpty();
    }
}
