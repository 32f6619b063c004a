package io.pgha.runtime.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A plain GET on the shared client, for endpoints that need no client of their own: etcd's /health, the exporters'
 * /metrics. Systems with more to say (Patroni, HAProxy) have their adapter packages.
 */
public final class HttpGet {

    /** An answer: its status code and its body as text. */
    public record Answer(int status, String body) {}

    private HttpGet() {}

    /** The body of a 200 answer; empty for any other answer, or none. */
    public static Optional<String> okBody(String url, Duration timeout) {
        return okBody(url, Optional.empty(), timeout);
    }

    /** {@link #okBody(String, Duration)} trusting the cluster's CA for an https URL (see {@link HttpClients#forCa}). */
    public static Optional<String> okBody(String url, Optional<String> caFile, Duration timeout) {
        try {
            HttpResponse<String> r =
                    HttpClients.forCa(caFile).send(request(url, timeout), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The answer, whatever its status; completes exceptionally when there is none. */
    public static CompletableFuture<Answer> answer(String url, Duration timeout) {
        return answer(url, Optional.empty(), timeout);
    }

    /** {@link #answer(String, Duration)} on the cluster's client ({@link HttpClients#forCa}): one client per cluster. */
    public static CompletableFuture<Answer> answer(String url, Optional<String> caFile, Duration timeout) {
        return HttpClients.forCa(caFile)
                .sendAsync(request(url, timeout), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body()));
    }

    private static HttpRequest request(String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    }
}
