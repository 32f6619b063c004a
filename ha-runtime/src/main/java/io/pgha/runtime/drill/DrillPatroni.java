package io.pgha.runtime.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The little a drill asks Patroni: who leads, who streams, and a planned switchover. */
final class DrillPatroni {

    /** One member of GET /cluster. */
    record MemberView(String name, String role, String state, int timeline) {
        boolean streamingReplica() {
            return !"leader".equals(role) && "streaming".equals(state);
        }
    }

    private final Map<String, String> urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json = new ObjectMapper();

    DrillPatroni(Map<String, String> urls) {
        this.urls = urls;
    }

    /** GET /cluster from the first member that answers. */
    Map<String, MemberView> cluster() {
        return firstAnswer("/cluster").map(body -> {
            Map<String, MemberView> members = new HashMap<>();
            for (JsonNode m : body.path("members")) {
                members.put(m.path("name").asText(), new MemberView(m.path("name").asText(), m.path("role").asText(),
                        m.path("state").asText(), m.path("timeline").asInt(-1)));
            }
            return members;
        }).orElse(Map.of());
    }

    /** The JSON body of the first member that answers GET path with 200; empty when none does. */
    private Optional<JsonNode> firstAnswer(String path) {
        for (String url : urls.values()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Optional.of(json.readTree(r.body()));
                }
            } catch (IOException e) {
                // try the next member
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a failover could happen now without losing an acknowledged commit: one running leader, every
     * other member streaming on its timeline and, in synchronous mode, the replicas in the synchronous set
     * (Patroni lets only those take over). Right after a start the replicas stream a loop before the leader
     * names them in its synchronous set; a primary killed in that moment is, rightly, not replaced.
     */
    static boolean readyForFailover(Map<String, MemberView> members, int expected, String synchronousMode) {
        if (members.size() != expected) {
            return false;
        }
        List<MemberView> leaders = members.values().stream().filter(m -> "leader".equals(m.role()) && "running".equals(m.state())).toList();
        if (leaders.size() != 1) {
            return false;
        }
        int timeline = leaders.get(0).timeline();
        List<MemberView> replicas = members.values().stream().filter(m -> !"leader".equals(m.role())).toList();
        if (!replicas.stream().allMatch(m -> m.streamingReplica() && m.timeline() == timeline)) {
            return false;
        }
        return switch (synchronousMode) {
            case "quorum" -> replicas.stream().allMatch(m -> "quorum_standby".equals(m.role()));
            case "on" -> replicas.stream().anyMatch(m -> "sync_standby".equals(m.role()));
            default -> true;
        };
    }

    /** Patroni's synchronous_mode from GET /config, as "off", "on" or "quorum" ("off" when nobody answers). */
    String synchronousMode() {
        String mode = firstAnswer("/config").map(c -> c.path("synchronous_mode").asText("off").toLowerCase(java.util.Locale.ROOT))
                .orElse("off");
        return switch (mode) {
            case "true", "on" -> "on";
            case "quorum" -> "quorum";
            default -> "off";
        };
    }

    Optional<String> leader() {
        return cluster().values().stream().filter(m -> "leader".equals(m.role()) && "running".equals(m.state()))
                .map(MemberView::name).findFirst();
    }

    /** POST /switchover on the leader; Patroni answers 200 when the switchover happened. */
    void switchover(String leader, String candidate) {
        String url = urls.get(leader);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/switchover"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("leader", leader, "candidate", candidate))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw PghaException.refused("Patroni refused the switchover from " + leader + " to " + candidate + ": "
                        + r.statusCode() + " " + r.body().strip());
            }
        } catch (IOException e) {
            throw PghaException.unavailable("Patroni on " + leader + " did not answer the switchover: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted during the switchover", e);
        }
    }
}
