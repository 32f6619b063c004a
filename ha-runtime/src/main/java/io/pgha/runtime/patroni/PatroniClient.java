package io.pgha.runtime.patroni;

import io.pgha.runtime.http.HttpClients;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Patroni's REST API on one member. Every call has the client's deadline; failures are
 * {@link io.pgha.runtime.PghaException}s with a message that says what to check.
 * The read-only calls are here; operations add their POST/PATCH calls next to them.
 */
public interface PatroniClient {

    /** The member's REST base URL as pgha reaches it, e.g. http://127.0.0.1:8008 */
    String baseUrl();

    /** GET /cluster: every member as this node sees the DCS. */
    PatroniCluster cluster();

    /** GET /patroni: this node's own state. */
    PatroniNode node();

    /** GET /history: the timeline history. */
    List<TimelineSwitch> history();

    /** GET /config: the dynamic configuration. */
    Map<String, Object> config();

    /** GET /health: 200 when PostgreSQL is running. */
    PatroniProbe health();

    /**
     * GET /health, read whole: Patroni answers it with the same status as /patroni besides its status code, so one
     * request gives both. Patroni closes its connection after each answer (HTTP/1.0), so over TLS every request is a
     * handshake: the monitor asks this instead of /patroni and /health in the rounds where it checks the member.
     */
    NodeHealth nodeWithHealth();

    /** A member's state and its /health answer, from one request. */
    record NodeHealth(PatroniNode node, PatroniProbe health) {}

    /** GET /liveness: 200 when Patroni's HA loop is alive. */
    PatroniProbe liveness();

    /** GET /readiness: 200 when the node leads, or replicates within the allowed lag. */
    PatroniProbe readiness();

    static PatroniClient create(String baseUrl, Duration timeout) {
        return new HttpPatroniClient(HttpClients.shared(), baseUrl, timeout);
    }

    /** A client that trusts the cluster's CA ({@code caFile}) for an https:// base URL. */
    static PatroniClient create(String baseUrl, java.util.Optional<String> caFile, Duration timeout) {
        return new HttpPatroniClient(HttpClients.forCa(caFile), baseUrl, timeout);
    }

    static PatroniClient create(HttpClient http, String baseUrl, Duration timeout) {
        return new HttpPatroniClient(http, baseUrl, timeout);
    }
}
