package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.patroni.PatroniCluster;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The clusters pgha knows, each with where it comes from and, asked of its Patroni members at once, its state. */
public final class KnownClusters {

    private static final Duration ASK = Duration.ofMillis(1500);

    /**
     * One known cluster.
     *
     * @param origin  provisioned (pgha made it) or attached
     * @param source  where it runs: the Docker stack, else its etcd endpoints or Patroni URLs
     * @param state   running, degraded (no leader, or members not running), or unreachable
     * @param leader  the member that leads, when one answered
     * @param running members running, of {@code members}
     */
    public record Entry(
            String name,
            String scope,
            String origin,
            String source,
            String state,
            Optional<String> leader,
            int running,
            int members) {}

    private final ClusterRegistry registry;

    public KnownClusters(ClusterRegistry registry) {
        this.registry = registry;
    }

    /** Every known cluster, sorted by name; all are asked in parallel, each within 1.5 s. */
    public List<Entry> list() {
        List<CompletableFuture<Entry>> asked = registry.list().stream()
                .map(c -> CompletableFuture.supplyAsync(
                        () -> entry(c), runnable -> Thread.ofVirtual().start(runnable)))
                .toList();
        return asked.stream().map(CompletableFuture::join).toList();
    }

    static Entry entry(ClusterConnection c) {
        String origin = c.origin().name().toLowerCase(Locale.ROOT);
        String source = c.dockerStack()
                .map(s -> "docker stack " + s)
                .orElseGet(() -> c.etcdEndpoints().isEmpty()
                        ? String.join(",", c.patroniUrls().values())
                        : String.join(",", c.etcdEndpoints()));
        Optional<PatroniCluster> seen = c.patroniUrls().values().stream()
                .sorted()
                .map(url -> ask(url, c.caFile()))
                .flatMap(Optional::stream)
                .findFirst();
        if (seen.isEmpty()) {
            return new Entry(
                    c.name(),
                    c.scope(),
                    origin,
                    source,
                    "unreachable",
                    Optional.empty(),
                    0,
                    c.patroniUrls().size());
        }
        List<Member> members = seen.get().members();
        int running = (int) members.stream()
                .filter(m -> "running".equals(m.state()) || "streaming".equals(m.state()))
                .count();
        Optional<String> leader = seen.get().leader().map(Member::name);
        int expected = Math.max(members.size(), c.patroniUrls().size());
        String state = leader.isPresent() && running == expected ? "running" : "degraded";
        return new Entry(c.name(), c.scope(), origin, source, state, leader, running, expected);
    }

    private static Optional<PatroniCluster> ask(String url, Optional<String> caFile) {
        try {
            return Optional.of(PatroniClient.create(url, caFile, ASK).cluster());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    /** "pg-0 leads, 3/3 running" and the like, for one line of text. */
    public static String summary(Entry e) {
        return e.state().equals("unreachable")
                ? "no member answers"
                : e.leader().map(l -> l + " leads").orElse("no leader") + ", " + e.running() + "/" + e.members()
                        + " running";
    }
}
