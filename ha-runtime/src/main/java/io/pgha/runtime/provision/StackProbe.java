package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.RestApiCredentials;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.dcs.EtcdHealthEndpoint;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.router.RouterStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness questions asked through the stack's published ports: etcd health, Patroni's view, HAProxy's stats. Each
 * goes through its system's adapter; an answer that does not come is "not yet".
 */
final class StackProbe {

    private static final Duration CALL = Duration.ofSeconds(2);

    /** A member as Patroni's GET /cluster shows it. */
    record Member(String name, String role, String state, Integer timeline, boolean pendingRestart) {
        Member(String name, String role, String state, Integer timeline) {
            this(name, role, state, timeline, false);
        }

        boolean leader() {
            return "leader".equals(role) && "running".equals(state);
        }

        boolean streaming() {
            return ("replica".equals(role) || "sync_standby".equals(role) || "quorum_standby".equals(role))
                    && "streaming".equals(state);
        }

        static Member of(io.pgha.runtime.model.Member m) {
            return new Member(
                    m.name(),
                    m.role().patroniName(),
                    m.state(),
                    m.timeline().isPresent() ? m.timeline().getAsInt() : null,
                    m.pendingRestart());
        }
    }

    private final String host;
    private final Optional<String> caFile;
    private final Optional<String> statsAuthorization;

    /**
     * @param caFile    the cluster CA's certificate when Patroni's REST API is HTTPS
     * @param statsLogin HAProxy's stats page login, when it has one
     */
    StackProbe(String host, Optional<String> caFile, Optional<StackCredentials.Login> statsLogin) {
        this.host = host;
        this.caFile = caFile;
        this.statsAuthorization =
                statsLogin.map(l -> new RestApiCredentials(l.user(), l.password()).basicAuthorization());
    }

    /** etcd's /health on a published client port: over TLS, verified against the cluster CA, when the stack has one. */
    boolean etcdHealthy(int port) {
        return caFile.isPresent()
                ? EtcdHealthEndpoint.healthy("https://" + host + ":" + port, caFile, CALL)
                : EtcdHealthEndpoint.healthy(host, port, CALL);
    }

    boolean patroniAnswers(int port) {
        try {
            patroni(port).node();
            return true;
        } catch (PghaException e) {
            return false;
        }
    }

    /** One node's own view of itself (GET /patroni); empty when it does not answer. */
    Optional<io.pgha.runtime.patroni.PatroniNode> node(int port) {
        try {
            return Optional.of(patroni(port).node());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    /** The members as one node's Patroni REST API reports them; empty when it does not answer. */
    Optional<List<Member>> members(int port) {
        try {
            return Optional.of(
                    patroni(port).cluster().members().stream().map(Member::of).toList());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    /** Patroni's dynamic configuration (GET /config) as one node's REST API gives it; empty when it does not answer. */
    Optional<Map<String, Object>> config(int port) {
        try {
            return Optional.of(patroni(port).config());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    /** HAProxy's server states per proxy, e.g. primary to {pg-0: UP, pg-1: DOWN}; empty when stats do not answer. */
    Optional<Map<String, Map<String, String>>> routerStates(int statsPort) {
        try {
            return Optional.of(RouterStats.create("http://" + host + ":" + statsPort + "/", statsAuthorization, CALL)
                    .statusTexts());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    private PatroniClient patroni(int port) {
        return PatroniClient.create((caFile.isPresent() ? "https://" : "http://") + host + ":" + port, caFile, CALL);
    }
}
