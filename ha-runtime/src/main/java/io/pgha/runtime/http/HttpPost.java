package io.pgha.runtime.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A POST of a small JSON body, for endpoints that need no client of their own: etcd's HTTP gateway. Sent on the client
 * for the cluster's CA ({@link HttpClients#forCa}), whose connections stay open between calls where the server keeps
 * them alive.
 */
public final class HttpPost {

    private HttpPost() {}

    /** The answer, whatever its status; completes exceptionally when there is none. */
    public static CompletableFuture<HttpGet.Answer> json(
            String url, String body, Optional<String> caFile, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClients.forCa(caFile)
                .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new HttpGet.Answer(r.statusCode(), r.body()));
    }
}
