package io.pgha.runtime.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.http.HttpClients;
import io.pgha.runtime.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prometheus's HTTP API at one base URL (e.g. http://127.0.0.1:9090): range queries and instant queries. */
public final class PrometheusClient {

    private static final ObjectMapper JSON = Json.mapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;

    public PrometheusClient(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, java.util.Optional.empty());
    }

    /**
     * @param caFile the cluster's certificate authority: asks with the cluster's HTTP client ({@link HttpClients#forCa}),
     *               the one its monitor's Patroni, etcd and router calls use, instead of a second one
     */
    public PrometheusClient(String baseUrl, Duration timeout, java.util.Optional<String> caFile) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.client = HttpClients.forCa(caFile);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GET /api/v1/query_range: every series of the query from {@code start} to {@code end}, one sample per {@code step}. */
    public List<Series> range(String query, Instant start, Instant end, Duration step) {
        return series(get("/api/v1/query_range?query=" + encode(query) + "&start=" + seconds(start) + "&end="
                + seconds(end) + "&step=" + Math.max(1, step.toSeconds()) + "s"));
    }

    /** GET /api/v1/query: every series of the query now, one sample each. */
    public List<Series> instant(String query) {
        return series(get("/api/v1/query?query=" + encode(query)));
    }

    /** GET /-/ready: true when Prometheus answers that it is ready to serve queries. */
    public boolean ready() {
        try {
            HttpResponse<String> r = send(baseUrl + "/-/ready");
            return r.statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** GET /api/v1/targets: each active scrape target's job, instance and health ("up", "down", "unknown"). */
    public List<Map<String, String>> targets() {
        return parseTargets(get("/api/v1/targets?state=active"));
    }

    static List<Map<String, String>> parseTargets(JsonNode root) {
        List<Map<String, String>> targets = new ArrayList<>();
        for (JsonNode t : root.path("data").path("activeTargets")) {
            targets.add(Map.of(
                    "job",
                    t.path("labels").path("job").asText(),
                    "instance",
                    t.path("labels").path("instance").asText(),
                    "health",
                    t.path("health").asText(),
                    "lastError",
                    t.path("lastError").asText()));
        }
        return targets;
    }

    static List<Series> parse(JsonNode root) {
        List<Series> all = new ArrayList<>();
        for (JsonNode r : root.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            List<Series.Sample> samples = new ArrayList<>();
            if (r.has("values")) {
                r.path("values").forEach(v -> sample(v).ifPresent(samples::add));
            } else if (r.has("value")) {
                sample(r.path("value")).ifPresent(samples::add);
            }
            all.add(new Series(labels, samples));
        }
        return all;
    }

    private static java.util.Optional<Series.Sample> sample(JsonNode pair) {
        double value;
        try {
            value = Double.parseDouble(pair.path(1).asText());
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return java.util.Optional.empty();
        }
        long millis = Math.round(pair.path(0).asDouble() * 1000);
        return java.util.Optional.of(new Series.Sample(Instant.ofEpochMilli(millis), value));
    }

    private List<Series> series(JsonNode root) {
        return parse(root);
    }

    private JsonNode get(String pathAndQuery) {
        String url = baseUrl + pathAndQuery;
        HttpResponse<String> r = send(url);
        JsonNode root;
        try {
            root = JSON.readTree(r.body());
        } catch (IOException e) {
            throw PrometheusErrors.translate(baseUrl, new IOException("not Prometheus's JSON: " + e.getMessage(), e));
        }
        if (r.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
            throw PrometheusErrors.answer(
                    baseUrl, r.statusCode(), root.path("error").asText(""));
        }
        return root;
    }

    private HttpResponse<String> send(String url) {
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PrometheusErrors.translate(baseUrl, e);
        } catch (IOException | RuntimeException e) {
            throw PrometheusErrors.translate(baseUrl, e);
        }
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant t) {
        return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
    }
}
