package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.SupervisorLease.Tenure;
import io.pgha.runtime.supervisor.SupervisorAction.AskHolderThroughEngine;
import io.pgha.runtime.supervisor.SupervisorAction.AwaitPromotion;
import io.pgha.runtime.supervisor.SupervisorAction.ConfirmNotRunning;
import io.pgha.runtime.supervisor.SupervisorAction.DeleteLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.ForceHealth;
import io.pgha.runtime.supervisor.SupervisorAction.Log;
import io.pgha.runtime.supervisor.SupervisorAction.PublishHeartbeat;
import io.pgha.runtime.supervisor.SupervisorAction.ReadCluster;
import io.pgha.runtime.supervisor.SupervisorAction.ReadHolderRenewal;
import io.pgha.runtime.supervisor.SupervisorAction.ReadLeaderKey;
import io.pgha.runtime.supervisor.SupervisorAction.RouterCommand;
import io.pgha.runtime.supervisor.SupervisorAction.RouterCommands;
import io.pgha.runtime.supervisor.SupervisorAction.ShutdownSessions;
import io.pgha.runtime.supervisor.SupervisorEvent.ClusterRead;
import io.pgha.runtime.supervisor.SupervisorEvent.ContainerInspected;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderAnswered;
import io.pgha.runtime.supervisor.SupervisorEvent.HolderRenewalRead;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyChecked;
import io.pgha.runtime.supervisor.SupervisorEvent.LeaderKeyDeleted;
import io.pgha.runtime.supervisor.SupervisorEvent.PromotionAwaited;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the supervisor's actions through its ports. An action that asks something returns the answer as the
 * next event; a failure is logged and ends that line of work (the next event starts afresh).
 */
final class SupervisorEffects {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final SupervisorPorts ports;
    private final PromotionWait promotion;
    private final BooleanSupplier closed;
    private final Supplier<Optional<Tenure>> tenure;
    private final Runnable tenureRefused;

    /**
     * @param tenure        this supervisor's tenure of the supervisors' lease, as its keeper says now
     * @param tenureRefused told when etcd refused a write made on that tenure (the keeper looks again)
     */
    SupervisorEffects(
            SupervisorPorts ports,
            PromotionWait promotion,
            BooleanSupplier closed,
            Supplier<Optional<Tenure>> tenure,
            Runnable tenureRefused) {
        this.ports = ports;
        this.promotion = promotion;
        this.closed = closed;
        this.tenure = tenure;
        this.tenureRefused = tenureRefused;
    }

    Optional<SupervisorEvent> perform(SupervisorAction action) {
        return switch (action) {
            case ReadLeaderKey read ->
                fencing(
                        read.deadMember(),
                        () -> new LeaderKeyChecked(
                                read.deadMember(), ports.leaderKey().read(), read.diedAt()));
            case ReadCluster read -> {
                try {
                    yield Optional.of(new ClusterRead(ports.leaderKey().read()));
                } catch (RuntimeException e) {
                    LOG.warn("could not read the leader key to route writes: {}; trying again", e.getMessage());
                    yield Optional.empty();
                }
            }
            case ConfirmNotRunning confirm ->
                fencing(
                        confirm.member(),
                        () -> new ContainerInspected(
                                confirm.member(),
                                confirm.modRevision(),
                                ports.containers().confirmedNotRunning(confirm.member()),
                                confirm.onStart()));
            case DeleteLeaderKey delete ->
                fencing(
                        delete.member(),
                        () -> new LeaderKeyDeleted(
                                delete.member(),
                                ports.leaderKey()
                                        .deleteIfHeldBy(delete.member(), delete.modRevision(), delete.tenure())));
            case ReadHolderRenewal read -> {
                try {
                    io.pgha.runtime.dcs.LeaderKey.Renewal renewal =
                            ports.leaderKey().readRenewal();
                    yield Optional.of(new HolderRenewalRead(renewal.key(), renewal.unrenewedFor(), read.after()));
                } catch (RuntimeException e) {
                    LOG.debug("could not read the leader key's lease: {}", e.getMessage());
                    yield Optional.empty();
                }
            }
            case AskHolderThroughEngine ask -> {
                HolderWrites writes;
                try {
                    writes = ports.containers().askWrites(ask.member());
                } catch (RuntimeException e) {
                    writes = HolderWrites.unknown(e.getMessage());
                }
                yield Optional.of(new HolderAnswered(ask.member(), ask.modRevision(), ask.askedAt(), writes));
            }
            case AwaitPromotion await ->
                Optional.of(new PromotionAwaited(await.member(), promotion.untilPrimary(await.member())));
            case RouterCommands commands -> {
                route(commands);
                yield Optional.empty();
            }
            case PublishHeartbeat publish -> {
                heartbeat(publish);
                yield Optional.empty();
            }
            case Log log -> {
                if (log.level() == Log.Level.WARN) {
                    LOG.warn(log.message());
                } else {
                    LOG.info(log.message());
                }
                yield Optional.empty();
            }
        };
    }

    private static Optional<SupervisorEvent> fencing(String member, Supplier<SupervisorEvent> question) {
        try {
            return Optional.of(question.get());
        } catch (RuntimeException e) {
            LOG.warn("could not fence {}: {}", member, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Every router gets the whole sequence on a thread of its own: a router that is dead or slow (up to the call's
     * deadline) fails alone and delays neither the other router nor the next event by more than that deadline.
     */
    private void route(RouterCommands commands) {
        if (tenure.get().isEmpty()) {
            // the lease ran out between the decision and now: another supervisor may lead already
            LOG.warn("router commands not sent: this supervisor no longer holds the supervisors' lease");
            return;
        }
        List<RouterPort> routers = ports.router().each();
        if (routers.size() == 1) {
            route(routers.getFirst(), commands);
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (RouterPort router : routers) {
            threads.add(Thread.ofVirtual().name("pgha-route").start(() -> route(router, commands)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void route(RouterPort router, RouterCommands commands) {
        try {
            for (RouterCommand command : commands.commands()) {
                switch (command) {
                    case ForceHealth f -> router.forceHealth(f.listener(), f.member(), f.up());
                    case ShutdownSessions s -> router.shutdownSessions(s.listener(), s.member());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("router command failed: {}", e.getMessage());
        }
    }

    private void heartbeat(PublishHeartbeat publish) {
        if (closed.getAsBoolean()) {
            return;
        }
        Optional<Tenure> held = tenure.get();
        if (held.isEmpty()) {
            return; // only the leader's heartbeat is the key's value
        }
        try {
            if (!ports.heartbeat().publish(held.get(), publish.heartbeat())) {
                LOG.warn("heartbeat refused: the supervisors' lease key is no longer this tenure's");
                tenureRefused.run();
            }
        } catch (Exception e) {
            LOG.debug("heartbeat not written: {}", e.getMessage());
        }
    }
}
