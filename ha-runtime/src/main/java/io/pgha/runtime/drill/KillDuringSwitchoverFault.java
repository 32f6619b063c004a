package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterSnapshot;
import java.time.Duration;
import java.util.List;

/**
 * Two faults close together (issue 22): a planned switchover is asked for, and the old primary is killed as soon as
 * it stops taking writes, i.e. in the middle of handing over (Patroni demoting it, the candidate not yet promoted).
 * The candidate or the third member must take over without losing an acknowledged write; the old primary is
 * started again at the heal.
 */
final class KillDuringSwitchoverFault implements HandoverFault {

    /** How long the handover may take to begin before the primary is killed anyway (then it is a plain kill). */
    static final Duration HANDOVER_START_LIMIT = Duration.ofSeconds(5);

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        ClusterSnapshot view = tools.patroni()
                .snapshot()
                .orElseThrow(() -> PghaException.unavailable("no member's Patroni answers: no switchover"));
        String candidate = SwitchoverFault.candidate(view);
        String container = tools.target().containerOf(leader);
        long askedAt = System.currentTimeMillis();
        Thread request = Thread.ofVirtual().name("pgha-drill-switchover").start(() -> {
            try {
                tools.patroni().switchover(leader, candidate);
            } catch (RuntimeException cutShort) {
                // the leader is killed under its own switchover: Patroni's answer does not matter
            }
        });
        awaitHandoverBegun(tools.samples(), leader, askedAt);
        tools.docker().kill(container);
        return InjectedFault.healedBy(() -> tools.docker().start(container)).watchedBy(request);
    }

    /** Until the watcher saw {@code leader} not writable after the request, or the limit passed. */
    private static void awaitHandoverBegun(RoleSamples samples, String leader, long askedAtMillis) {
        long deadline = System.nanoTime() + HANDOVER_START_LIMIT.toNanos();
        while (!handoverBegun(samples.snapshot(), leader, askedAtMillis) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // polling the watcher's samples (one per node every 50 ms)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether a sample taken after the request shows {@code leader} read-only or unreachable. */
    static boolean handoverBegun(List<RoleSamples.Sample> samples, String leader, long askedAtMillis) {
        return samples.stream()
                .anyMatch(s -> s.node().equals(leader)
                        && s.epochMillis() >= askedAtMillis
                        && s.state() != RoleSamples.State.WRITABLE);
    }
}
