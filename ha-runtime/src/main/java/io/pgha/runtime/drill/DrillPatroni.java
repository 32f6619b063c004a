package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.LiveLag;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The little a drill asks Patroni, through the patroni package: who leads, who streams, and a planned switchover. */
final class DrillPatroni {

    private static final Duration CALL = Duration.ofSeconds(2);
    private static final Duration SWITCHOVER_CALL = Duration.ofSeconds(30);

    /** One member of GET /cluster, in Patroni's words. */
    record MemberView(String name, String role, String state, int timeline) {
        boolean streamingReplica() {
            return !"leader".equals(role) && "streaming".equals(state);
        }

        static MemberView of(Member m) {
            return new MemberView(
                    m.name(), m.role().patroniName(), m.state(), m.timeline().orElse(-1));
        }
    }

    private final Map<String, String> urls;

    private final Optional<String> caFile;
    private final Optional<io.pgha.runtime.cluster.RestApiCredentials> credentials;

    DrillPatroni(Map<String, String> urls) {
        this(urls, Optional.empty(), Optional.empty());
    }

    DrillPatroni(
            Map<String, String> urls,
            Optional<String> caFile,
            Optional<io.pgha.runtime.cluster.RestApiCredentials> credentials) {
        this.urls = urls;
        this.caFile = caFile;
        this.credentials = credentials;
    }

    /** GET /cluster from the first member that answers. */
    Map<String, MemberView> cluster() {
        return firstAnswer(PatroniClient::cluster)
                .map(c -> {
                    Map<String, MemberView> members = new HashMap<>();
                    for (Member m : c.members()) {
                        members.put(m.name(), MemberView.of(m));
                    }
                    return members;
                })
                .orElse(Map.of());
    }

    /** Patroni's view of the cluster as a snapshot (GET /cluster and /config of the first member that answers). */
    Optional<ClusterSnapshot> snapshot() {
        return firstAnswer(client -> client.cluster().toSnapshot(client.config(), Instant.now()))
                .map(s -> s.withMembers(LiveLag.apply(s.leader(), s.members(), ownAnswers(s.leader()))));
    }

    /**
     * What each member reports itself (GET /patroni), the leader first: a replica asked after its leader is behind it
     * only by what it has not received, never by a position Patroni has not published yet.
     */
    private Map<String, LiveLag.OwnAnswer> ownAnswers(Optional<String> leader) {
        Map<String, LiveLag.OwnAnswer> answers = new HashMap<>();
        List<String> order = urls.keySet().stream()
                .sorted(Comparator.comparing(
                        (String name) -> !leader.map(name::equals).orElse(false)))
                .toList();
        for (String name : order) {
            try {
                PatroniNode own =
                        PatroniClient.create(urls.get(name), caFile, CALL).node();
                answers.put(name, new LiveLag.OwnAnswer(own.lsn(), own.role().isLeader()));
            } catch (PghaException e) {
                // that member keeps the position Patroni published
            }
        }
        return answers;
    }

    /** The first member's answer to {@code call}; empty when none answers. */
    private <T> Optional<T> firstAnswer(Function<PatroniClient, T> call) {
        for (String url : urls.values()) {
            try {
                return Optional.of(call.apply(PatroniClient.create(url, caFile, CALL)));
            } catch (PghaException e) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                // try the next member
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
        List<MemberView> leaders = members.values().stream()
                .filter(m -> "leader".equals(m.role()) && "running".equals(m.state()))
                .toList();
        if (leaders.size() != 1) {
            return false;
        }
        int timeline = leaders.get(0).timeline();
        List<MemberView> replicas = members.values().stream()
                .filter(m -> !"leader".equals(m.role()))
                .toList();
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
        return firstAnswer(PatroniClient::config)
                .map(DrillPatroni::synchronousMode)
                .orElse("off");
    }

    static String synchronousMode(Map<String, Object> config) {
        Object value = config.get("synchronous_mode");
        return switch (value == null ? "off" : String.valueOf(value).toLowerCase(Locale.ROOT)) {
            case "true", "on" -> "on";
            case "quorum" -> "quorum";
            default -> "off";
        };
    }

    Optional<String> leader() {
        return cluster().values().stream()
                .filter(m -> "leader".equals(m.role()) && "running".equals(m.state()))
                .map(MemberView::name)
                .findFirst();
    }

    /** POST /switchover on the leader; Patroni answers 200 when the switchover happened. */
    void switchover(String leader, String candidate) {
        PatroniReply r = PatroniActions.create(urls.get(leader), credentials, caFile, SWITCHOVER_CALL)
                .switchover(leader, Optional.of(candidate), Optional.empty());
        if (r.status() != 200) {
            throw PghaException.refused("Patroni refused the switchover from " + leader + " to " + candidate + ": "
                    + r.status() + " " + r.body().strip());
        }
    }
}
