package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerDied;
import io.pgha.runtime.supervisor.SupervisorEvent.HeartbeatDue;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChanged;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeadershipChanged;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast paths beside Patroni ({@link SupervisorDecisions} says what they are), run on one thread: the leader key's
 * watch, Docker's death events and a 2 s heartbeat timer feed events to the decisions, whose actions go out through
 * the {@link SupervisorPorts}; an action's answer is decided on at once, before the next event. A broken watch or
 * event stream is renewed after a second. If the supervisor dies, Patroni and the checks behave as without it.
 * Several may run: only the one that holds the supervisors' lease acts ({@link LeaseKeeper}, docs/decisions/0035);
 * before any event is decided on, a change of that is decided on first.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final SupervisorSettings settings;
    private final SupervisorPorts ports;
    private final SupervisorMetrics metrics;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgha-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final SupervisorEffects effects;
    private final LeaseKeeper lease;
    private SupervisorState state; // read and written on the loop thread only
    private volatile String heartbeatJson; // the key's value when this supervisor takes the lease
    private LeaderKey.Subscription leaderWatch;
    private Closeable deathEvents;
    private volatile boolean closed;

    /** @see SupervisorFactory#live(SupervisorSettings) for the supervisor of a stack */
    public Supervisor(SupervisorSettings settings, SupervisorPorts ports) {
        this(settings, ports, SupervisorMetrics.NONE);
    }

    public Supervisor(SupervisorSettings settings, SupervisorPorts ports, SupervisorMetrics metrics) {
        this.settings = settings;
        this.ports = ports;
        this.metrics = metrics;
        this.state = SupervisorState.initial(SupervisorState.Policy.of(settings, Instant.now()));
        this.heartbeatJson = state.heartbeat().toJson();
        this.lease = new LeaseKeeper(
                ports.leadership(),
                LeaseKeeper.TTL,
                System::nanoTime,
                () -> heartbeatJson,
                () -> {
                    if (!closed) {
                        loop.execute(this::syncLeadership);
                    }
                },
                () -> AliveFile.touch(settings.aliveFile()));
        this.effects = new SupervisorEffects(
                ports,
                new PromotionWait(ports.readiness(), settings.promotionWait(), () -> closed),
                () -> closed,
                lease::current,
                lease::lookNow);
    }

    /** Whether this supervisor holds the supervisors' lease now, and so acts (its scheduled backups ask). */
    public boolean leading() {
        return lease.current().isPresent();
    }

    public void start() {
        LOG.info(
                "supervising scope {} (members {}, fence={}, route={}, promotion seen by {})",
                settings.scope(),
                settings.members(),
                settings.fence(),
                settings.route(),
                state.policy().promotionCheck());
        lease.start();
        if (settings.fence()) {
            loop.execute(this::listenForDeaths); // before the leader key's first read, whose routing may take a while
        }
        loop.execute(this::watchLeader);
        loop.scheduleWithFixedDelay(() -> handle(new HeartbeatDue()), 0, 2, TimeUnit.SECONDS);
    }

    /** Decides on the event, then carries out the actions in order; an answer is handled before the next action. */
    private void handle(SupervisorEvent event) {
        syncLeadership();
        decideAndAct(event);
    }

    /** Decides on a change of this supervisor's tenure, as its lease keeper says now, before anything else. */
    private void syncLeadership() {
        Optional<Long> tenure = lease.current().map(t -> t.createRevision());
        if (!tenure.equals(state.tenure())) {
            decideAndAct(new LeadershipChanged(tenure));
        }
    }

    private void decideAndAct(SupervisorEvent event) {
        long started = System.nanoTime();
        long inAnswers = 0;
        SupervisorDecisions.Decision decision = SupervisorDecisions.next(state, event, Instant.now());
        state = decision.state();
        heartbeatJson = state.heartbeat().toJson();
        for (SupervisorAction action : decision.actions()) {
            Optional<SupervisorEvent> answer = effects.perform(action);
            if (answer.isPresent()) {
                long answering = System.nanoTime();
                handle(answer.get());
                inAnswers += System.nanoTime() - answering;
            }
        }
        metrics.handled(event, decision.actions(), Duration.ofNanos(System.nanoTime() - started - inAnswers));
    }

    private void watchLeader() {
        if (closed) {
            return;
        }
        try {
            LeaderKey.Holder holder = ports.leaderKey().read();
            LOG.info(
                    "leader key {} names {}",
                    ports.leaderKey().path(),
                    holder.member().orElse("nobody"));
            handle(new LeaderKeyRead(holder));
            leaderWatch = ports.leaderKey()
                    .watch(holder.revision(), h -> loop.execute(() -> handle(new LeaderKeyChanged(h))), error -> {
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
            deathEvents = ports.containers()
                    .listenForDeaths(
                            (member, at) -> loop.execute(() -> handle(new ContainerDied(member, at))), error -> {
                                LOG.warn("Docker event stream failed ({}); listening again", error.getMessage());
                                loop.schedule(this::listenForDeaths, 1, TimeUnit.SECONDS);
                            });
        } catch (RuntimeException e) {
            LOG.warn("cannot listen to Docker events: {}; retrying", e.getMessage());
            loop.schedule(this::listenForDeaths, 2, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.shutdownNow();
        lease.close();
        if (leaderWatch != null) {
            leaderWatch.close();
        }
        if (deathEvents != null) {
            try {
                deathEvents.close();
            } catch (IOException ignored) {
                // closing the event stream
            }
        }
        metrics.close();
        try {
            ports.resources().close();
        } catch (Exception e) {
            LOG.debug("closing the supervisor's connections failed: {}", e.getMessage());
        }
    }
}
