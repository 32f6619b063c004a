package io.pgha.runtime.patroni;

import io.pgha.runtime.cluster.RestApiCredentials;
import io.pgha.runtime.http.HttpClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The unsafe calls of one member's Patroni REST API: they change the cluster. Each carries the cluster's
 * REST API credentials when it has some. Any HTTP answer comes back as a {@link PatroniReply} for the
 * caller to judge, except 401/403, which is a {@link io.pgha.runtime.PghaException} of kind UNAUTHORIZED;
 * a member that cannot be reached is a PghaException too.
 */
public interface PatroniActions {

    String baseUrl();

    /** POST /switchover {"leader", "candidate", "scheduled_at"}: Patroni answers once the switchover is done (or scheduled). */
    PatroniReply switchover(String leader, Optional<String> candidate, Optional<Instant> scheduledAt);

    /** DELETE /switchover: removes a scheduled switchover. */
    PatroniReply cancelSwitchover();

    /** POST /failover {"candidate"}: promotes the candidate when there is no leader. */
    PatroniReply failover(String candidate);

    /** POST /restart: restarts this member's PostgreSQL, only if a restart is pending when asked. */
    PatroniReply restart(boolean onlyIfPendingRestart);

    /** POST /reinitialize: this replica's data directory is removed and cloned again; Patroni answers when it has started. */
    PatroniReply reinitialize();

    /** PATCH /config: merges the patch into the dynamic configuration (a null value removes a key). */
    PatroniReply patchConfig(Map<String, Object> patch);

    static PatroniActions create(String baseUrl, Optional<RestApiCredentials> credentials) {
        return create(baseUrl, credentials, HttpPatroniActions.WAITING_CALL);
    }

    /**
     * @param waitingCall the deadline of the calls Patroni answers only once done (switchover, failover, restart):
     *                    75 s by default
     */
    static PatroniActions create(String baseUrl, Optional<RestApiCredentials> credentials, Duration waitingCall) {
        return new HttpPatroniActions(HttpClients.shared(), baseUrl, credentials, waitingCall);
    }

    /** Actions over a cluster's HTTPS REST API, trusting its CA ({@code caFile}). */
    static PatroniActions create(String baseUrl, Optional<RestApiCredentials> credentials, Optional<String> caFile) {
        return new HttpPatroniActions(HttpClients.forCa(caFile), baseUrl, credentials, HttpPatroniActions.WAITING_CALL);
    }

    static PatroniActions create(
            String baseUrl, Optional<RestApiCredentials> credentials, Optional<String> caFile, Duration waitingCall) {
        return new HttpPatroniActions(HttpClients.forCa(caFile), baseUrl, credentials, waitingCall);
    }
}
