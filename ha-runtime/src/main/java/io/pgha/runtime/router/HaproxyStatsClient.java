package io.pgha.runtime.router;

import io.pgha.runtime.http.HttpClients;
import io.pgha.runtime.model.RouterBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@link RouterStats} over HTTP: GET the stats page as CSV. */
final class HaproxyStatsClient implements RouterStats {

    private final String csvUrl;
    private final Duration timeout;
    private final java.util.Optional<String> authorization;
    private final HttpClient client;

    HaproxyStatsClient(String statsUrl, java.util.Optional<String> authorization, Duration timeout) {
        this(statsUrl, authorization, timeout, HttpClients.shared());
    }

    /** @param client the HTTP client to ask with: the cluster's ({@link HttpClients#forCa}), so a monitor builds one */
    HaproxyStatsClient(String statsUrl, java.util.Optional<String> authorization, Duration timeout, HttpClient client) {
        this.authorization = authorization;
        this.client = client;
        String base = statsUrl.contains(";csv") ? statsUrl.substring(0, statsUrl.indexOf(";csv")) : statsUrl;
        this.csvUrl = base + ";csv;norefresh";
        this.timeout = timeout;
    }

    @Override
    public List<RouterBackend> backends() {
        return parsed(HaproxyCsv::parse);
    }

    @Override
    public Map<String, Map<String, String>> statusTexts() {
        return parsed(HaproxyCsv::statusTexts);
    }

    private HttpRequest request() {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(csvUrl)).timeout(timeout).GET();
        authorization.ifPresent(a -> b.header("Authorization", a));
        return b.build();
    }

    private <T> T parsed(Function<String, T> parser) {
        HttpResponse<String> r;
        try {
            r = client.send(request(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RouterErrors.translate(csvUrl, e);
        } catch (Exception e) {
            throw RouterErrors.translate(csvUrl, e);
        }
        if (r.statusCode() != 200) {
            throw RouterErrors.status(csvUrl, r.statusCode());
        }
        try {
            return parser.apply(r.body());
        } catch (IllegalArgumentException e) {
            throw RouterErrors.translate(csvUrl, e);
        }
    }
}
