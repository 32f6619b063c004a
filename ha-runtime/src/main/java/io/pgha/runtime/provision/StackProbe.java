package io.pgha.runtime.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Readiness questions asked through the stack's published ports: etcd health, Patroni's view, HAProxy's stats. */
final class StackProbe {

    /** A member as Patroni's GET /cluster shows it. */
    record Member(String name, String role, String state, Integer timeline) {
        boolean leader() {
            return "leader".equals(role) && "running".equals(state);
        }

        boolean streaming() {
            return ("replica".equals(role) || "sync_standby".equals(role) || "quorum_standby".equals(role)) && "streaming".equals(state);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String host;

    StackProbe(String host) {
        this.host = host;
    }

    boolean etcdHealthy(int port) {
        return get(port, "/health").map(b -> b.contains("\"health\":\"true\"")).orElse(false);
    }

    boolean patroniAnswers(int port) {
        return get(port, "/patroni").isPresent();
    }

    /** The members as one node's Patroni REST API reports them; empty when it does not answer. */
    Optional<List<Member>> members(int port) {
        return get(port, "/cluster").flatMap(body -> {
            try {
                List<Member> members = new ArrayList<>();
                for (JsonNode m : JSON.readTree(body).path("members")) {
                    members.add(new Member(m.path("name").asText(), m.path("role").asText(), m.path("state").asText(),
                            m.hasNonNull("timeline") ? m.get("timeline").asInt() : null));
                }
                return Optional.of(members);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** HAProxy's server states per proxy, e.g. primary to {pg-0: UP, pg-1: DOWN}; empty when stats do not answer. */
    Optional<Map<String, Map<String, String>>> routerStates(int statsPort) {
        return get(statsPort, "/;csv").map(csv -> {
            Map<String, Map<String, String>> states = new HashMap<>();
            for (String line : csv.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length > 17 && !f[1].equals("FRONTEND") && !f[1].equals("BACKEND")) {
                    states.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], f[17]);
                }
            }
            return states;
        });
    }

    private Optional<String> get(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
