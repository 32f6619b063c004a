package io.pgha.console.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.console.service.AttachRequest;
import io.pgha.console.service.ClusterAttachment;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A quick reachability check before the runtime's discovery: over plain HTTP, with a 3 s deadline, an etcd
 * endpoint answers and holds the scope's keys (or the Patroni URLs answer). It gives the short, specific
 * errors a wrong endpoint must give ("no etcd endpoint answers: URL (connection refused)").
 */
final class HttpAttachment implements ClusterAttachment {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final ClusterRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    HttpAttachment(ClusterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ClusterConnection attach(AttachRequest request) {
        requireNewName(registry, request.name());
        ClusterConnection connection = reach(request);
        registry.save(connection);
        return connection;
    }

    /** A valid name that no known cluster has yet, or the error that says what to change. */
    static void requireNewName(ClusterRegistry registry, String name) {
        ClusterRegistry.checkName(name);
        if (registry.find(name).isPresent()) {
            throw PghaException.conflict("a cluster named '" + name + "' is already known: choose another name");
        }
    }

    /** Checks that the cluster answers where the request says, with a clear error when it does not; saves nothing. */
    ClusterConnection reach(AttachRequest request) {
        return request.etcdEndpoints().isEmpty() ? throughPatroni(request) : throughEtcd(request);
    }

    private ClusterConnection throughEtcd(AttachRequest request) {
        List<String> failures = new ArrayList<>();
        for (String endpoint : request.etcdEndpoints()) {
            try {
                long keys = countKeys(endpoint, "/service/" + request.scope() + "/");
                if (keys == 0) {
                    throw PghaException.notFound("etcd at " + endpoint + " answers but holds no Patroni cluster with scope '"
                            + request.scope() + "' (no keys under /service/" + request.scope() + "/): check the scope");
                }
                return new ClusterConnection(request.name(), request.scope(), request.etcdEndpoints(), Optional.empty(),
                        Map.of(), Optional.empty(), Optional.empty(), ClusterConnection.Origin.ATTACHED);
            } catch (IOException e) {
                failures.add(endpoint + " (" + describe(e) + ")");
            }
        }
        throw PghaException.unavailable("no etcd endpoint answers: " + String.join(", ", failures)
                + ". Check the addresses and ports, and that etcd is running.", null);
    }

    /** etcd's HTTP gateway: POST /v3/kv/range with base64 keys, count only. */
    private long countKeys(String endpoint, String prefix) throws IOException {
        byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = key.clone();
        end[end.length - 1]++;
        String body = "{\"key\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"range_end\":\""
                + Base64.getEncoder().encodeToString(end) + "\",\"count_only\":true}";
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(endpoint + "/v3/kv/range"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"), endpoint);
        return answer.path("count").asLong(0);
    }

    private ClusterConnection throughPatroni(AttachRequest request) {
        Map<String, String> byName = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        String scope = request.scope();
        for (String url : request.patroniUrls().values()) {
            try {
                JsonNode patroni = send(HttpRequest.newBuilder(URI.create(url + "/patroni")).GET(), url);
                byName.put(patroni.path("name").asText(url), url);
                scope = scope.isBlank() ? patroni.path("patroni").path("scope").asText("") : scope;
            } catch (IOException e) {
                failures.add(url + " (" + describe(e) + ")");
            }
        }
        if (byName.isEmpty()) {
            throw PghaException.unavailable("no Patroni URL answers: " + String.join(", ", failures)
                    + ". Check the addresses and ports of the members' REST API (8008 by default).", null);
        }
        if (scope.isBlank()) {
            throw PghaException.invalidInput("the members did not say their scope: enter it");
        }
        return new ClusterConnection(request.name(), scope, List.of(), Optional.empty(), byName, Optional.empty(),
                Optional.empty(), ClusterConnection.Origin.ATTACHED);
    }

    private JsonNode send(HttpRequest.Builder request, String where) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + response.statusCode() + " from " + where);
            }
            return json.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a usable URL: " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
