package io.pgha.runtime.drill;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Two failovers close together (issue 22): the primary is killed, and its successor is killed too, within
 * {@link #WINDOW} of the first kill, once the role watcher sees it take writes and a third member is able to take over
 * from it without the dead one (see {@link #thirdCanTakeOver}), or at the end of the window; the third member must take
 * over. Both killed
 * containers are started again at the heal. When no member takes writes within the window the successor is not
 * killed, and the result says so.
 */
final class DoubleFailoverFault implements DrillFault {

    /** The longest from the first kill to the second. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 20;

    @Override
    public InjectedFault inject(FaultTools tools, String leader) {
        String first = tools.target().containerOf(leader);
        long killedAt = System.currentTimeMillis();
        long deadline = System.nanoTime() + WINDOW.toNanos();
        tools.docker().kill(first);
        InjectedFault firstOnly = InjectedFault.healedBy(() -> tools.docker().start(first));
        try {
            Optional<String> successor = Optional.empty();
            while (successor.isEmpty() && System.nanoTime() < deadline && pause()) {
                successor =
                        tools.samples().firstWritableOtherThan(leader, killedAt).map(RoleSamples.Sample::node);
            }
            if (successor.isEmpty()) {
                return firstOnly.withNote("no member took writes within " + WINDOW.toSeconds() + " s of killing "
                        + leader + ": its successor was not killed (one failover only)");
            }
            String next = successor.get();
            long seenAt = System.currentTimeMillis();
            boolean ready = false;
            try (QuorumView quorum = QuorumView.open(tools.target())) {
                while (!ready && System.nanoTime() < deadline && pause()) {
                    ready = quorum.sync()
                            .map(sync -> thirdCanTakeOver(tools.patroni().cluster(), sync, leader, next))
                            .orElse(false);
                }
            }
            String second = tools.target().containerOf(next);
            tools.docker().kill(second);
            long secondAt = System.currentTimeMillis();
            InjectedFault both = InjectedFault.healedBy(() -> {
                tools.docker().start(first);
                tools.docker().start(second);
            });
            return both.withNote("killed " + leader + ", then its successor " + next + " "
                    + seconds(secondAt - killedAt)
                    + " s later (writable " + seconds(seenAt - killedAt) + " s after the first kill"
                    + (ready
                            ? ", a third member streaming in its synchronous set"
                            : "; within " + WINDOW.toSeconds() + " s no third member streamed from it in a /sync key"
                                    + " without " + leader + ": Patroni's quorum rule may keep every survivor from"
                                    + " promoting until a killed member is back")
                    + ")");
        } catch (RuntimeException e) {
            try {
                firstOnly.heal();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    @Override
    public boolean lasting() {
        return false;
    }

    @Override
    public RecoveredWhen recoveredWhen() {
        return RecoveredWhen.THIRD_MEMBER_TAKES_WRITES;
    }

    /**
     * Whether a third member could take over from {@code successor} without the dead {@code killed}: Patroni shows
     * {@code successor} leading and a member other than both streaming on its timeline, and, in synchronous mode, the
     * /sync key was written by {@code successor} and names that member but no longer {@code killed}. In quorum mode a
     * member may promote only when it reaches enough of the /sync key's members to know it has every acknowledged
     * commit; a dead member left there blocks every survivor (docs/decisions/0038), which is safe but no failover.
     * Patroni's /cluster does not show that once the dead member's key is gone, so the /sync key is read itself.
     */
    static boolean thirdCanTakeOver(
            Map<String, DrillPatroni.MemberView> view, QuorumView.Sync sync, String killed, String successor) {
        DrillPatroni.MemberView lead = view.get(successor);
        if (lead == null || !"leader".equals(lead.role())) {
            return false;
        }
        if (sync.enabled()
                && (!successor.equals(sync.leader()) || sync.members().contains(killed))) {
            return false;
        }
        return view.values().stream()
                .anyMatch(m -> !m.name().equals(killed)
                        && !m.name().equals(successor)
                        && m.streamingReplica()
                        && m.timeline() == lead.timeline()
                        && (!sync.enabled() || sync.members().contains(m.name())));
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** Polls the watcher's samples (one per node every 50 ms), Patroni and etcd; false once the thread is interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
