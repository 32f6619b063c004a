package io.pgha.runtime.patroni;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pgha.runtime.cluster.RestApiCredentials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link PatroniActions} over the same HTTP plumbing as {@link HttpPatroniClient}. */
final class HttpPatroniActions implements PatroniActions {

    /** Patroni answers a switchover or failover only after polling the DCS for up to 20 s, and a restart after PostgreSQL is up. */
    static final Duration WAITING_CALL = Duration.ofSeconds(75);

    static final Duration QUICK_CALL = Duration.ofSeconds(10);

    private final HttpPatroniClient waiting;
    private final HttpPatroniClient quick;
    private final Optional<RestApiCredentials> credentials;

    HttpPatroniActions(
            HttpClient http, String baseUrl, Optional<RestApiCredentials> credentials, Duration waitingCall) {
        this.waiting = new HttpPatroniClient(http, baseUrl, waitingCall);
        this.quick = new HttpPatroniClient(http, baseUrl, QUICK_CALL);
        this.credentials = credentials;
    }

    @Override
    public String baseUrl() {
        return quick.baseUrl();
    }

    @Override
    public PatroniReply switchover(String leader, Optional<String> candidate, Optional<Instant> scheduledAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leader", leader);
        candidate.ifPresent(c -> body.put("candidate", c));
        scheduledAt.ifPresent(
                at -> body.put("scheduled_at", at.atOffset(ZoneOffset.UTC).toString()));
        return send(scheduledAt.isPresent() ? quick : waiting, "POST", "/switchover", body);
    }

    @Override
    public PatroniReply cancelSwitchover() {
        return send(quick, "DELETE", "/switchover", null);
    }

    @Override
    public PatroniReply failover(String candidate) {
        return send(waiting, "POST", "/failover", Map.of("candidate", candidate));
    }

    @Override
    public PatroniReply restart(boolean onlyIfPendingRestart) {
        return send(waiting, "POST", "/restart", onlyIfPendingRestart ? Map.of("restart_pending", true) : Map.of());
    }

    @Override
    public PatroniReply reinitialize() {
        return send(quick, "POST", "/reinitialize", Map.of("force", false));
    }

    @Override
    public PatroniReply patchConfig(Map<String, Object> patch) {
        return send(quick, "PATCH", "/config", patch);
    }

    private PatroniReply send(HttpPatroniClient via, String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(PatroniJson.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body for " + path, e);
        }
        Map<String, String> headers = credentials
                .map(c -> Map.of("Authorization", c.basicAuthorization()))
                .orElse(Map.of());
        HttpResponse<String> r = via.exchange(method, path, publisher, headers);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw PatroniErrors.notAuthorised(via.baseUrl() + path, r.statusCode(), credentials.isPresent());
        }
        return new PatroniReply(r.statusCode(), r.body());
    }

    @Override
    public String toString() {
        return "PatroniActions[" + baseUrl() + "]";
    }
}
