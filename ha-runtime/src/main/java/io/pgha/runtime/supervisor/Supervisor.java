package io.pgha.runtime.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.dcs.EtcdSession;
import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.dcs.StateKey;
import io.pgha.runtime.docker.ContainerDeaths;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.router.HaproxyRuntimeApi;
import java.io.Closeable;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast paths beside Patroni. It never decides who leads — Patroni does — it only shortens the waits:
 * <ul>
 * <li>fencing: when Docker confirms that the leader's container is no longer running, the leader key is
 * deleted if it still names that member, so the replicas elect a new leader at once instead of after the
 * TTL. A member that is merely unreachable (partition, pause) is left alone: only Docker's word that the
 * process is gone counts;</li>
 * <li>routing: when the leader key names a new member, HAProxy is told through its runtime API to send
 * writes there as soon as that member's PostgreSQL accepts writes (asked directly, or through its Patroni when
 * the supervisor has no PostgreSQL login), and to shut the sessions of the others,
 * instead of waiting for health checks. A forced health lasts only until the next check, so the checks
 * stay the safety net.</li>
 * </ul>
 * Everything runs on one thread; if the supervisor dies, Patroni and the checks behave as without it.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final String WRITE = "primary";
    private static final String READ = "replicas";

    private final SupervisorSettings settings;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgha-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Instant startedAt = Instant.now();
    private EtcdSession etcd;
    private LeaderKey leaderKey;
    private StateKey stateKey;
    private HaproxyRuntimeApi router;
    private ContainerDeaths deaths;
    private LeaderKey.Subscription leaderWatch;
    private Closeable deathEvents;
    private MemberConnections postgres;
    private Optional<String> leader = Optional.empty();
    private Optional<String> routedTo = Optional.empty();
    private String lastAction = "started";
    private Instant lastActionAt = Instant.now();
    private volatile boolean closed;

    public Supervisor(SupervisorSettings settings) {
        this.settings = settings;
    }

    public void start() {
        etcd = EtcdSession.open(settings.etcdEndpoints(), Duration.ofSeconds(2));
        leaderKey = etcd.leaderKey(settings.namespace(), settings.scope(), Duration.ofSeconds(2));
        stateKey = etcd.stateKey(settings.stateKey(), Duration.ofSeconds(10), Duration.ofSeconds(2));
        router = HaproxyRuntimeApi.parse(settings.routerApi(), Duration.ofSeconds(2));
        postgres = settings.postgresLogin()
                .map(login -> new MemberConnections(settings.members(), settings.postgresPort(), login)).orElse(null);
        LOG.info("supervising scope {} (members {}, fence={}, route={}, promotion seen by {})", settings.scope(),
                settings.members(), settings.fence(), settings.route(), promotionCheck());
        loop.execute(this::watchLeader);
        if (settings.fence()) {
            loop.execute(this::listenForDeaths);
        }
        loop.scheduleWithFixedDelay(this::heartbeat, 0, 2, TimeUnit.SECONDS);
    }

    private void watchLeader() {
        if (closed) {
            return;
        }
        try {
            LeaderKey.Holder holder = leaderKey.read();
            leader = holder.member();
            LOG.info("leader key {} names {}", leaderKey.path(), leader.orElse("nobody"));
            leaderWatch = leaderKey.watch(holder.revision(),
                    h -> loop.execute(() -> onLeaderKey(h)),
                    error -> {
                        LOG.warn("leader watch failed ({}); watching again", error.getMessage());
                        loop.schedule(this::watchLeader, 1, TimeUnit.SECONDS);
                    });
        } catch (RuntimeException e) {
            LOG.warn("cannot watch the leader key: {}; retrying", e.getMessage());
            loop.schedule(this::watchLeader, 1, TimeUnit.SECONDS);
        }
    }

    private void listenForDeaths() {
        if (closed) {
            return;
        }
        try {
            if (deaths == null) {
                deaths = ContainerDeaths.connect();
            }
            deathEvents = deaths.listen(new HashSet<>(settings.members().stream().map(settings::containerOf).toList()),
                    container -> settings.memberOf(container).ifPresent(member -> loop.execute(() -> onContainerDied(member))),
                    error -> {
                        LOG.warn("Docker event stream failed ({}); listening again", error.getMessage());
                        loop.schedule(this::listenForDeaths, 1, TimeUnit.SECONDS);
                    });
        } catch (RuntimeException e) {
            LOG.warn("cannot listen to Docker events: {}; retrying", e.getMessage());
            loop.schedule(this::listenForDeaths, 2, TimeUnit.SECONDS);
        }
    }

    private void onLeaderKey(LeaderKey.Holder holder) {
        Optional<String> previous = leader;
        leader = holder.member();
        if (leader.equals(previous)) {
            return;
        }
        LOG.info("leader key changed: {} -> {}", previous.orElse("nobody"), leader.orElse("nobody"));
        if (!settings.route()) {
            return;
        }
        if (leader.isEmpty() && previous.isPresent()) {
            stopWritesTo(previous.get());
        } else if (leader.isPresent() && !leader.equals(routedTo)) {
            routeWritesTo(leader.get());
        }
    }

    /**
     * Nobody holds the key, so nobody may take writes: the old leader leaves the write listener now (during a
     * switchover it is shut down already), and a client's connect fails at once and retries instead of waiting
     * in HAProxy's retries against a refusing server until the new leader is routed.
     */
    private void stopWritesTo(String member) {
        takeOffWrites(member);
        routedTo = Optional.empty();
        record("stopped writes to " + member + ": nobody holds the leader key");
    }

    private void onContainerDied(String member) {
        try {
            LeaderKey.Holder holder = leaderKey.read();
            if (!holder.member().equals(Optional.of(member))) {
                LOG.info("container {} stopped; it is not the leader, nothing to do", member);
                return;
            }
            if (!deaths.confirmedNotRunning(settings.containerOf(member))) {
                LOG.info("container {} reported dead but Docker says it runs again; leaving the leader key alone", member);
                return;
            }
            boolean released = leaderKey.deleteIfHeldBy(member);
            record(released ? "fenced " + member + ": its container stopped, leader key released"
                    : "container " + member + " stopped but the leader key had already moved");
            if (settings.route()) {
                takeOffWrites(member);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not fence {}: {}", member, e.getMessage());
        }
    }

    private void routeWritesTo(String member) {
        if (!waitUntilPrimary(member)) {
            LOG.warn("{} took the leader key but its PostgreSQL did not leave recovery within {} ms; leaving routing to the checks",
                    member, settings.promotionWait().toMillis());
            return;
        }
        tryRouter(() -> {
            router.forceHealth(WRITE, member, true);
            for (String other : settings.members()) {
                if (!other.equals(member)) {
                    router.forceHealth(WRITE, other, false);
                    router.shutdownSessions(WRITE, other);
                }
            }
            router.forceHealth(READ, member, false);
        });
        routedTo = Optional.of(member);
        record("routed writes to " + member + ": its PostgreSQL accepts writes");
    }

    /**
     * Patroni answers /primary as soon as it holds the leader key, while PostgreSQL may still be in recovery
     * (a promotion waits for the startup process): a client routed then gets a read-only session. So writes are
     * routed once PostgreSQL itself is out of recovery. With a login the supervisor asks it directly, every 10 ms,
     * on a connection it keeps open ({@link MemberConnections}): the answer comes within milliseconds of the
     * promotion and costs the new leader nothing, where each /patroni answer takes the interpreter lock of the
     * Patroni that is promoting. Whenever PostgreSQL cannot be asked (no login, refused, not up), its Patroni's
     * /patroni is asked instead.
     */
    private boolean waitUntilPrimary(String member) {
        PatroniClient patroni = PatroniClient.create(http, "http://" + member + ":" + settings.patroniPort(), Duration.ofMillis(500));
        long deadline = System.nanoTime() + settings.promotionWait().toNanos();
        while (System.nanoTime() < deadline && !closed) {
            Optional<Boolean> writable = postgres == null ? Optional.empty() : postgres.acceptsWrites(member);
            if (writable.orElse(false) || writable.isEmpty() && patroniSaysPrimary(patroni)) {
                return true;
            }
            try {
                Thread.sleep(writable.isPresent() ? 10 : 50); // a bounded poll of one member, not synchronisation between threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean patroniSaysPrimary(PatroniClient patroni) {
        try {
            return patroni.node().role() == Role.LEADER;
        } catch (PghaException e) {
            return false; // not answering yet
        }
    }

    private String promotionCheck() {
        return settings.postgresLogin().isPresent() ? "postgres" : "patroni";
    }

    private void takeOffWrites(String member) {
        tryRouter(() -> {
            router.forceHealth(WRITE, member, false);
            router.shutdownSessions(WRITE, member);
        });
    }

    private void tryRouter(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("router command failed: {}", e.getMessage());
        }
    }

    private void record(String action) {
        lastAction = action;
        lastActionAt = Instant.now();
        LOG.info(action);
        heartbeat();
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        try {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("state", "active");
            state.put("startedAt", startedAt.toString());
            state.put("leader", leader.orElse(null));
            state.put("fence", settings.fence());
            state.put("route", settings.route());
            state.put("promotionCheck", promotionCheck());
            state.put("lastAction", lastAction);
            state.put("lastActionAt", lastActionAt.toString());
            stateKey.publish(json.writeValueAsString(state));
            settings.aliveFile().ifPresent(Supervisor::touch);
        } catch (Exception e) {
            LOG.debug("heartbeat not written: {}", e.getMessage());
        }
    }

    private static void touch(java.nio.file.Path file) {
        try {
            if (!java.nio.file.Files.exists(file)) {
                java.nio.file.Files.createFile(file);
            }
            java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now()));
        } catch (java.io.IOException e) {
            LOG.debug("alive file {} not touched: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.shutdownNow();
        if (leaderWatch != null) {
            leaderWatch.close();
        }
        if (deathEvents != null) {
            try {
                deathEvents.close();
            } catch (java.io.IOException ignored) {
                // closing the event stream
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }
}
