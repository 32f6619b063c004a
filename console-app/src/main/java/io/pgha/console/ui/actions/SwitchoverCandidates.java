package io.pgha.console.ui.actions;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Ranks the members that could take over as primary; the first eligible one is the one to preselect. */
public final class SwitchoverCandidates {

    private SwitchoverCandidates() {
    }

    /**
     * Every member but the leader, eligible ones first: synchronous standbys (in synchronous mode only they
     * may be promoted), then least lag, unknown lag last.
     */
    public static List<Candidate> rank(ClusterSnapshot snapshot) {
        Comparator<Candidate> order = Comparator.comparing((Candidate c) -> !c.eligible())
                .thenComparing(c -> c.role() != Role.SYNC_STANDBY)
                .thenComparingLong(c -> c.lagBytes().orElse(Long.MAX_VALUE))
                .thenComparing(Candidate::name);
        return snapshot.replicas().stream().map(m -> candidate(snapshot, m)).sorted(order).toList();
    }

    public static Optional<Candidate> best(ClusterSnapshot snapshot) {
        return rank(snapshot).stream().filter(Candidate::eligible).findFirst();
    }

    private static Candidate candidate(ClusterSnapshot snapshot, Member m) {
        return new Candidate(m.name(), m.role(), m.state(), m.lagBytes(), whyNot(snapshot, m));
    }

    private static Optional<String> whyNot(ClusterSnapshot snapshot, Member m) {
        if (m.noFailover()) {
            return Optional.of("tagged nofailover");
        }
        if (!m.isRunning()) {
            return Optional.of("not running (" + m.state() + ")");
        }
        if (snapshot.sync().enabled() && !snapshot.sync().syncStandbys().contains(m.name())) {
            return Optional.of("not a synchronous standby");
        }
        return Optional.empty();
    }
}
