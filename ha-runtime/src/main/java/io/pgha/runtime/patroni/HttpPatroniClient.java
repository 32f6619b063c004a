package io.pgha.runtime.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link PatroniClient} over java.net.http. */
final class HttpPatroniClient implements PatroniClient {

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    HttpPatroniClient(HttpClient http, String baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public PatroniCluster cluster() {
        return PatroniCluster.parse(getJson("/cluster"));
    }

    @Override
    public PatroniNode node() {
        return PatroniNode.parse(getJson("/patroni"));
    }

    @Override
    public List<TimelineSwitch> history() {
        return TimelineSwitch.parseAll(getJson("/history"));
    }

    @Override
    public Map<String, Object> config() {
        return PatroniJson.asMap(getJson("/config"));
    }

    @Override
    public PatroniProbe health() {
        return probe("/health");
    }

    @Override
    public PatroniProbe liveness() {
        return probe("/liveness");
    }

    @Override
    public PatroniProbe readiness() {
        return probe("/readiness");
    }

    @Override
    public NodeHealth nodeWithHealth() {
        long start = System.nanoTime();
        HttpResponse<String> r = exchange("GET", "/health", HttpRequest.BodyPublishers.noBody());
        PatroniProbe health = new PatroniProbe("/health", r.statusCode(), Duration.ofNanos(System.nanoTime() - start));
        JsonNode body;
        try {
            body = PatroniJson.parse(r.body());
        } catch (IllegalArgumentException e) {
            body = null;
        }
        // a Patroni whose /health says no more than its status code: ask /patroni too
        return body != null && body.has("state")
                ? new NodeHealth(PatroniNode.parse(body), health)
                : new NodeHealth(node(), health);
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> r = exchange("GET", path, HttpRequest.BodyPublishers.noBody());
        if (r.statusCode() / 100 != 2) {
            throw PatroniErrors.status(baseUrl + path, r.statusCode(), r.body());
        }
        try {
            return PatroniJson.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw PatroniErrors.translate(baseUrl + path, e);
        }
    }

    private PatroniProbe probe(String path) {
        long start = System.nanoTime();
        HttpResponse<String> r = exchange("GET", path, HttpRequest.BodyPublishers.noBody());
        return new PatroniProbe(path, r.statusCode(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The one place requests are sent; unsafe calls (POST, PATCH) go through here too. */
    HttpResponse<String> exchange(String method, String path, HttpRequest.BodyPublisher body) {
        return exchange(method, path, body, Map.of());
    }

    /** As {@link #exchange(String, String, HttpRequest.BodyPublisher)}, with extra headers (the unsafe calls' credentials). */
    HttpResponse<String> exchange(
            String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        String url = baseUrl + path;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .method(method, body);
            headers.forEach(builder::header);
            HttpRequest request = builder.build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PatroniErrors.translate(url, e);
        } catch (Exception e) {
            throw PatroniErrors.translate(url, e);
        }
    }

    @Override
    public String toString() {
        return "PatroniClient[" + baseUrl + "]";
    }
}
