package io.pgha.runtime.dcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.http.HttpPost;
import io.pgha.runtime.json.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A member's status (its id, the leader it sees, the raft term, the database size) through etcd's HTTP gateway, {@code
 * POST /v3/maintenance/status}, on the HTTP client's kept-alive connection to that member. jetcd's {@code statusMember}
 * opens a gRPC channel of its own for each call (a TLS handshake and an HTTP/2 connection per member every slow round of
 * the monitor); the gateway answers the same call on a connection that stays open. etcd answers it without a user even
 * when authentication is on, as it does for /health.
 */
final class EtcdGatewayStatus {

    /** What etcd's Status call says about one member; ids as etcd's unsigned 64-bit numbers in a long. */
    record Answer(long memberId, long leader, long raftTerm, long dbSize) {}

    /** The endpoint has no gateway (turned off, or not etcd's): the caller uses the gRPC call for it instead. */
    static final class NoGateway extends RuntimeException {
        NoGateway(String why) {
            super(why, null, false, false);
        }
    }

    private final Optional<String> caFile;

    private EtcdGatewayStatus(Optional<String> caFile) {
        this.caFile = caFile;
    }

    /**
     * The gateway for these settings; none with a client certificate, which the HTTP client does not present (etcd
     * would refuse the call when it asks for one).
     */
    static Optional<EtcdGatewayStatus> of(Optional<EtcdAuth> auth) {
        if (auth.flatMap(EtcdAuth::certFile).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new EtcdGatewayStatus(auth.flatMap(EtcdAuth::caFile)));
    }

    /** @param endpoint the member's client URL, e.g. https://127.0.0.1:23791 */
    CompletableFuture<Answer> status(String endpoint, Duration timeout) {
        String url = endpoint.replaceAll("/+$", "") + "/v3/maintenance/status";
        return HttpPost.json(url, "{}", caFile, timeout).thenApply(r -> {
            if (r.status() != 200) {
                throw new NoGateway(endpoint + " answered HTTP " + r.status() + " to /v3/maintenance/status");
            }
            return parse(r.body());
        });
    }

    /** The gateway's JSON: 64-bit numbers as strings, and fields that are zero (no leader) left out. */
    static Answer parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new NoGateway("not etcd's status reply: " + e.getMessage());
        }
        String member = root.path("header").path("member_id").asText("");
        if (member.isEmpty()) {
            throw new NoGateway("etcd's status reply names no member");
        }
        return new Answer(
                Long.parseUnsignedLong(member),
                unsigned(root.path("leader")),
                unsigned(root.path("raftTerm")),
                unsigned(root.path("dbSize")));
    }

    private static long unsigned(JsonNode value) {
        String text = value.asText("");
        return text.isEmpty() ? 0 : Long.parseUnsignedLong(text);
    }
}
